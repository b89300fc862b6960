/**
 * Huge and hostile mail HTML: every such request gets a clear "too large" / "too complex" answer in the person's
 * language, and while the sanitizer works on it, /healthz and bot turns are answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MARKUP_CHARS, MAX_NESTING_DEPTH } from '../../shared/sanitize/limits';
import { createHtmlSanitizer, type HtmlSanitizer } from '../../shared/sanitize/pool';
import { assertValidCard } from '../helpers/cards';
import { cardText, cardsOf, startBotHarness, type BotHarness } from '../bot/harness';

const fill = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length));
const nestedTables = (levels: number) => '<table><tr><td>'.repeat(levels) + 'cell';
const manyAttributes = (count: number) =>
  `<p ${Array.from({ length: count }, (_, i) => `data-a${i}="${i}"`).join(' ')}>text</p>`;

/** Over the size cap: refused before any parsing. */
const TOO_LARGE: Record<string, string> = {
  'huge flat HTML': fill('<p style="color:#333">Lorem ipsum dolor sit amet</p>', MAX_MARKUP_CHARS + 10),
  'many attributes': manyAttributes(Math.ceil(MAX_MARKUP_CHARS / 16)),
  'nested table cells (1.5 MB)': fill('<table><tr><td>', 1_500_000),
};

/** Within the size cap, but nested deeper than a browser would build: refused while parsing. */
const TOO_DEEP: Record<string, string> = {
  'deep nested tables': nestedTables(MAX_MARKUP_CHARS / 16),
  'deep nesting after a long harmless start':
    fill('<p>Harmless text</p>', MAX_MARKUP_CHARS - 20_000) + '<div>'.repeat(MAX_NESTING_DEPTH + 10),
};

function previewBody(bodyHtml: string) {
  return { email: { subject: 'Hostile', to: [], cc: [], bodyHtml }, trimQuoted: true };
}

let bot: BotHarness;
let sanitizer: HtmlSanitizer;

async function preview(bodyHtml: string, locale = 'en') {
  const started = performance.now();
  const response = await fetch(`${bot.baseUrl}/addin/api/preview`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': locale },
    body: JSON.stringify(previewBody(bodyHtml)),
  });
  const body = (await response.json()) as { error?: { code: string; message: string }; html?: string };
  return { status: response.status, body, finishedAt: performance.now(), ms: performance.now() - started };
}

beforeAll(async () => {
  // One thread, so concurrent hostile requests queue up and keep the sanitizer busy for their whole sum.
  sanitizer = createHtmlSanitizer({ threads: 1 });
  bot = await startBotHarness({ sanitizer });
  // The worker's first job loads the sanitizer modules, the bot's first turn its card templates: not measured.
  expect((await preview('<p>warm up</p>')).status).toBe(200);
  await bot.message('help');
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await sanitizer?.close();
});

describe('mail HTML beyond the limits', () => {
  it.each(Object.entries(TOO_LARGE))('%s: 413 too_large, in English and German', async (_name, html) => {
    const en = await preview(html, 'en-US');
    expect(en.status).toBe(413);
    expect(en.body.error).toEqual({ code: 'too_large', message: expect.stringContaining('The email is too large') });
    const de = await preview(html, 'de-DE');
    expect(de.body.error).toEqual({ code: 'too_large', message: expect.stringContaining('Die E-Mail ist zu groß') });
  });

  it.each(Object.entries(TOO_DEEP))('%s: 422 too_complex, in English and German', async (_name, html) => {
    expect(html.length).toBeLessThanOrEqual(MAX_MARKUP_CHARS);
    const en = await preview(html, 'en-US');
    expect(en.status).toBe(422);
    expect(en.body.error).toEqual({
      code: 'too_complex',
      message: expect.stringContaining('The email is too complex'),
    });
    const de = await preview(html, 'de-DE');
    expect(de.body.error?.message).toContain('Die E-Mail ist zu komplex');
  });

  it('a job that runs past the time limit is stopped and answered as too complex', async () => {
    const impatient = createHtmlSanitizer({ threads: 1, timeLimitMs: 1 });
    try {
      const html = fill('<div><span>word</span> <b>bold</b></div>', MAX_MARKUP_CHARS - 100);
      await expect(
        impatient.composeEmailDescription({ bodyHtml: html }, { locale: 'de', trimQuotedHistory: false }),
      ).rejects.toMatchObject({ code: 'too_complex', message: 'HTML too complex' });
      // The stopped thread is replaced: the next (small) job is served.
      const relaxed = createHtmlSanitizer({ threads: 1 });
      try {
        const ok = await relaxed.composeEmailDescription(
          { bodyHtml: '<p>fine</p>' },
          { locale: 'en', trimQuotedHistory: false },
        );
        expect(ok.html).toContain('<p>fine</p>');
      } finally {
        await relaxed.close();
      }
    } finally {
      await impatient.close();
    }
  }, 60_000);

  it('a real mail within the limits is still composed', async () => {
    const html = fill('<tr><td style="padding:4px">Item</td><td>42</td></tr>', 200_000);
    const ok = await preview(`<table>${html}</table><p>Regards</p>`);
    expect(ok.status).toBe(200);
    // Composed and capped at the stored description size with the closing note.
    expect(ok.body.html?.startsWith('<p><strong>Subject:</strong> Hostile</p><hr /><table><tbody><tr><td')).toBe(true);
    expect(ok.body.html?.endsWith('too long for a task description.</em></p>')).toBe(true);
  });
});

describe('everyone else is served while hostile HTML is sanitized', () => {
  it('answers /healthz and a bot turn before the hostile previews are answered', async () => {
    const sentAt = performance.now();
    // Each needs the whole document parsed before the depth limit is reached; they queue on the one thread.
    const hostile = Array.from({ length: 8 }, () => preview(TOO_DEEP['deep nesting after a long harmless start']!));

    const healthz = fetch(`${bot.baseUrl}/healthz`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
      finishedAt: performance.now(),
    }));
    const turn = bot.message('help').then((replies) => ({ replies, finishedAt: performance.now() }));

    const [health, help, results] = await Promise.all([healthz, turn, Promise.all(hostile)]);
    const lastHostile = Math.max(...results.map((r) => r.finishedAt));
    console.log(
      `hostile previews answered after ${Math.round(lastHostile - sentAt)} ms; ` +
        `healthz after ${Math.round(health.finishedAt - sentAt)} ms, bot turn after ${Math.round(help.finishedAt - sentAt)} ms`,
    );

    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(cardText(cardsOf(help.replies)[0])).toContain('InLoox');
    for (const result of results) expect(result.body.error?.code).toBe('too_complex');
    expect(health.finishedAt).toBeLessThan(lastHostile);
    expect(help.finishedAt).toBeLessThan(lastHostile);
  }, 120_000);

  it('a task submitted with hostile source HTML gets the clear card, not an unexpected error', async () => {
    const user = bot.newUser('Hostile submit');
    await bot.connect(user, bot.sandbox.accounts[0]!.apiKey);
    const sourceHtml = '<div>'.repeat(2000);
    const data = { verb: 'task.create', name: 'From a message', description: 'text', sourceText: 'text', sourceHtml };
    const { body } = await bot.invoke(
      'composeExtension/submitAction',
      { commandId: 'createTask', commandContext: 'message', data },
      { user },
    );
    const card = (body.task as { value: { card: { content: Record<string, unknown> } } }).value.card.content;
    await assertValidCard(card);
    expect(cardText(card)).toContain('The message is too complex');
  }, 60_000);

  it('the message action answers a hostile Teams message with a clear card', async () => {
    const user = bot.newUser('Hostile message');
    await bot.connect(user, bot.sandbox.accounts[0]!.apiKey);
    const messagePayload = { body: { contentType: 'html', content: nestedTables(5000) } };
    const { status, body } = await bot.invoke(
      'composeExtension/fetchTask',
      { commandId: 'createTask', commandContext: 'message', messagePayload },
      { user, locale: 'de-DE' },
    );
    expect(status).toBe(200);
    const card = (body.task as { value: { card: { content: Record<string, unknown> } } }).value.card.content;
    await assertValidCard(card);
    expect(cardText(card)).toContain('Die Nachricht ist zu komplex');
  }, 60_000);
});
