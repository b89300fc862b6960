/**
 * Multi-core mode: the server as `npm start` runs it (scripts/start.mjs with its Node flags) with WEB_CONCURRENCY=1
 * and =2 on one PostgreSQL, `help` turns straight at its port (the workers share it, node:cluster hands out the
 * connections). Throughput and CPU per turn of the whole process tree (primary and workers, from /proc) in one run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../test/helpers/postgres';
import { SERVER_NODE_FLAGS } from '../scripts/start.mjs';
import { messageActivity, newUsers } from './lib/activities';
import { runLoad, round, type LoadResult } from './lib/load';
import { benchKeys, startSandbox, stopAll } from './lib/stack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Linux's USER_HZ: /proc reports CPU time in 1/100 s. */
const TICK_MS = 10;

export interface ClusterCell extends LoadResult {
  workers: number;
  /** CPU time of the primary and all workers per completed turn. */
  cpuMsPerTurn: number;
  /** Each worker's share of that CPU time (how evenly node:cluster spread the connections). */
  cpuShareByWorker: number[];
}

export interface ClusterResult {
  cores: number;
  nodeFlags: string[];
  cells: ClusterCell[];
  /** rps with 2 workers / rps with 1, per concurrency; per core: that ratio over min(2, cores). */
  scaleUp: { connections: number; ratio: number; perCore: number }[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The worker processes of a primary (not, e.g., esbuild's service process after a build). */
function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('start.mjs');
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function startServer(workers: number, env: Record<string, string>) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-cluster-'));
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      MicrosoftAppId: '',
      PLAYGROUND: 'off',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATA_DIR: dataDir,
      WEB_CONCURRENCY: String(workers),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ready = workers > 1 ? /workers share port/ : /Stop:\s+Ctrl-C/;
  const deadline = Date.now() + 120_000;
  while (!ready.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`npm start with WEB_CONCURRENCY=${workers} did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function benchCluster(options: {
  concurrencies: number[];
  durationS: number;
  warmupS: number;
  log: (line: string) => void;
}): Promise<ClusterResult> {
  const postgres = await startPostgres();
  const running: { stop(): Promise<void> }[] = [];
  try {
    const sandbox = await startSandbox(benchKeys(2, 'cluster-key'), 'off');
    running.push(sandbox);
    const bodies = newUsers(100).map((u) => messageActivity(u, 'help'));
    const cells: ClusterCell[] = [];
    for (const workers of [1, 2]) {
      const server = await startServer(workers, {
        DATABASE_URL: await postgres.createDatabase(`bench_cluster_${workers}`),
        INLOOX_BASE_URL: sandbox.ready.baseUrl,
        KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      });
      running.push(server);
      const pids = [server.pid, ...workersOf(server.pid)];
      if (pids.length !== workers + (workers > 1 ? 1 : 0))
        throw new Error(`expected ${workers} worker(s), found ${pids.length - 1}`);
      for (const connections of options.concurrencies) {
        let before: number[] = [];
        const result = await runLoad({
          url: `${server.baseUrl}/api/messages`,
          bodies,
          connections,
          durationS: options.durationS,
          warmupS: options.warmupS,
          beforeMeasure: async () => void (before = pids.map(cpuTicks)),
        });
        const spent = pids.map((pid, i) => cpuTicks(pid) - before[i]!);
        const total = spent.reduce((a, b) => a + b, 0);
        const cell: ClusterCell = {
          workers,
          ...result,
          cpuMsPerTurn: round((total * TICK_MS) / Math.max(1, result.requests), 3),
          cpuShareByWorker: workers > 1 ? spent.slice(1).map((t) => round(t / Math.max(1, total), 2)) : [],
        };
        cells.push(cell);
        options.log(
          `  ${workers} worker(s) help c=${String(connections).padStart(3)}  ${String(result.rps).padStart(7)} req/s  p99 ${result.p99Ms} ms  CPU ${cell.cpuMsPerTurn} ms/turn  non2xx ${result.non2xx}  errors ${result.errors}${workers > 1 ? `  CPU share per worker ${cell.cpuShareByWorker.join(' / ')}` : ''}`,
        );
      }
      await server.stop();
      running.splice(running.indexOf(server), 1);
    }
    const cores = os.availableParallelism();
    const scaleUp = options.concurrencies.map((connections) => {
      const one = cells.find((c) => c.workers === 1 && c.connections === connections)!;
      const two = cells.find((c) => c.workers === 2 && c.connections === connections)!;
      const ratio = round(two.rps / one.rps, 2);
      return { connections, ratio, perCore: round(ratio / Math.min(2, cores), 2) };
    });
    return { cores, nodeFlags: SERVER_NODE_FLAGS, cells, scaleUp };
  } finally {
    await stopAll(running);
    await postgres.stop();
  }
}
