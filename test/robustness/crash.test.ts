/**
 * Crash safety: a real server process (createServices + createApp from the environment, SQLite key store in a temp
 * DATA_DIR) is killed with SIGKILL in the middle of a stream of connects and creates, twice. After each restart the
 * key store opens cleanly, every connection that was acknowledged (HTTP 200) is still there and decrypts to the key
 * it was made with, and InLoox holds every acknowledged create exactly once and no create twice.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { createKeyStore, parseEncryptionKey } from '../../shared/keystore';
import { cardText, cardsOf } from '../bot/harness';
import { teamsActivity, type Person } from './harness';
import { bearerFor } from './test-identity';

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-server.ts', import.meta.url));
const KEYS = Array.from({ length: 30 }, (_, i) => `crash-key-${String(i).padStart(2, '0')}`);
const WORKERS = 6;
const ROUNDS = 2;
/** Kill once this much was acknowledged in a round (plus a random moment after), or after STREAM_MAX_MS. */
const KILL_AFTER = { connects: 12, creates: 8 };
const STREAM_MAX_MS = 20_000;

class ServerProcess {
  readonly exited: Promise<void>;
  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static start(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`server did not start within 90 s: ${stderr}`));
      }, 90_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before it was ready: ${stderr}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const message = JSON.parse(line) as { ready?: boolean; port?: number };
          if (message.ready && message.port) {
            clearTimeout(timer);
            resolve(new ServerProcess(child, message.port));
          }
        } catch {
          // log output of the server: not the ready line
        }
      });
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

interface Connect {
  person: Person;
  apiKey: string;
  via: 'add-in' | 'bot';
}
interface Create {
  name: string;
  apiKey: string;
  via: 'add-in' | 'bot';
  acknowledged: boolean;
}

let sandbox: Sandbox;
let inloox: RunningSandbox;
let dir: string;
let env: NodeJS.ProcessEnv;
let server: ServerProcess | undefined;
const markerProject = new Map<string, string>();
const acknowledgedConnects: Connect[] = [];
const creates: Create[] = [];
const encryptionKey = randomBytes(32).toString('base64');

beforeAll(async () => {
  sandbox = createSandbox({ keys: KEYS, seed: false, rateLimit: false });
  inloox = await sandbox.listen(0, '127.0.0.1');
  for (const key of KEYS) {
    markerProject.set(key, String(sandbox.data(key).create('Project', { Name: `Crash marker ${key}` }).ProjectId));
  }
  dir = mkdtempSync(path.join(tmpdir(), 'crash-safety-'));
  env = {
    ...process.env,
    MicrosoftAppId: '',
    INLOOX_BASE_URL: inloox.baseUrl,
    DATA_DIR: dir,
    DATABASE_URL: path.join(dir, 'keys.sqlite'),
    KEY_ENCRYPTION_KEY: encryptionKey,
    INLOOX_TIMEOUT_MS: '20000',
    PORT: '3978',
    // Dozens of people connect from this one address within a minute; the connect limit has its own tests.
    CONNECT_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '10000',
  };
}, 60_000);

afterAll(async () => {
  await server?.kill('SIGKILL');
  await inloox?.close();
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function displayNameOf(apiKey: string): string {
  return sandbox.accounts.find((a) => a.apiKey === apiKey)!.displayName;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

function invoke(base: string, person: Person, verb: string, data: Record<string, unknown>) {
  return post(
    `${base}/api/messages`,
    teamsActivity('http://127.0.0.1:9/', person, 'invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  );
}

/** One connect; returns true when the server acknowledged it (HTTP 200 and the connected account). */
async function connect(base: string, person: Person, apiKey: string, via: Connect['via']): Promise<boolean> {
  if (via === 'add-in') {
    const answer = await post(`${base}/addin/api/connect`, { apiKey }, { authorization: bearerFor(person) });
    return answer.status === 200 && answer.body.user?.displayName === displayNameOf(apiKey);
  }
  const answer = await invoke(base, person, 'connect.submit', { apiKey });
  return (
    answer.status === 200 &&
    answer.body.statusCode === 200 &&
    cardText(answer.body.value).includes(displayNameOf(apiKey))
  );
}

/** One create; returns true when the server acknowledged it (HTTP 200 with the created task). */
async function create(base: string, owner: Connect, name: string, via: Create['via']): Promise<boolean> {
  const projectId = markerProject.get(owner.apiKey)!;
  if (via === 'add-in') {
    const answer = await post(
      `${base}/addin/api/tasks`,
      {
        name,
        projectId,
        startDateTime: '2026-07-01T08:00:00Z',
        endDateTime: '2026-07-01T12:00:00Z',
        workAmount: 1,
        descriptionHtml: '<p>crash test</p>',
      },
      { authorization: bearerFor(owner.person) },
    );
    return answer.status === 200 && answer.body.task?.name === name;
  }
  const answer = await invoke(base, owner.person, 'task.create', { name, projectId, effort: '1' });
  return (
    answer.status === 200 &&
    answer.body.statusCode === 200 &&
    cardText(answer.body.value).includes(name) &&
    !JSON.stringify(answer.body.value).includes('"Input.Text"')
  );
}

/** Streams connects and creates from several workers until the server is killed mid-stream. */
async function streamAndKill(round: number): Promise<{ connects: number; creates: number; failedInFlight: number }> {
  const base = server!.baseUrl;
  let killed = false;
  let ackConnects = 0;
  let ackCreates = 0;
  let failedInFlight = 0;
  let serial = 0;
  const started = Date.now();
  let killing: Promise<void> | undefined;
  const maybeKill = () => {
    const enough = ackConnects >= KILL_AFTER.connects && ackCreates >= KILL_AFTER.creates;
    if (killing || !(enough || Date.now() - started > STREAM_MAX_MS)) return;
    killing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
      killed = true;
      await server!.kill('SIGKILL');
    })();
  };
  const worker = async (w: number) => {
    while (!killed) {
      const n = serial++;
      const via = n % 2 === 0 ? 'add-in' : 'bot';
      const connected = acknowledgedConnects;
      try {
        if (n % 3 !== 2 || connected.length === 0) {
          const person: Person = { tenantId: randomUUID(), objectId: randomUUID(), name: `Crash ${round}.${w}.${n}` };
          const apiKey = KEYS[n % KEYS.length]!;
          if (await connect(base, person, apiKey, via)) {
            acknowledgedConnects.push({ person, apiKey, via });
            ackConnects++;
          }
        } else {
          const owner = connected[n % connected.length]!;
          const record: Create = {
            name: `Crash task ${round}-${n}-${randomUUID().slice(0, 6)}`,
            apiKey: owner.apiKey,
            via,
            acknowledged: false,
          };
          creates.push(record);
          record.acknowledged = await create(base, owner, record.name, via);
          if (record.acknowledged) ackCreates++;
        }
      } catch {
        failedInFlight++; // the connection died with the server: not acknowledged
      }
      maybeKill();
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  await killing;
  return { connects: ackConnects, creates: ackCreates, failedInFlight };
}

async function verifyAfterRestart(): Promise<void> {
  const base = server!.baseUrl;
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  for (const { person, apiKey } of acknowledgedConnects) {
    const me = await fetch(`${base}/addin/api/me`, { headers: { authorization: bearerFor(person) } });
    const body = (await me.json()) as { connected: boolean; user?: { displayName: string } };
    expect(body, `connection of ${person.name}`).toMatchObject({
      connected: true,
      user: { displayName: displayNameOf(apiKey) },
    });
  }
  // The stored key still works for InLoox calls through the bot (decrypted, sent, answered with that account's data).
  for (const { person, apiKey } of acknowledgedConnects.slice(-3)) {
    const answer = await post(
      `${base}/api/messages`,
      teamsActivity('http://127.0.0.1:9/', person, 'message', { text: 'projects' }),
    );
    expect(answer.status).toBe(200);
    expect(cardText(cardsOf(answer.body.activities)[0])).toContain(`Crash marker ${apiKey}`);
  }
  for (const record of creates) {
    const copies = sandbox
      .data(record.apiKey)
      .list('Task')
      .filter((task) => task.Name === record.name).length;
    const what = `${record.name} (${record.via}, acknowledged: ${record.acknowledged})`;
    // Acknowledged: exactly once. Cut off by the kill: maybe carried out, but never twice.
    if (record.acknowledged) expect(copies, what).toBe(1);
    else expect(copies, what).toBeLessThanOrEqual(1);
  }
}

describe('SIGKILL during connects and creates', () => {
  it(`loses no acknowledged connection and duplicates no create over ${ROUNDS} kills`, async () => {
    server = await ServerProcess.start(env);
    for (let round = 1; round <= ROUNDS; round++) {
      const streamed = await streamAndKill(round);
      console.log(
        `crash round ${round}: killed after ${streamed.connects} acknowledged connects and ${streamed.creates} ` +
          `acknowledged creates; ${streamed.failedInFlight} requests died in flight`,
      );
      expect(streamed.connects).toBeGreaterThan(0);
      server = await ServerProcess.start(env);
      await verifyAfterRestart();
    }
    await server.kill('SIGTERM');
    server = undefined;

    // The file itself: intact, and every acknowledged connection decrypts to the key it was made with.
    const db = new Database(path.join(dir, 'keys.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const store = createKeyStore({
      databaseUrl: path.join(dir, 'keys.sqlite'),
      encryptionKey: parseEncryptionKey(encryptionKey),
    });
    await store.init();
    try {
      for (const { person, apiKey } of acknowledgedConnects) {
        expect((await store.get(person))?.apiKey).toBe(apiKey);
      }
      expect(await store.count()).toBeGreaterThanOrEqual(acknowledgedConnects.length);
    } finally {
      await store.close();
    }
    expect(creates.filter((c) => c.acknowledged).length).toBeGreaterThan(0);
  }, 240_000);
});
