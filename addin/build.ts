/**
 * Bundles the add-in's browser code with esbuild, in memory. The server builds once (at start or on the first
 * request) and serves the cached result; tests call the same function.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { cacheUntilFailure } from '../server/web-page';

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

export interface Asset {
  contents: Buffer;
  contentType: string;
  /** Short content hash, for cache busting in page URLs. */
  hash: string;
}

export interface AddinAssets {
  /** By file name: taskpane.js, taskpane.css, office-stub.js, dev-host.js, dev-host.css, commands.js. */
  files: Map<string, Asset>;
  /** Gzip size in bytes of what the task pane loads (its JS and CSS; Office.js not included). */
  taskpaneGzipBytes: number;
  buildMs: number;
}

const ENTRIES = [
  { in: 'taskpane.ts', out: 'taskpane' },
  { in: 'taskpane.css', out: 'taskpane' },
  { in: 'commands.ts', out: 'commands' },
  { in: 'office-stub.ts', out: 'office-stub' },
  { in: 'dev-host.ts', out: 'dev-host' },
  { in: 'dev-host.css', out: 'dev-host' },
];

export async function buildAddinAssets(options: { minify?: boolean } = {}): Promise<AddinAssets> {
  const started = performance.now();
  const result = await build({
    entryPoints: ENTRIES.map((entry) => ({ in: path.join(WEB, entry.in), out: entry.out })),
    bundle: true,
    write: false,
    outdir: '/addin-out',
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'edge100', 'safari15'],
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const files = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    const contents = Buffer.from(file.contents);
    files.set(name, {
      contents,
      contentType: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      hash: createHash('sha256').update(contents).digest('hex').slice(0, 12),
    });
  }
  const gzip = (name: string) => gzipSync(files.get(name)?.contents ?? Buffer.alloc(0), { level: 9 }).length;
  return {
    files,
    taskpaneGzipBytes: gzip('taskpane.js') + gzip('taskpane.css'),
    buildMs: Math.round(performance.now() - started),
  };
}

/** The bundle of this process, built on first use; a failed build is retried on the next call. */
export const addinAssets: () => Promise<AddinAssets> = cacheUntilFailure(() => buildAddinAssets());
