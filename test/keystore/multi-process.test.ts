import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredConnection } from '../../shared/keystore/types';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

const WORKER = fileURLToPath(new URL('./fixtures/store-worker.ts', import.meta.url));

/** A real child node process (tsx) that uses the store, like a second server instance. */
class StoreProcess {
  private nextId = 0;
  private readonly pending = new Map<number, (answer: { ok: boolean; result?: unknown; error?: string }) => void>();
  private readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<number>;
  stderr = '';

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const lines = createInterface({ input: this.child.stdout });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${this.stderr}`)));
      lines.on('line', (line) => {
        const message = JSON.parse(line);
        if (message.ready) resolve(message.pid);
        else this.pending.get(message.id)?.(message);
      });
    });
  }

  async call(op: string, args: Record<string, unknown> = {}): Promise<unknown> {
    await this.ready;
    const id = ++this.nextId;
    const answer = await new Promise<{ ok: boolean; result?: unknown; error?: string }>((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
    if (!answer.ok) throw new Error(answer.error);
    return answer.result;
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('exit').catch(() => this.child.kill());
    await exited;
  }
}

function connection(): StoredConnection {
  return {
    apiKey: `PAT-${randomBytes(20).toString('hex')}`,
    inlooxContactId: randomUUID(),
    inlooxDisplayName: 'Jürgen Größ',
    inlooxEmail: 'juergen@example.com',
    connectedAt: new Date().toISOString(),
    needsReconnect: false,
  };
}

let postgres: StartedPostgres;
let tempRoot: string;
const workers: StoreProcess[] = [];

beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(tmpdir(), 'keystore-processes-'));
  postgres = await startPostgres();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.exit()));
});
afterAll(async () => {
  await postgres?.stop();
  await rm(tempRoot, { recursive: true, force: true });
});

describe.each([
  { name: 'PostgreSQL', url: () => postgres.url },
  { name: 'SQLite (one file, one host)', url: () => path.join(tempRoot, 'shared.sqlite') },
])('two server processes sharing one $name store', ({ url }) => {
  it('see the same connections, flags and disconnects', async () => {
    const env = { DATABASE_URL: url(), KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    const a = new StoreProcess(env);
    const b = new StoreProcess(env);
    workers.push(a, b);
    const [pidA, pidB] = await Promise.all([a.ready, b.ready]);
    expect(pidA).not.toBe(pidB);

    const alice = { tenantId: randomUUID(), objectId: randomUUID() };
    const bob = { tenantId: randomUUID(), objectId: randomUUID() };
    const aliceConnection = connection();
    const bobConnection = connection();
    await a.call('put', { identity: alice, connection: aliceConnection });
    await b.call('put', { identity: bob, connection: bobConnection });

    expect(await b.call('get', { identity: alice })).toEqual(aliceConnection);
    expect(await a.call('get', { identity: bob })).toEqual(bobConnection);

    await b.call('mark', { identity: alice });
    expect(await a.call('get', { identity: alice })).toEqual({ ...aliceConnection, needsReconnect: true });

    expect(await a.call('delete', { identity: bob })).toBe(true);
    expect(await b.call('get', { identity: bob })).toBeNull();
    expect(await b.call('count')).toBe(1);

    // Concurrent writes from both processes all land.
    const people = Array.from({ length: 20 }, () => ({ tenantId: randomUUID(), objectId: randomUUID() }));
    await Promise.all(
      people.map((identity, index) => (index % 2 ? a : b).call('put', { identity, connection: connection() })),
    );
    expect(await a.call('count')).toBe(21);
    expect(await b.call('count')).toBe(21);
  });
});
