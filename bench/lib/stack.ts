/** Starts the processes a benchmark needs: the sandbox and product servers, configured like production. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../scripts/start.mjs';
import { startChild, type BenchChild } from './child';

export interface SandboxReady {
  baseUrl: string;
  keys: string[];
  accounts: number;
  seedMs: number;
}
export interface ServerReady {
  baseUrl: string;
  pid: number;
}
export interface SandboxLogEntry {
  method: string;
  url: string;
  status: number;
  accountId?: string;
  timestamp: number;
}

export function benchKeys(count: number, prefix = 'bench-key'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
}

export function startSandbox(keys: string[], limit: { calls: number; windowMs: number } | 'off') {
  return startChild<SandboxReady>(
    'sandbox.ts',
    {
      BENCH_SANDBOX_KEYS: keys.join(','),
      BENCH_SANDBOX_LIMIT: limit === 'off' ? 'off' : `${limit.calls}/${limit.windowMs}`,
    },
    { timeoutMs: 180_000 },
  );
}

/** Client budget for throughput runs: so high that they measure the product, not the limiter (the report says so). */
export const RAISED_RATE_LIMIT = { calls: 1_000_000, windowS: 60 } as const;

export interface ProductOptions {
  inlooxBaseUrl: string;
  /** Per-key budget of the InLoox client. */
  rateLimit: { calls: number; windowS: number };
  /** postgres:// URL; default: a SQLite file in a temp folder. */
  databaseUrl?: string;
  keyEncryptionKey?: string;
  nodeArgs?: string[];
  /** Extra environment (experiments). */
  env?: Record<string, string>;
}

export async function startProduct(options: ProductOptions): Promise<BenchChild<ServerReady> & { dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-product-'));
  const child = await startChild<ServerReady>(
    'product.ts',
    {
      INLOOX_BASE_URL: options.inlooxBaseUrl,
      DATA_DIR: dir,
      DATABASE_URL: options.databaseUrl ?? path.join(dir, 'keys.sqlite'),
      KEY_ENCRYPTION_KEY: options.keyEncryptionKey ?? randomBytes(32).toString('base64'),
      INLOOX_RATE_LIMIT: String(options.rateLimit.calls),
      INLOOX_RATE_WINDOW_SECONDS: String(options.rateLimit.windowS),
      INLOOX_TIMEOUT_MS: '15000',
      PLAYGROUND: 'off',
      MicrosoftAppId: '',
      // As npm start runs the server (scripts/start.mjs); an experiment's own flags come after and win.
      ...SERVER_ENV,
      ...options.env,
    },
    { nodeArgs: [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? [])], bundle: true, quiet: true },
  );
  return {
    ...child,
    dir,
    async stop() {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Stops what was started, newest first, even when one of them fails to stop. */
export async function stopAll(children: { stop(): Promise<void> }[]): Promise<void> {
  for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
}

/**
 * A sandbox without a rate limit and one product in front of it, each pushed onto `running` as soon as it is up so
 * the caller's `finally { stopAll(running) }` also stops the sandbox when the product fails to start.
 */
export async function startUnthrottledStack(
  keys: string[],
  running: { stop(): Promise<void> }[],
  extra: Pick<ProductOptions, 'nodeArgs' | 'env'> = {},
) {
  const sandbox = await startSandbox(keys, 'off');
  running.push(sandbox);
  const product = await startProduct({ inlooxBaseUrl: sandbox.ready.baseUrl, rateLimit: RAISED_RATE_LIMIT, ...extra });
  running.push(product);
  return { sandbox, product };
}
