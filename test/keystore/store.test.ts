import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../shared/identity';
import { ConfigError } from '../../shared/config';
import { createPostgresPool } from '../../shared/db/postgres';
import {
  createKeyStore,
  identityHash,
  KeyStoreCryptoError,
  openKeyStore,
  type ManagedKeyStore,
} from '../../shared/keystore';
import type { StoredConnection } from '../../shared/keystore/types';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

function person(): UserIdentity {
  return { tenantId: randomUUID(), objectId: randomUUID() };
}

function connection(overrides: Partial<StoredConnection> = {}): StoredConnection {
  return {
    apiKey: `PAT-${randomBytes(24).toString('base64url')}`,
    inlooxContactId: randomUUID(),
    inlooxDisplayName: 'Erika Mustermann',
    inlooxEmail: `erika.${randomBytes(4).toString('hex')}@example.com`,
    connectedAt: new Date().toISOString(),
    needsReconnect: false,
    ...overrides,
  };
}

/** Raw access to whatever the backend persisted, for checks the store API cannot make. */
interface Backend {
  name: string;
  /** A fresh, empty database location. */
  newUrl(): Promise<string>;
  /** Every stored column of every row, as text. */
  rawRows(url: string): Promise<string[]>;
  /** Every byte the backend wrote to disk for this database (SQLite only; PostgreSQL: rows). */
  rawFiles(url: string): Promise<Buffer[]>;
  exec(url: string, sql: string, params: unknown[]): Promise<void>;
}

let tempRoot: string;
let postgres: StartedPostgres;
let pgDatabases = 0;

const sqliteBackend: Backend = {
  name: 'SQLite',
  async newUrl() {
    return path.join(tempRoot, randomUUID(), 'nested', 'store.sqlite');
  },
  async rawRows(url) {
    const db = new Database(url, { readonly: true });
    try {
      return (db.prepare('SELECT * FROM connections').all() as Record<string, unknown>[]).flatMap((row) =>
        Object.values(row).map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value))),
      );
    } finally {
      db.close();
    }
  },
  async rawFiles(url) {
    const dir = path.dirname(url);
    const names = await readdir(dir);
    return Promise.all(names.map((name) => readFile(path.join(dir, name))));
  },
  async exec(url, sql, params) {
    const db = new Database(url);
    try {
      db.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
  },
};

const postgresBackend: Backend = {
  name: 'PostgreSQL',
  async newUrl() {
    return postgres.createDatabase(`store_${++pgDatabases}`);
  },
  async rawRows(url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ row: string }>(
        "SELECT row_to_json(c)::text || encode(c.secret, 'escape') AS row FROM connections c",
      );
      return rows.map((row) => row.row);
    } finally {
      await client.end();
    }
  },
  async rawFiles() {
    return [];
  },
  async exec(url, sql, params) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql, params);
    } finally {
      await client.end();
    }
  },
};

beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(tmpdir(), 'keystore-test-'));
  postgres = await startPostgres();
});

afterAll(async () => {
  await postgres?.stop();
  await rm(tempRoot, { recursive: true, force: true });
});

describe.each([sqliteBackend, postgresBackend])('key store on $name', (backend) => {
  const open: ManagedKeyStore[] = [];
  const openStore = async (url: string, encryptionKey: Buffer) => {
    const store = createKeyStore({ databaseUrl: url, encryptionKey });
    open.push(store);
    await store.init();
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('stores, reads, replaces and deletes a connection', async () => {
    const store = await openStore(await backend.newUrl(), randomBytes(32));
    const alice = person();
    expect(await store.get(alice)).toBeUndefined();
    const first = connection();
    await store.put(alice, first);
    expect(await store.get(alice)).toEqual(first);
    expect(await store.count()).toBe(1);

    const second = connection({ inlooxEmail: null });
    await store.put(alice, second);
    expect(await store.get(alice)).toEqual(second);
    expect(await store.count()).toBe(1);

    expect(await store.delete(alice)).toBe(true);
    expect(await store.get(alice)).toBeUndefined();
    expect(await store.delete(alice)).toBe(false);
    expect(await store.count()).toBe(0);
  });

  it('ping answers while the database is open and fails once it is closed (what /readyz reports)', async () => {
    const store = createKeyStore({ databaseUrl: await backend.newUrl(), encryptionKey: randomBytes(32) });
    await store.init();
    await expect(store.ping()).resolves.toBeUndefined();
    expect(store.keyLoaded()).toBe(true);
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('isolates people and treats identity ids case-insensitively', async () => {
    const store = await openStore(await backend.newUrl(), randomBytes(32));
    const alice = person();
    const bob = { tenantId: alice.tenantId, objectId: randomUUID() };
    const carol = { tenantId: randomUUID(), objectId: alice.objectId };
    const a = connection();
    const b = connection();
    await store.put(alice, a);
    await store.put(bob, b);
    expect((await store.get(alice))?.apiKey).toBe(a.apiKey);
    expect((await store.get(bob))?.apiKey).toBe(b.apiKey);
    expect(await store.get(carol)).toBeUndefined();
    const shouting = { tenantId: alice.tenantId.toUpperCase(), objectId: alice.objectId.toUpperCase() };
    expect((await store.get(shouting))?.apiKey).toBe(a.apiKey);
    await store.delete(bob);
    expect((await store.get(alice))?.apiKey).toBe(a.apiKey);
  });

  it('never holds the plain key, contact, name, e-mail or identity ids', async () => {
    const url = await backend.newUrl();
    const store = await openStore(url, randomBytes(32));
    const people = [person(), person(), person()];
    const stored = people.map(() => connection());
    for (const [index, identity] of people.entries()) await store.put(identity, stored[index]!);
    await store.markNeedsReconnect(people[0]!);

    const secrets = [
      ...stored.flatMap((c) => [c.apiKey, c.inlooxContactId, c.inlooxEmail ?? '']),
      ...people.flatMap((p) => [p.tenantId, p.objectId]),
    ];
    const rows = await backend.rawRows(url);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.join('\n')).toContain(identityHash(people[1]!));
    for (const secret of secrets) expect(rows.join('\n')).not.toContain(secret);
    for (const secret of [...secrets, 'Erika Mustermann']) {
      for (const file of await backend.rawFiles(url)) {
        expect(file.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      }
    }
    if (backend === sqliteBackend) expect((await backend.rawFiles(url)).length).toBeGreaterThan(0);
  });

  it('survives a restart of the store', async () => {
    const url = await backend.newUrl();
    const key = randomBytes(32);
    const first = await openStore(url, key);
    const alice = person();
    const saved = connection();
    await first.put(alice, saved);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await openStore(url, Buffer.from(key));
    expect(await second.get(alice)).toEqual(saved);
  });

  it('flags a connection for reconnection, but not a newer one', async () => {
    const store = await openStore(await backend.newUrl(), randomBytes(32));
    const alice = person();
    const old = connection({ connectedAt: '2026-01-01T10:00:00.000Z' });
    await store.put(alice, old);
    await store.markNeedsReconnect(alice, old.connectedAt);
    expect((await store.get(alice))?.needsReconnect).toBe(true);

    const fresh = connection({ connectedAt: '2026-01-02T10:00:00.000Z' });
    await store.put(alice, fresh);
    expect((await store.get(alice))?.needsReconnect).toBe(false);
    await store.markNeedsReconnect(alice, old.connectedAt);
    expect((await store.get(alice))?.needsReconnect).toBe(false);
    await store.markNeedsReconnect(alice);
    expect(await store.get(alice)).toEqual({ ...fresh, needsReconnect: true });

    await store.markNeedsReconnect(person());
    expect(await store.count()).toBe(1);
  });

  it('refuses a row moved onto another person', async () => {
    const url = await backend.newUrl();
    const store = await openStore(url, randomBytes(32));
    const alice = person();
    const mallory = person();
    await store.put(alice, connection());
    await store.put(mallory, connection());
    await backend.exec(
      url,
      'UPDATE connections SET secret = (SELECT secret FROM connections WHERE identity_hash = $1) WHERE identity_hash = $2',
      [identityHash(alice), identityHash(mallory)],
    );
    await expect(store.get(mallory)).rejects.toThrow(KeyStoreCryptoError);
  });

  it('with the wrong encryption key fails clearly and without key material', async () => {
    const url = await backend.newUrl();
    const key = randomBytes(32);
    const store = await openStore(url, key);
    const alice = person();
    const saved = connection();
    await store.put(alice, saved);
    const wrongKey = randomBytes(32);
    const wrong = await openStore(url, wrongKey);
    const error = await wrong.get(alice).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(KeyStoreCryptoError);
    const message = (error as Error).message;
    expect(message).toMatch(/another key/);
    for (const secret of [saved.apiKey, key.toString('base64'), key.toString('hex'), wrongKey.toString('base64')]) {
      expect(message).not.toContain(secret);
    }
  });

  it('rotates every key to a new encryption key with nothing lost', async () => {
    const url = await backend.newUrl();
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const store = await openStore(url, oldKey);
    const people = Array.from({ length: 25 }, () => person());
    const saved = people.map(() => connection());
    for (const [index, identity] of people.entries()) await store.put(identity, saved[index]!);
    await store.markNeedsReconnect(people[3]!);

    expect(await store.rotate(newKey)).toBe(25);
    expect((await store.get(people[0]!))?.apiKey).toBe(saved[0]!.apiKey);
    // A rerun (e.g. after an interrupted deploy) finds nothing left to do.
    expect(await store.rotate(newKey)).toBe(0);

    const withOld = await openStore(url, oldKey);
    await expect(withOld.get(people[0]!)).rejects.toThrow(KeyStoreCryptoError);
    const withNew = await openStore(url, newKey);
    for (const [index, identity] of people.entries()) {
      expect(await withNew.get(identity)).toEqual({ ...saved[index]!, needsReconnect: index === 3 });
    }
  });

  it('rolls a rotation back entirely when one row cannot be decrypted', async () => {
    const url = await backend.newUrl();
    const oldKey = randomBytes(32);
    const store = await openStore(url, oldKey);
    const alice = person();
    await store.put(alice, connection());
    const stranger = await openStore(url, randomBytes(32));
    await stranger.put(person(), connection());

    await expect(store.rotate(randomBytes(32))).rejects.toThrow(KeyStoreCryptoError);
    expect((await store.get(alice))?.apiKey).toBeDefined();
    const again = await openStore(url, oldKey);
    expect(await again.get(alice)).toBeDefined();
  });

  it('runs migrations once even when several instances start together', async () => {
    const url = await backend.newUrl();
    const key = randomBytes(32);
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(url, key)));
    const alice = person();
    await stores[0]!.put(alice, connection());
    for (const store of stores) expect(await store.count()).toBe(1);
  });
});

describe('openKeyStore from the app configuration', () => {
  it('local mode: SQLite file under the data folder and a generated key that survives restarts', async () => {
    const dataDir = path.join(tempRoot, randomUUID());
    const config = { mode: 'local' as const, dataDir, databaseUrl: path.join(dataDir, 'inloox-m365.sqlite') };
    const alice = person();
    const saved = connection();
    const first = await openKeyStore(config);
    await first.put(alice, saved);
    await first.close();
    const second = await openKeyStore(config);
    try {
      expect(await second.get(alice)).toEqual(saved);
    } finally {
      await second.close();
    }
    expect((await readdir(dataDir)).sort()).toContain('key-encryption.key');
  });

  it('production without KEY_ENCRYPTION_KEY refuses to open', async () => {
    const dataDir = path.join(tempRoot, randomUUID());
    await expect(
      openKeyStore({ mode: 'production', dataDir, databaseUrl: path.join(dataDir, 'x.sqlite') }),
    ).rejects.toThrow(ConfigError);
  });

  it('PostgreSQL with a shared pool, which close() leaves open for its owner', async () => {
    const url = await postgres.createDatabase('shared_pool');
    const pool = createPostgresPool(url);
    try {
      const store = await openKeyStore({
        mode: 'production',
        dataDir: tempRoot,
        databaseUrl: url,
        keyEncryptionKey: randomBytes(32).toString('base64'),
        pool,
      });
      const alice = person();
      await store.put(alice, connection());
      await store.close();
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM connections');
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
