/**
 * `npm start` as a process: a busy port gives a clear message and a failing exit code, and the server's own
 * shutdown (SIGINT to the server process alone, not the whole group) stops every child it started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  freePorts,
  isAlive,
  killGroup,
  portIsFree,
  pressCtrlC,
  productProcesses,
  spawnNpmStart,
  startProduct,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  withTimeout,
  type ProductPorts,
} from './product';

const TEST_MS = 240_000;
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ dataDir: string; ports: ProductPorts }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'inloox-e2e-life-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const [port, sandboxPort, playgroundPort] = await freePorts(3);
  return { dataDir, ports: { port: port!, sandboxPort: sandboxPort!, playgroundPort: playgroundPort! } };
}

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
      // The playground's parent is the process running server/main.ts.
      const server = running.find((p) => p.pid === playground!.ppid);
      expect(server?.cmd).toContain('server/main.ts');
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
});
