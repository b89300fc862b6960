import { existsSync, utimesSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, bundleIsCurrent } from '../../scripts/start.mjs';

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
});
