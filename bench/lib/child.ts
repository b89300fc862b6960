/**
 * Benchmark child processes: each runs one server (product, echo bot, sandbox, proxy) in its own Node process so the
 * load generator in the parent never shares an event loop with what it measures. Parent and child talk over IPC:
 * the child announces `{ ready }`, then answers `{ id, cmd, args }` with `{ id, result }` or `{ id, error }`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CHILDREN = path.resolve(HERE, '../children');

export interface BenchChild<Ready> {
  ready: Ready;
  pid: number;
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

interface Reply {
  id?: number;
  ready?: unknown;
  result?: unknown;
  error?: string;
}

const bundles = new Map<string, Promise<string>>();
let sanitizeWorker: Promise<void> | undefined;

/** The child script as one JavaScript bundle, built the way `npm start` builds the server (scripts/start.mjs). */
function bundled(script: string): Promise<string> {
  let built = bundles.get(script);
  if (!built) {
    const outfile = path.resolve(HERE, '../../dist/bench', script.replace(/\.ts$/, '.mjs'));
    built = import('../../scripts/start.mjs').then(async ({ bundle, sanitizeWorkerDefine, SANITIZE_WORKER_BUNDLE }) => {
      await Promise.all([
        bundle(path.join(CHILDREN, script), outfile, sanitizeWorkerDefine()),
        (sanitizeWorker ??= bundle(path.resolve(HERE, '../../shared/sanitize/worker-task.ts'), SANITIZE_WORKER_BUNDLE)),
      ]);
      return outfile;
    });
    bundles.set(script, built);
  }
  return built;
}

export async function startChild<Ready>(
  script: string,
  env: Record<string, string> = {},
  options: {
    nodeArgs?: string[];
    timeoutMs?: number;
    /** Run from a bundle with plain node, as `npm start` runs the server (no TypeScript loader in the process). */
    bundle?: boolean;
    /**
     * Discard the child's stdout (the product's one JSON log line per turn): it is still written, but the figures
     * then do not depend on how fast the terminal or pipe the benchmark prints to takes it.
     */
    quiet?: boolean;
  } = {},
): Promise<BenchChild<Ready>> {
  const entry = options.bundle ? await bundled(script) : path.join(CHILDREN, script);
  const loader = options.bundle ? [] : ['--import', 'tsx'];
  const child: ChildProcess = fork(entry, [], {
    execArgv: [...loader, '--expose-gc', ...(options.nodeArgs ?? [])],
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in time`)), options.timeoutMs ?? 60_000);
    child.on('message', (message: Reply) => {
      if (message.ready !== undefined) {
        clearTimeout(timer);
        resolve(message.ready as Ready);
        return;
      }
      const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
      if (!waiter) return;
      pending.delete(message.id!);
      if (message.error !== undefined) waiter.reject(new Error(`${script}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    child.once('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready`));
      for (const waiter of pending.values()) waiter.reject(new Error(`${script} exited with ${code}`));
      pending.clear();
    });
  });
  return {
    ready,
    pid: child.pid!,
    call<T>(cmd: string, args?: unknown) {
      if (exited) return Promise.reject(new Error(`${script} is not running`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, cmd, args });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ cmd: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
