/** Connect attempts are limited per person and per client address, in the store the InLoox call budget uses. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { createApp } from '../../server/app';
import { createServices, type RunningServices } from '../../server/services';
import { loadConfig } from '../../shared/config';
import { ConnectAttemptsError, createConnectLimit } from '../../shared/connect-limit';
import { createConnectionService } from '../../shared/connection-service';
import type { UserIdentity } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import { InLooxError } from '../../shared/inloox/errors';
import { MemoryLimiterStore, PostgresLimiterStore } from '../../shared/inloox/limiter';
import type { ManagedKeyStore } from '../../shared/keystore';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

const person = (): UserIdentity => ({ tenantId: randomUUID(), objectId: randomUUID() });

/** An InLoox stand-in that refuses every key and counts how often it was asked. */
function refusingInLoox() {
  const asked = { count: 0 };
  const clientFor = () =>
    ({
      me: async () => {
        asked.count++;
        throw new InLooxError('auth', { status: 401 });
      },
    }) as unknown as InLooxApi;
  return { asked, clientFor };
}

async function attempt(promise: Promise<unknown>): Promise<'refused_by_inloox' | 'limited'> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ConnectAttemptsError) return 'limited';
  expect(error).toMatchObject({ kind: 'auth' });
  return 'refused_by_inloox';
}

describe('the product as server/services.ts wires it (SQLite)', () => {
  let sandbox: Sandbox;
  let running: RunningSandbox;
  let dataDir: string;
  let services: RunningServices;
  let server: Server;
  let baseUrl: string;

  async function start() {
    const config = loadConfig(
      { INLOOX_BASE_URL: running.baseUrl, DATA_DIR: dataDir, PORT: '3978' },
      { readDotenv: false },
    );
    services = await createServices(config);
    server = await new Promise((resolve) => {
      const s = createApp(services).listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  async function stop() {
    await new Promise((resolve) => server.close(resolve));
    await services.close();
  }

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: false });
    running = await sandbox.listen(0, '127.0.0.1');
    dataDir = mkdtempSync(path.join(tmpdir(), 'connect-limit-'));
    await start();
  });
  afterAll(async () => {
    await stop();
    await running.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const connect = (language = 'en') =>
    fetch(`${baseUrl}/tab/api/connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': language },
      body: JSON.stringify({ apiKey: `made-up-${randomUUID()}` }),
    });
  const keyChecksAtInLoox = () => sandbox.requestLog.entries().filter((e) => /UserInfo/i.test(e.url)).length;

  it('lets 5 attempts a minute reach InLoox, then answers 429 in English and German; a restart keeps the count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await connect()).status);
    expect(statuses.every((status) => status !== 429)).toBe(true);
    expect(keyChecksAtInLoox()).toBe(5);

    const limited = await connect();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(61);
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toBe(
      `Too many connection attempts. Please wait ${retryAfter} s, then try again with your personal access token.`,
    );
    const german = (await (await connect('de-DE')).json()) as { error: { message: string } };
    expect(german.error.message).toMatch(/^Zu viele Verbindungsversuche\. Bitte warten Sie \d+ s/);

    await stop();
    await start();
    expect((await connect()).status).toBe(429);
    expect(keyChecksAtInLoox()).toBe(5);
  });
});

/** A connection service with the default connect limits, in front of an InLoox that refuses every key. */
function limitedConnections() {
  const { asked, clientFor } = refusingInLoox();
  const connections = createConnectionService({
    store: {} as ManagedKeyStore,
    clientFor,
    connectLimit: createConnectLimit({ store: new MemoryLimiterStore() }),
  });
  return { asked, connections };
}

describe('limits of the connection service', () => {
  it('per person: the 6th attempt in a minute never reaches InLoox, other people are unaffected', async () => {
    const { asked, connections } = limitedConnections();
    const someone = person();
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push(await attempt(connections.connect(someone, `key-${i}`)));
    expect(outcomes).toEqual([...Array(5).fill('refused_by_inloox'), ...Array(3).fill('limited')]);
    expect(await attempt(connections.connect(person(), 'key-x'))).toBe('refused_by_inloox');
    expect(asked.count).toBe(6);
  });

  it('per client address: many people from one address get 30 attempts a minute together', async () => {
    const { asked, connections } = limitedConnections();
    const outcomes = [];
    for (let i = 0; i < 35; i++)
      outcomes.push(await attempt(connections.connect(person(), `key-${i}`, { clientAddress: '203.0.113.9' })));
    expect(outcomes.filter((o) => o === 'limited')).toHaveLength(5);
    expect(asked.count).toBe(30);
    expect(await attempt(connections.connect(person(), 'k', { clientAddress: '198.51.100.1' }))).toBe(
      'refused_by_inloox',
    );
  });

  it('a malformed key costs no attempt (it never reaches InLoox)', async () => {
    const { asked, connections } = limitedConnections();
    const someone = person();
    for (let i = 0; i < 10; i++) await expect(connections.connect(someone, 'has spaces')).rejects.toThrow();
    expect(await attempt(connections.connect(someone, 'well-formed'))).toBe('refused_by_inloox');
    expect(asked.count).toBe(1);
  });
});

describe('several instances sharing PostgreSQL', () => {
  let postgres: StartedPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(async () => postgres?.stop());

  it('hold one limit per person together', async () => {
    const instances = [0, 1].map(() => ({ inloox: refusingInLoox() }));
    const pools = instances.map(() => {
      const pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
      pool.on('error', () => undefined); // idle clients see the server stop at the end
      return pool;
    });
    try {
      const services = instances.map(({ inloox }, index) =>
        createConnectionService({
          store: {} as ManagedKeyStore,
          clientFor: inloox.clientFor,
          connectLimit: createConnectLimit({ store: new PostgresLimiterStore(pools[index]!) }),
        }),
      );
      const someone = person();
      const outcomes = [];
      for (let i = 0; i < 10; i++) outcomes.push(await attempt(services[i % 2]!.connect(someone, `key-${i}`)));
      expect(outcomes.filter((o) => o === 'refused_by_inloox')).toHaveLength(5);
      expect(instances[0]!.inloox.asked.count + instances[1]!.inloox.asked.count).toBe(5);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  }, 60_000);
});
