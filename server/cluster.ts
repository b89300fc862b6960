/**
 * Multi-core mode. With WEB_CONCURRENCY=N (N > 1) the process `npm start` runs becomes a primary that forks N
 * workers (node:cluster) sharing the port; each worker is the whole server (server/main.ts). Any worker can answer
 * any turn because people's state is in the database; the primary only starts, restarts and stops workers, and
 * loads nothing but the configuration.
 *
 * PostgreSQL only: on SQLite the data itself would be safe (WAL, busy timeout), but every worker would run its own
 * in-process notification queue and check everybody N times; pg-boss on PostgreSQL hands each check to one worker.
 * Local mode with the embedded sandbox or the Agents Playground stays one process: both must run once.
 */
import cluster, { type Worker } from 'node:cluster';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type AppConfig } from '../shared/config';
import { isPostgresUrl } from '../shared/db/url';

export interface WorkerPlan {
  workers: number;
  /** Why fewer workers run than were asked for. */
  note?: string;
}

const MAX_WORKERS = 64;

export function planWorkers(config: AppConfig, env: NodeJS.ProcessEnv = process.env): WorkerPlan {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return { workers: 1 };
  const requested = Number(raw);
  if (!Number.isInteger(requested) || requested < 1 || requested > MAX_WORKERS) {
    throw new ConfigError(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS}, got "${raw}"`);
  }
  if (requested === 1) return { workers: 1 };
  const playground = config.mode === 'local' && env.PLAYGROUND !== 'off';
  if (config.useEmbeddedSandbox || playground) {
    return {
      workers: 1,
      note:
        `WEB_CONCURRENCY=${requested} ignored: local mode runs the embedded InLoox sandbox and the Agents Playground, ` +
        'which must run once. Several workers need INLOOX_BASE_URL and PLAYGROUND=off, or production mode.',
    };
  }
  if (!isPostgresUrl(config.databaseUrl)) {
    throw new ConfigError(
      `WEB_CONCURRENCY=${requested} needs PostgreSQL (DATABASE_URL=postgres://…): with the SQLite file every ` +
        'worker would run its own notification checks. Use WEB_CONCURRENCY=1 with SQLite.',
    );
  }
  return { workers: requested };
}

export interface StartOptions {
  /** The server bundle every worker (or the only process) runs. */
  serverBundle: string;
  /** Node flags and environment of the worker processes (scripts/start.mjs, SERVER_NODE_FLAGS / SERVER_ENV). */
  nodeFlags: string[];
  env: Record<string, string>;
}

/** In the process `npm start` runs: the server itself (one process), or the primary of N workers. */
export async function start(options: StartOptions): Promise<void> {
  let plan: WorkerPlan;
  try {
    plan = planWorkers(loadConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
  if (plan.note) console.warn(plan.note);
  if (plan.workers === 1) {
    await import(pathToFileURL(options.serverBundle).href);
    return;
  }
  runPrimary(plan.workers, options);
}

const flagName = (flag: string) => flag.split('=')[0];

function runPrimary(workers: number, options: StartOptions): void {
  const own = new Set(process.execArgv.map(flagName));
  cluster.setupPrimary({
    execArgv: [...process.execArgv, ...options.nodeFlags.filter((flag) => !own.has(flagName(flag)))],
  });
  const env = Object.fromEntries(
    Object.entries(options.env).map(([name, value]) => [name, process.env[name] ?? value]),
  );
  const listening = new Set<Worker>();
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork(env);
    worker.once('listening', (address) => {
      listening.add(worker);
      if (announced || listening.size < workers) return;
      announced = true;
      const pids = [...listening].map((w) => w.process.pid).join(', ');
      console.log(`${workers} workers share port ${address.port} (pids ${pids}); primary pid ${process.pid}`);
    });
  };
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  const stop = (signal: NodeJS.Signals) => {
    for (const worker of alive()) worker.process.kill(signal);
  };

  cluster.on('exit', (worker, code, signal) => {
    const wasServing = listening.delete(worker);
    if (!stopping && !wasServing) {
      // It failed while starting (configuration, port, database): the others would fail the same way.
      stopping = true;
      exitCode = code || 1;
      stop('SIGTERM');
    } else if (!stopping) {
      console.warn(`Worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`);
      setTimeout(fork, 1_000);
      return;
    }
    if (alive().length === 0) process.exit(exitCode);
  });

  // First signal: each worker drains (main.ts). A second one: stop now, as a single server does.
  const onSignal = () => {
    if (stopping) {
      stop('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    stop('SIGTERM');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (let i = 0; i < workers; i++) fork();
}
