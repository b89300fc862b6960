import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../shared/identity';
import { rotateEncryptionKey } from '../../scripts/rotate-key';
import {
  createKeyStore,
  KeyStoreCryptoError,
  openKeyStore,
  parseEncryptionKey,
  resolveEncryptionKey,
} from '../../shared/keystore';
import type { StoredConnection } from '../../shared/keystore/types';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run rotate-key` for real, with only the given configuration in the environment. */
async function rotateKey(env: Record<string, string>, args: string[]): Promise<ScriptRun> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !['DATABASE_URL', 'KEY_ENCRYPTION_KEY', 'DATA_DIR', 'MicrosoftAppId', 'NEW_KEY_ENCRYPTION_KEY'].includes(name),
    ),
  );
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'rotate-key', '--', ...args], {
      cwd: ROOT,
      env: { ...clean, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function person(): UserIdentity {
  return { tenantId: randomUUID(), objectId: randomUUID() };
}

function connection(): StoredConnection {
  return {
    apiKey: `PAT-${randomBytes(20).toString('hex')}`,
    inlooxContactId: randomUUID(),
    inlooxDisplayName: 'Rotation Test',
    inlooxEmail: null,
    connectedAt: new Date().toISOString(),
    needsReconnect: false,
  };
}

async function seed(databaseUrl: string, key: Buffer, count: number) {
  const store = createKeyStore({ databaseUrl, encryptionKey: key });
  await store.init();
  const people = Array.from({ length: count }, () => person());
  const saved = people.map(() => connection());
  for (const [index, identity] of people.entries()) await store.put(identity, saved[index]!);
  await store.close();
  return { people, saved };
}

async function readAll(databaseUrl: string, key: Buffer, people: UserIdentity[]) {
  const store = createKeyStore({ databaseUrl, encryptionKey: key });
  await store.init();
  try {
    return await Promise.all(people.map((identity) => store.get(identity)));
  } finally {
    await store.close();
  }
}

let postgres: StartedPostgres;
let tempRoot: string;

beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(tmpdir(), 'rotate-key-'));
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  await rm(tempRoot, { recursive: true, force: true });
});

describe.each([
  { name: 'SQLite', url: async () => path.join(tempRoot, randomUUID(), 'store.sqlite') },
  { name: 'PostgreSQL', url: async () => postgres.createDatabase(`rotate_${randomBytes(4).toString('hex')}`) },
])('npm run rotate-key on $name', ({ url }) => {
  it('re-encrypts every connection: the old key no longer reads them, the new key reads all', async () => {
    const databaseUrl = await url();
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const { people, saved } = await seed(databaseUrl, oldKey, 12);

    const result = await rotateKey(
      {
        DATABASE_URL: databaseUrl,
        KEY_ENCRYPTION_KEY: oldKey.toString('base64'),
        DATA_DIR: tempRoot,
        NEW_KEY_ENCRYPTION_KEY: newKey.toString('base64'),
      },
      [],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Re-encrypted 12 of 12 stored connections.');
    const output = result.stdout + result.stderr;
    for (const secret of [
      oldKey.toString('base64'),
      newKey.toString('base64'),
      oldKey.toString('hex'),
      newKey.toString('hex'),
      ...saved.map((c) => c.apiKey),
    ]) {
      expect(output).not.toContain(secret);
    }

    await expect(readAll(databaseUrl, oldKey, people)).rejects.toThrow(KeyStoreCryptoError);
    expect(await readAll(databaseUrl, newKey, people)).toEqual(saved);
  });

  it('changes nothing when the current key is wrong or the new key is malformed', async () => {
    const databaseUrl = await url();
    const key = randomBytes(32);
    const { people, saved } = await seed(databaseUrl, key, 3);

    const wrongCurrent = await rotateKey(
      {
        DATABASE_URL: databaseUrl,
        KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        DATA_DIR: tempRoot,
        NEW_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
      [],
    );
    expect(wrongCurrent.code).not.toBe(0);
    expect(wrongCurrent.stderr).toMatch(/Key rotation failed: KeyStoreCryptoError/);

    const malformed = await rotateKey(
      {
        DATABASE_URL: databaseUrl,
        KEY_ENCRYPTION_KEY: key.toString('base64'),
        DATA_DIR: tempRoot,
        NEW_KEY_ENCRYPTION_KEY: 'too-short-secret',
      },
      [],
    );
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toMatch(/NEW_KEY_ENCRYPTION_KEY must be exactly 32 random bytes/);
    expect(malformed.stderr).not.toContain('too-short-secret');

    expect(await readAll(databaseUrl, key, people)).toEqual(saved);
  });

  it('refuses a new key on the command line (shell history, process list) and changes nothing', async () => {
    const databaseUrl = await url();
    const key = randomBytes(32);
    const { people, saved } = await seed(databaseUrl, key, 2);
    const secret = randomBytes(32).toString('base64');
    const result = await rotateKey(
      { DATABASE_URL: databaseUrl, KEY_ENCRYPTION_KEY: key.toString('base64'), DATA_DIR: tempRoot },
      ['--new-key', secret],
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('give the new key as NEW_KEY_ENCRYPTION_KEY');
    expect(result.stderr).not.toContain(secret);
    expect(await readAll(databaseUrl, key, people)).toEqual(saved);
  });
});

describe('npm run rotate-key in local mode with the generated key file', () => {
  it('takes the new key from NEW_KEY_ENCRYPTION_KEY and replaces the key file (0600)', async () => {
    const dataDir = path.join(tempRoot, randomUUID());
    const databaseUrl = path.join(dataDir, 'inloox-m365.sqlite');
    const oldKey = await resolveEncryptionKey({ mode: 'local', dataDir });
    const { people, saved } = await seed(databaseUrl, oldKey, 4);
    const newKey = randomBytes(32);

    const result = await rotateKey({ DATA_DIR: dataDir, NEW_KEY_ENCRYPTION_KEY: newKey.toString('hex') }, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Re-encrypted 4 of 4 stored connections.');
    const keyFile = path.join(dataDir, 'key-encryption.key');
    expect(parseEncryptionKey(await readFile(keyFile, 'utf8')).equals(newKey)).toBe(true);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(parseEncryptionKey(await readFile(`${keyFile}.previous`, 'utf8')).equals(oldKey)).toBe(true);
    expect(await readAll(databaseUrl, await resolveEncryptionKey({ mode: 'local', dataDir }), people)).toEqual(saved);
  });

  it('a crash between the commit and the key-file rename loses nothing: .new is read, kept and finished', async () => {
    const dataDir = path.join(tempRoot, randomUUID());
    const databaseUrl = path.join(dataDir, 'inloox-m365.sqlite');
    const local = { mode: 'local' as const, dataDir, databaseUrl };
    const oldKey = await resolveEncryptionKey(local);
    const { people, saved } = await seed(databaseUrl, oldKey, 3);
    // The state a killed first run leaves: the new key in .new, every row committed under it, the rename not done.
    const keyFile = path.join(dataDir, 'key-encryption.key');
    const newKey = randomBytes(32);
    await writeFile(`${keyFile}.new`, `${newKey.toString('base64')}\n`, { mode: 0o600 });
    const direct = createKeyStore({ databaseUrl, encryptionKey: oldKey });
    await direct.init();
    expect(await direct.rotate(newKey)).toBe(3);
    await direct.close();

    // The server still reads every connection (the .new key is a read fallback).
    const server = await openKeyStore(local);
    expect(await server.foreignKeyIds()).toEqual([]);
    expect(await Promise.all(people.map((p) => server.get(p)))).toEqual(saved);
    await server.close();

    // Another rotation must not replace .new, the only copy of the key the rows are under.
    await expect(rotateEncryptionKey(local, randomBytes(32))).rejects.toThrow(/unfinished rotation/);
    expect(parseEncryptionKey(await readFile(`${keyFile}.new`, 'utf8')).equals(newKey)).toBe(true);

    // Rerunning with that key finishes: the key file holds it, .new is gone, every row reads.
    const finished = await rotateEncryptionKey(local, newKey);
    expect(finished).toMatchObject({ rotated: 0, total: 3, keyFileUpdated: true });
    expect(parseEncryptionKey(await readFile(keyFile, 'utf8')).equals(newKey)).toBe(true);
    await expect(stat(`${keyFile}.new`)).rejects.toThrow();
    expect(await readAll(databaseUrl, newKey, people)).toEqual(saved);
  });

  it('a failed rotation that committed nothing removes its .new key; rows under it are never orphaned', async () => {
    const dataDir = path.join(tempRoot, randomUUID());
    const databaseUrl = path.join(dataDir, 'inloox-m365.sqlite');
    const local = { mode: 'local' as const, dataDir, databaseUrl };
    const oldKey = await resolveEncryptionKey(local);
    await seed(databaseUrl, oldKey, 2);
    // A row under a key nobody has: the rotation rolls back entirely.
    await seed(databaseUrl, randomBytes(32), 1);
    await expect(rotateEncryptionKey(local, randomBytes(32))).rejects.toThrow(KeyStoreCryptoError);
    await expect(stat(path.join(dataDir, 'key-encryption.key.new'))).rejects.toThrow();
  });
});
