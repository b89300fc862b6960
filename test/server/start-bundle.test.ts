import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, bundleIsCurrent, sanitizeWorkerDefine } from '../../scripts/start.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('npm start runs the server from a bundle', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'start-bundle-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a bundled module still finds the files next to its source', async () => {
    const outfile = path.join(dir, 'metadata.mjs');
    await bundle(path.join(ROOT, 'sandbox', 'odata', 'metadata.ts'), outfile);
    const { EDMX_PATH } = (await import(pathToFileURL(outfile).href)) as { EDMX_PATH: string };
    expect(EDMX_PATH).toBe(path.join(ROOT, 'sandbox', 'inloox11-metadata.edmx.xml'));
    expect(existsSync(EDMX_PATH)).toBe(true);
  });

  it('rebuilds when a source file is newer than the bundle, and only then', async () => {
    const outfile = path.join(dir, 'main.mjs');
    expect(bundleIsCurrent(outfile)).toBe(false);
    await bundle(path.join(ROOT, 'server', 'readiness.ts'), outfile);
    expect(bundleIsCurrent(outfile)).toBe(true);
    const source = path.join(ROOT, 'shared', 'i18n.ts');
    const later = new Date(Date.now() + 60_000);
    utimesSync(outfile, new Date(), new Date(Date.now() - 60_000));
    utimesSync(source, later, later);
    try {
      expect(bundleIsCurrent(outfile)).toBe(false);
    } finally {
      const now = new Date();
      utimesSync(source, now, now);
    }
  });

  it('the bundled server runs its HTML sanitizer on the bundled worker, not through the TypeScript loader', async () => {
    // Inside the repository, so the bundles' packages resolve from its node_modules.
    const out = mkdtempSync(path.join(ROOT, 'dist', 'test-sanitizer-'));
    try {
      const worker = path.join(out, 'sanitize-worker.mjs');
      const pool = path.join(out, 'pool.mjs');
      await bundle(path.join(ROOT, 'shared', 'sanitize', 'worker-task.ts'), worker);
      await bundle(path.join(ROOT, 'shared', 'sanitize', 'pool.ts'), pool, sanitizeWorkerDefine(worker));
      const bundled = (await import(pathToFileURL(pool).href)) as typeof import('../../shared/sanitize/pool');
      expect(bundled.sanitizerWorkerFile()).toBe(pathToFileURL(worker).href);
      const sanitizer = bundled.createHtmlSanitizer({ threads: 1 });
      try {
        const message = await sanitizer.teamsMessage('<p>Hi <script>alert(1)</script><b>team</b></p>', 'en', 100);
        expect(message.html).toBe('<p>Hi <b>team</b></p>');
        expect(message.text).toBe('Hi team');
      } finally {
        await sanitizer.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
