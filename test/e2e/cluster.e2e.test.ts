/**
 * `npm start` with WEB_CONCURRENCY=2: two worker processes share the port and both answer turns, with the
 * connection one of them stored (PostgreSQL) used by the other; a worker that dies is replaced; SQLite is refused
 * with a clear message.
 */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/server';
import { PLAYGROUND_DEFAULT_USER } from '../../shared/auth/dev-identity';
import { startPostgres } from '../helpers/postgres';
import { teamsActivity } from '../robustness/harness';
import {
  cleanupsAfterEach,
  eventually,
  killGroup,
  pressCtrlC,
  productProcesses,
  spawnNpmStart,
  START_TIMEOUT_MS,
  waitForOutput,
  productWorkspace,
  withTimeout,
} from './product';

const TEST_MS = 300_000;
const cleanups = cleanupsAfterEach();
const setup = () => productWorkspace('inloox-e2e-cluster-', cleanups);

/** One turn on a new TCP connection (the cluster hands out connections, not requests). */
function turnOnNewConnection(port: number, text: string): Promise<{ status: number; body: string }> {
  const person = {
    tenantId: PLAYGROUND_DEFAULT_USER.tenantId,
    objectId: PLAYGROUND_DEFAULT_USER.aadObjectId,
    name: PLAYGROUND_DEFAULT_USER.name,
  };
  const body = JSON.stringify(teamsActivity('http://127.0.0.1:9/', person, 'message', { text }));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The pid of every process that logged a successful bot turn. */
function turnPids(output: string): number[] {
  const pids = new Set<number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { event?: string; outcome?: string; pid?: number };
    if (entry.event === 'bot_turn' && entry.outcome === 'ok' && entry.pid) pids.add(entry.pid);
  }
  return [...pids];
}

describe('npm start with WEB_CONCURRENCY', () => {
  it(
    'two workers on PostgreSQL both answer turns with the connection stored through either, and one that dies is replaced',
    async () => {
      const { dataDir, ports } = await setup();
      const postgres = await startPostgres();
      cleanups.push(() => postgres.stop());
      const sandbox = createSandbox({ rateLimit: false });
      const inloox = await sandbox.listen(0, '127.0.0.1');
      cleanups.push(async () => {
        await inloox.close();
        await sandbox.close();
      });
      const proc = spawnNpmStart(dataDir, ports, {
        WEB_CONCURRENCY: '2',
        DATABASE_URL: postgres.url,
        INLOOX_BASE_URL: inloox.baseUrl,
        PLAYGROUND: 'off',
        LOG_LEVEL: 'info',
      });
      cleanups.push(() => killGroup(proc.child.pid!));
      await waitForOutput(proc, /2 workers share port \d+ \(pids \d+, \d+\)/, START_TIMEOUT_MS);
      const workers = /\(pids (\d+), (\d+)\); primary pid (\d+)/.exec(proc.output())!.slice(1).map(Number);
      const [first, second, primary] = workers as [number, number, number];
      expect(new Set([first, second, primary]).size).toBe(3);
      expect(proc.output().match(/Listening on port|local mode/g), 'one start block').toHaveLength(1);

      const connect = await fetch(`http://127.0.0.1:${ports.port}/tab/api/connection`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
        body: JSON.stringify({ apiKey: sandbox.accounts[0]!.apiKey }),
      });
      expect(connect.status, await connect.clone().text()).toBe(200);

      const answers: { status: number; body: string }[] = [];
      const bothAnswered = await eventually(async () => {
        answers.push(await turnOnNewConnection(ports.port, 'my tasks'));
        return turnPids(proc.output()).length === 2;
      }, 60_000);
      expect(bothAnswered, proc.output().slice(-3000)).toBe(true);
      expect(turnPids(proc.output()).sort()).toEqual([first, second].sort());
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        // A person not connected would get the connect card instead of their task list.
        expect(answer.body).not.toContain('connect.submit');
        expect(answer.body).toContain('AdaptiveCard');
      }

      // A worker that dies is replaced; the port keeps answering meanwhile through the other one.
      process.kill(first, 'SIGKILL');
      await waitForOutput(proc, new RegExp(`Worker ${first} ended \\(SIGKILL\\); starting another`), 30_000);
      const replaced = await eventually(async () => {
        const answer = await turnOnNewConnection(ports.port, 'my tasks');
        expect(answer.status).toBe(200);
        return turnPids(proc.output()).some((pid) => pid !== first && pid !== second);
      }, 60_000);
      expect(replaced, proc.output().slice(-3000)).toBe(true);

      const exit = await pressCtrlC({ pgid: proc.child.pid!, exited: proc.exited });
      expect(exit.code === 0 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
      expect(await eventually(() => productProcesses(proc.child.pid!).length === 0, 20_000)).toBe(true);
    },
    TEST_MS,
  );

  it(
    'on the SQLite file it refuses to start and says PostgreSQL is needed',
    async () => {
      const { dataDir, ports } = await setup();
      const proc = spawnNpmStart(dataDir, ports, {
        WEB_CONCURRENCY: '2',
        INLOOX_BASE_URL: 'http://127.0.0.1:9/api/odata/',
        PLAYGROUND: 'off',
      });
      cleanups.push(() => killGroup(proc.child.pid!));
      const exit = await withTimeout(proc.exited, START_TIMEOUT_MS, `npm start kept running:\n${proc.output()}`);
      expect(exit.code).not.toBe(0);
      expect(proc.output()).toContain('Cannot start: WEB_CONCURRENCY=2 needs PostgreSQL (DATABASE_URL=postgres://');
      expect(proc.output()).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    },
    TEST_MS,
  );
});
