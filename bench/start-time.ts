/**
 * Start time: `npm start` in local mode (embedded sandbox, Agents Playground, every router) as a newcomer runs it,
 * from spawning npm to the start block on stdout. The first start builds the server bundle (scripts/start.mjs),
 * the following ones reuse it.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BANNER = 'InLoox for Microsoft 365 — local mode';

export interface StartRun {
  /** 'build': the bundle was missing and npm start built it first; 'cached': it reused the bundle. */
  kind: 'build' | 'cached';
  msToBanner: number;
}

export interface StartTimeResult {
  runs: StartRun[];
  slowestMs: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startOnce(kind: StartRun['kind']): Promise<StartRun> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-start-'));
  const [port, sandboxPort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: '',
      MicrosoftAppId: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      PLAYGROUND_PORT: String(playgroundPort),
    },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const msToBanner = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start block after 120 s:\n${output.slice(-2000)}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(BANNER)) {
          clearTimeout(timer);
          resolve(Math.round(performance.now() - started));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then(() => reject(new Error(`npm start ended before its start block:\n${output.slice(-2000)}`)));
    });
    return { kind, msToBanner };
  } finally {
    const group = -child.pid!;
    try {
      process.kill(group, 'SIGINT');
    } catch {
      // already gone
    }
    const killer = setTimeout(() => {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(killer);
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchStartTime(options: { cachedRuns: number }): Promise<StartTimeResult> {
  rmSync(path.join(ROOT, 'dist', 'server'), { recursive: true, force: true });
  const runs = [await startOnce('build')];
  for (let i = 0; i < options.cachedRuns; i++) runs.push(await startOnce('cached'));
  return { runs, slowestMs: Math.max(...runs.map((run) => run.msToBanner)) };
}
