/**
 * `npm start` as a process: a busy port gives a clear message and a failing exit code, and the server's own
 * shutdown (SIGINT to the server process alone, not the whole group) stops every child it started.
 * The server process as a process manager runs it: SIGTERM drains (turns in flight finish, new requests refused).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/server';
import { PLAYGROUND_DEFAULT_USER } from '../../shared/auth/dev-identity';
import { teamsActivity } from '../robustness/harness';
import {
  cleanupsAfterEach,
  eventually,
  isAlive,
  killGroup,
  portIsFree,
  pressCtrlC,
  productProcesses,
  spawnNpmStart,
  spawnServer,
  waitForOutput,
  startProduct,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  productWorkspace,
  withTimeout,
} from './product';

const TEST_MS = 240_000;
const cleanups = cleanupsAfterEach();
const setup = () => productWorkspace('inloox-e2e-life-', cleanups);

describe('npm start as a process', () => {
  it(
    'a busy PORT: says which port, how to choose another, starts nothing and exits non-zero',
    async () => {
      const { dataDir, ports } = await setup();
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(ports.port, '127.0.0.1', resolve));
      cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));

      const proc = spawnNpmStart(dataDir, ports);
      cleanups.push(() => killGroup(proc.child.pid!));
      const exit = await withTimeout(proc.exited, START_TIMEOUT_MS, `npm start kept running:\n${proc.output()}`);

      expect(exit.code, proc.output()).not.toBe(0);
      expect(exit.code).not.toBeNull();
      const output = proc.output();
      expect(output).toContain(`Port ${ports.port} (server) is already in use`);
      expect(output).toContain(`PORT=${ports.port + 1} npm start`);
      expect(output, 'no stack trace for a busy port').not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
      expect(output).not.toContain('Agents Playground http');
      // What started before the failure (the sandbox) was stopped again.
      expect(await eventually(() => productProcesses(proc.child.pid!).length === 0, 20_000)).toBe(true);
      await expect(portIsFree(ports.sandboxPort)).resolves.toBe(true);
      await expect(portIsFree(ports.playgroundPort)).resolves.toBe(true);
    },
    TEST_MS,
  );

  it(
    'a busy PLAYGROUND_PORT: the playground takes another port and the start block shows the URL that works',
    async () => {
      const { dataDir, ports } = await setup();
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(ports.playgroundPort, resolve));
      cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));

      const product = await startProduct(dataDir, ports);
      cleanups.push(() => killGroup(product.pgid));
      const actualPort = Number(new URL(product.playgroundUrl).port);
      expect(actualPort).not.toBe(ports.playgroundPort);
      expect(product.output()).toContain(`port ${ports.playgroundPort} was busy`);
      const page = await fetch(product.playgroundUrl).then((r) => r.text());
      expect(page).toContain('Agents Playground');

      const exit = await pressCtrlC(product);
      expect(exit.code === 0 || exit.signal === 'SIGINT', JSON.stringify(exit)).toBe(true);
      await expect(eventually(() => portIsFree(actualPort), 20_000)).resolves.toBe(true);
    },
    TEST_MS,
  );

  it(
    'SIGINT to the server process alone: it stops the Agents Playground and every other child, npm exits 0',
    async () => {
      const { dataDir, ports } = await setup();
      const product = await startProduct(dataDir, ports);
      cleanups.push(() => killGroup(product.pgid));

      const running = productProcesses(product.pgid);
      const playground = running.find((p) => p.cmd.includes('m365agentsplayground'));
      expect(playground, running.map((p) => p.cmd).join('\n')).toBeDefined();
      // The playground's parent is the server process: npm start's script, which runs the server bundle in-process.
      const server = running.find((p) => p.pid === playground!.ppid);
      expect(server?.cmd).toContain('scripts/start.mjs');
      const playgroundUp = await fetch(product.playgroundUrl).then((r) => r.ok);
      expect(playgroundUp).toBe(true);

      process.kill(server!.pid, 'SIGINT');
      const exit = await withTimeout(product.exited, STOP_TIMEOUT_MS, `npm start did not exit:\n${product.output()}`);
      expect(exit, product.output()).toEqual({ code: 0, signal: null });
      const stopped = await eventually(() => running.every((p) => !isAlive(p.pid)), 20_000);
      expect(
        stopped,
        running
          .filter((p) => isAlive(p.pid))
          .map((p) => `${p.pid} ${p.cmd}`)
          .join('\n'),
      ).toBe(true);
      for (const port of Object.values(ports)) {
        await expect(
          eventually(() => portIsFree(port), 10_000),
          `port ${port}`,
        ).resolves.toBe(true);
      }
      expect(product.output()).not.toMatch(/Stopping .* failed/);
    },
    TEST_MS,
  );

  it(
    'SIGTERM during a bot turn: the turn still completes and is answered, new requests are refused, exit 0',
    async () => {
      const server = await startServerOnSandbox(60);
      const ready = await fetch(`${server.base}/readyz`);
      expect(ready.status).toBe(200);
      await expect(ready.json()).resolves.toMatchObject({ status: 'ready', failed: [] });

      const turn = await turnWaitingForInLoox(server, 4_000);
      server.proc.child.kill('SIGTERM');

      const refused = await eventually(
        () =>
          fetch(`${server.base}/healthz`).then(
            () => false,
            () => true,
          ),
        5_000,
      );
      expect(refused, 'new connections are refused while the turn drains').toBe(true);
      expect(turn.settled(), 'the turn was still running when new requests were already refused').toBe(false);
      expect(isAlive(server.proc.child.pid!)).toBe(true);

      const answer = await withTimeout(turn.answer, 60_000, `the turn was not answered:\n${server.proc.output()}`);
      expect(answer.status).toBe(200);
      const myTask = server.sandbox
        .data(server.account.apiKey)
        .list('Task')
        .find((task) => task.ContactId === server.account.contactId && task.IsDone !== true);
      expect(myTask, 'the demo account has an open task').toBeDefined();
      expect(JSON.stringify(answer.body.activities ?? [])).toContain(String(myTask!.Name));

      const exit = await withTimeout(server.proc.exited, STOP_TIMEOUT_MS, `no exit:\n${server.proc.output()}`);
      expect(exit, server.proc.output()).toEqual({ code: 0, signal: null });
      expect(server.proc.output()).toContain('Stopping: finishing 1 request(s) in flight (up to 60 s)');
      expect(server.proc.output()).not.toMatch(/Stopping .* failed|still running after/);
      await expect(portIsFree(server.ports.port)).resolves.toBe(true);
      // SQLite removes the write-ahead log when the last connection closes cleanly.
      expect(existsSync(path.join(server.dataDir, 'inloox-m365.sqlite'))).toBe(true);
      expect(existsSync(path.join(server.dataDir, 'inloox-m365.sqlite-wal'))).toBe(false);
    },
    TEST_MS,
  );

  it(
    'SIGTERM with a turn that outlasts DRAIN_TIMEOUT_SECONDS: the process stops at the bound and says so',
    async () => {
      const server = await startServerOnSandbox(1);
      const turn = await turnWaitingForInLoox(server, 60_000);
      server.proc.child.kill('SIGTERM');
      const exit = await withTimeout(server.proc.exited, STOP_TIMEOUT_MS, `no exit:\n${server.proc.output()}`);
      expect(exit, server.proc.output()).toEqual({ code: 0, signal: null });
      expect(server.proc.output()).toContain('1 request(s) still running after DRAIN_TIMEOUT_SECONDS=1');
      await expect(turn.answer).rejects.toThrow();
    },
    TEST_MS,
  );
});

/**
 * The server process in local mode with PLAYGROUND=off against a sandbox in this process (so the test decides when
 * InLoox answers), connected for the development identity, which the bot sees for the playground's default user.
 */
async function startServerOnSandbox(drainSeconds: number) {
  const { dataDir, ports } = await setup();
  const sandbox = createSandbox({ rateLimit: false });
  const inloox = await sandbox.listen(0, '127.0.0.1');
  cleanups.push(async () => {
    await inloox.close();
    await sandbox.close();
  });
  const proc = spawnServer(dataDir, ports, {
    INLOOX_BASE_URL: inloox.baseUrl,
    PLAYGROUND: 'off',
    DRAIN_TIMEOUT_SECONDS: String(drainSeconds),
  });
  cleanups.push(() => killGroup(proc.child.pid!));
  await waitForOutput(proc, /Stop:\s+Ctrl-C/, START_TIMEOUT_MS);
  const base = `http://127.0.0.1:${ports.port}`;
  const account = sandbox.accounts[0]!;
  const connect = await fetch(`${base}/tab/api/connection`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey: account.apiKey }),
  });
  expect(connect.status, await connect.clone().text()).toBe(200);
  return { proc, ports, base, sandbox, account, dataDir };
}

/** Sends "my tasks" and resolves once the bot's first InLoox call arrived, which InLoox answers after delayMs. */
async function turnWaitingForInLoox(server: Awaited<ReturnType<typeof startServerOnSandbox>>, delayMs: number) {
  server.sandbox.faults.add({ latencyMs: delayMs, times: 1 });
  const seen = server.sandbox.requestLog.entries().length;
  const person = {
    tenantId: PLAYGROUND_DEFAULT_USER.tenantId,
    objectId: PLAYGROUND_DEFAULT_USER.aadObjectId,
    name: PLAYGROUND_DEFAULT_USER.name,
  };
  let settled = false;
  const answer = fetch(`${server.base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(teamsActivity('http://127.0.0.1:9/', person, 'message', { text: 'my tasks' })),
  }).then(async (response) => {
    settled = true;
    return { status: response.status, body: (await response.json()) as { activities?: unknown[] } };
  });
  answer.catch(() => (settled = true));
  expect(await eventually(() => server.sandbox.requestLog.entries().length > seen, 20_000)).toBe(true);
  return { answer, settled: () => settled };
}
