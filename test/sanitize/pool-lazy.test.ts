import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHtmlSanitizer, type HtmlSanitizer } from '../../shared/sanitize/pool';

const threads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
let sanitizer: HtmlSanitizer | undefined;

afterEach(async () => {
  await sanitizer?.close();
});

describe.runIf(process.platform === 'linux')('the sanitizer pool and memory', () => {
  it('starts its worker thread on the first job, not when the server wires it', async () => {
    await settle();
    const before = threads();
    sanitizer = createHtmlSanitizer({ threads: 1 });
    await settle();
    expect(threads()).toBe(before);

    const message = await sanitizer.teamsMessage('<p>Hello <b>team</b></p>', 'en', 100);
    expect(message.text).toContain('Hello team');
    expect(threads()).toBeGreaterThan(before);
  });

  it('closes cleanly when it never ran a job', async () => {
    sanitizer = createHtmlSanitizer();
    await expect(sanitizer.close()).resolves.toBeUndefined();
    sanitizer = undefined;
  });
});
