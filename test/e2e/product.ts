/**
 * Runs the product exactly as a newcomer does: `npm start` as a child process in the repository, with its own
 * data folder and free ports. Everything it starts shares one process group, so a test can send Ctrl-C the way a
 * terminal does (SIGINT to the group) and can always kill whatever is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** npm start takes ~20 s on an idle machine; a busy CI box with two cores may need far more. */
export const START_TIMEOUT_MS = 120_000;
export const STOP_TIMEOUT_MS = 30_000;

export interface ProductPorts {
  port: number;
  sandboxPort: number;
  playgroundPort: number;
}

export interface StartedProduct {
  child: ChildProcess;
  /** The process group id (= pid of npm, spawned detached). */
  pgid: number;
  ports: ProductPorts;
  baseUrl: string;
  sandboxUrl: string;
  playgroundUrl: string;
  demoKeys: string[];
  /** stdout + stderr so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Ports nobody listens on right now (all reserved at once, so they are distinct). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<import('node:net').Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** True when a port can be bound again on all interfaces (nothing holds it on IPv4 or IPv6). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** The environment of a newcomer's shell: nothing that would switch away from local mode or the default files. */
function localModeEnv(dataDir: string, ports: ProductPorts, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppTenantId',
    'INLOOX_BASE_URL',
    'DATABASE_URL',
    'KEY_ENCRYPTION_KEY',
    'SANDBOX_DATA_DIR',
    'SANDBOX_KEYS',
    'PLAYGROUND',
    'PUBLIC_BASE_URL',
    'NODE_OPTIONS',
    // vitest marks its own workers; the product must not think it runs under a test runner.
    'VITEST',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
    'TEST',
    'NODE_ENV',
  ]) {
    delete env[name];
  }
  return {
    ...env,
    DATA_DIR: dataDir,
    PORT: String(ports.port),
    SANDBOX_PORT: String(ports.sandboxPort),
    PLAYGROUND_PORT: String(ports.playgroundPort),
    ...extra,
  };
}

/** Spawns `npm start` and returns at once; see waitForBanner. */
export function spawnNpmStart(dataDir: string, ports: ProductPorts, extraEnv: NodeJS.ProcessEnv = {}) {
  return spawnInGroup('npm', ['start'], dataDir, ports, extraEnv);
}

/** The server process itself, as process managers start it (no npm in between to pass signals on). */
export function spawnServer(dataDir: string, ports: ProductPorts, extraEnv: NodeJS.ProcessEnv = {}) {
  return spawnInGroup(process.execPath, ['--import', 'tsx', 'server/main.ts'], dataDir, ports, extraEnv);
}

function spawnInGroup(
  command: string,
  args: string[],
  dataDir: string,
  ports: ProductPorts,
  extraEnv: NodeJS.ProcessEnv,
) {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: localModeEnv(dataDir, ports, extraEnv),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, exited };
}

/** Waits for a pattern in the output; fails with the output so far when the process ends first or time runs out. */
export async function waitForOutput(
  proc: { output(): string; exited: Promise<unknown> },
  pattern: RegExp,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void proc.exited.then(() => (ended = true));
  while (!pattern.test(proc.output())) {
    if (ended) throw new Error(`npm start ended before printing ${pattern}:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`npm start did not print ${pattern} in time:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts the product and reads what the start block promises (URLs, demo keys). */
export async function startProduct(
  dataDir: string,
  ports: ProductPorts,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<StartedProduct> {
  const proc = spawnNpmStart(dataDir, ports, extraEnv);
  try {
    await waitForOutput(proc, /Stop:\s+Ctrl-C/, START_TIMEOUT_MS);
  } catch (error) {
    killGroup(proc.child.pid!);
    throw error;
  }
  const text = proc.output();
  const playgroundUrl = /Agents Playground\s+(http:\/\/\S+)/.exec(text)?.[1];
  const keys = /Demo API keys\s+(\S.*?)\s{2,}/.exec(text)?.[1];
  const sandboxUrl = /InLoox sandbox\s+(http:\/\/\S+)/.exec(text)?.[1];
  if (!playgroundUrl || !keys || !sandboxUrl) {
    killGroup(proc.child.pid!);
    throw new Error(`Unexpected start block:\n${text}`);
  }
  return {
    ...proc,
    pgid: proc.child.pid!,
    ports,
    baseUrl: `http://localhost:${ports.port}`,
    sandboxUrl,
    playgroundUrl,
    demoKeys: keys.split(',').map((k) => k.trim()),
  };
}

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  cmd: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields after the last ")" are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    return { pid, state: rest[0]!, ppid: Number(rest[1]), pgid: Number(rest[2]), cmd };
  } catch {
    return undefined;
  }
}

function allProcs(): ProcInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== undefined);
}

/** Live processes started by `npm start` with this pid: its descendants and its process group (zombies count as gone). */
export function productProcesses(rootPid: number): ProcInfo[] {
  const procs = allProcs().filter((p) => p.state !== 'Z');
  const found = new Map<number, ProcInfo>();
  for (const p of procs) if (p.pid === rootPid || p.pgid === rootPid) found.set(p.pid, p);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

export function isAlive(pid: number): boolean {
  const info = readProc(pid);
  return info !== undefined && info.state !== 'Z';
}

/** Best effort: SIGKILL to the whole group and to every descendant (for cleanup after a failure). */
export function killGroup(pgid: number): void {
  const pids = productProcesses(pgid).map((p) => p.pid);
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Polls until the condition holds or the time is up; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a terminal does on Ctrl-C: SIGINT to the foreground process group. Resolves with the exit of npm. */
export async function pressCtrlC(product: { pgid: number; exited: StartedProduct['exited'] }) {
  process.kill(-product.pgid, 'SIGINT');
  return withTimeout(product.exited, STOP_TIMEOUT_MS, 'npm start did not exit after Ctrl-C');
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

/** A sandbox OData GET with a demo key, straight to the embedded InLoox sandbox. */
export async function sandboxGet<T>(sandboxUrl: string, apiKey: string, pathAndQuery: string): Promise<T> {
  const response = await fetch(new URL(pathAndQuery, sandboxUrl), {
    headers: { 'x-api-key': apiKey, Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`Sandbox ${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface SandboxTask {
  TaskItemId: string;
  Name: string;
  ProjectId: string | null;
  ContactId: string | null;
  WorkAmount: number | null;
  EndDateTime: string | null;
  DescriptionHTML: string | null;
  IsDone: boolean;
}

/** Tasks with exactly this name, read through the sandbox's OData API. */
export async function sandboxTasksNamed(sandboxUrl: string, apiKey: string, name: string): Promise<SandboxTask[]> {
  const filter = `Name eq '${name.replace(/'/g, "''")}'`;
  const body = await sandboxGet<{ value: SandboxTask[] }>(
    sandboxUrl,
    apiKey,
    `Task?$filter=${encodeURIComponent(filter)}`,
  );
  return body.value;
}

const LOOPBACK_HEX = new Set(['0100007F', '00000000000000000000000001000000']);

/** The local addresses (hex as in /proc/net/tcp*) of sockets listening on this port, and whether each is loopback. */
export function listeningAddresses(port: number): { address: string; loopback: boolean }[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const found: { address: string; loopback: boolean }[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue;
      const [address, localPort] = local.split(':');
      if (localPort === portHex) found.push({ address: address!, loopback: LOOPBACK_HEX.has(address!) });
    }
  }
  return found;
}

/** What a test registers to be undone after it (processes, servers, folders), undone last first. */
export function cleanupsAfterEach(): (() => unknown)[] {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** A new data folder (removed after the test) and three free ports for one start of the product. */
export async function productWorkspace(
  prefix: string,
  cleanups: (() => unknown)[],
): Promise<{ dataDir: string; ports: ProductPorts }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const [port, sandboxPort, playgroundPort] = await freePorts(3);
  return { dataDir, ports: { port: port!, sandboxPort: sandboxPort!, playgroundPort: playgroundPort! } };
}
