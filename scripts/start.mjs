/**
 * `npm start`: runs the server from one JavaScript bundle instead of compiling its TypeScript at every start.
 * Compiling ~500 modules through the tsx loader took 4-5 s of a 12 s start on a busy 2-core machine. The bundle
 * (dist/server/main.mjs, esbuild, node_modules left external) is rebuilt only when a source file is newer than it.
 * With WEB_CONCURRENCY=N this process forks N workers sharing the port (dist/server/cluster.mjs, server/cluster.ts).
 * Plain JavaScript on purpose: this file must run without a TypeScript loader.
 */
import cluster from 'node:cluster';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'dist', 'server', 'main.mjs');
export const CLUSTER_BUNDLE = path.join(ROOT, 'dist', 'server', 'cluster.mjs');
/** The HTML sanitizer's worker thread, bundled too: through the tsx loader its first job took 0.5–0.7 s, so 0.1 s. */
export const SANITIZE_WORKER_BUNDLE = path.join(ROOT, 'dist', 'server', 'sanitize-worker.mjs');

/**
 * Node flags of the server process (bench/findings.md, "Memory"): V8's young generation grows to 2 × 16 MB by
 * default and stays there after a burst of turns; 4 MB semi-spaces hold a turn's garbage at no measurable CPU cost.
 * `npm start` (package.json), infra/azure.bicep and docs/deploy.md pass them on the command line, the primary of
 * several workers to each worker; test/server/start-flags.test.ts keeps those places in step.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
/**
 * Environment of the server process: glibc creates up to 8 malloc arenas per core, one for each thread that
 * allocates (V8's compiler and GC threads, libuv's pool); two hold the same allocations in less memory. Read when
 * the process starts, so it is set by the host (infra/azure.bicep) or by the primary for its workers.
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
const SOURCE_DIRS = ['server', 'bot', 'shared', 'sandbox', 'addin', 'tab', 'manifest', 'ui'];
const SOURCE = /\.(ts|mts|json|mjs)$/;

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (SOURCE.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

export function bundleIsCurrent(bundle = BUNDLE) {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  const inputs = [path.join(ROOT, 'package.json'), path.join(ROOT, 'scripts', 'start.mjs')];
  if (inputs.some((file) => statSync(file).mtimeMs > built)) return false;
  return SOURCE_DIRS.every((dir) => newestSource(path.join(ROOT, dir)) <= built);
}

/**
 * Each module keeps its own location: files next to the sources (the add-in's browser code, templates, the
 * sanitizer worker, the sandbox's EDMX) are found through `import.meta.url`, which in one bundle would otherwise
 * be the bundle's address.
 */
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const contents = source.includes('import.meta.url')
        ? source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        : source;
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Bundles one TypeScript entry point of this repository (the server; the benchmark's server children). `define`:
 * build-time constants (esbuild), e.g. where the sanitizer's bundled worker is.
 */
export async function bundle(entry, outfile, define = {}) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    define,
    plugins: [ownLocation],
  });
}

export function sanitizeWorkerDefine(workerBundle = SANITIZE_WORKER_BUNDLE) {
  return { __SANITIZE_WORKER__: JSON.stringify(pathToFileURL(workerBundle).href) };
}

export function buildServer() {
  return Promise.all([
    bundle(path.join(ROOT, 'server', 'main.ts'), BUNDLE, sanitizeWorkerDefine()),
    bundle(path.join(ROOT, 'server', 'cluster.ts'), CLUSTER_BUNDLE),
    bundle(path.join(ROOT, 'shared', 'sanitize', 'worker-task.ts'), SANITIZE_WORKER_BUNDLE),
  ]);
}

const allCurrent = () => [BUNDLE, CLUSTER_BUNDLE, SANITIZE_WORKER_BUNDLE].every((file) => bundleIsCurrent(file));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (cluster.isWorker) {
    // The primary built the bundle before forking.
    await import(pathToFileURL(BUNDLE).href);
  } else {
    if (!allCurrent()) await buildServer();
    const { start } = await import(pathToFileURL(CLUSTER_BUNDLE).href);
    await start({ serverBundle: BUNDLE, nodeFlags: SERVER_NODE_FLAGS, env: SERVER_ENV });
  }
}
