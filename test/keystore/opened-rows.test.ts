import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionService } from '../../shared/connection-service';
import type { UserIdentity } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import { createKeyStore, type ManagedKeyStore, type StoredConnection } from '../../shared/keystore';
import { OpenedRows } from '../../shared/keystore/opened-rows';

const connection = (apiKey: string): StoredConnection => ({
  apiKey,
  inlooxContactId: randomUUID(),
  inlooxDisplayName: 'Erika Musterfrau',
  inlooxEmail: 'erika@example.com',
  connectedAt: new Date().toISOString(),
  needsReconnect: false,
});

const person = (): UserIdentity => ({ tenantId: randomUUID(), objectId: randomUUID() });

describe('decrypted connections in memory', () => {
  let dir: string;
  let file: string;
  const encryptionKey = randomBytes(32);
  const stores: ManagedKeyStore[] = [];
  const open = async () => {
    const store = createKeyStore({ databaseUrl: file, encryptionKey });
    await store.init();
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'opened-rows-'));
    file = path.join(dir, 'keys.sqlite');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a read connection and gives each caller its own copy', async () => {
    const store = await open();
    const alice = person();
    await store.put(alice, connection('key-a'));
    expect(store.openedInMemory()).toBe(0);
    const first = await store.get(alice);
    const second = await store.get(alice);
    expect(store.openedInMemory()).toBe(1);
    expect(second).toEqual(first);
    first!.apiKey = 'changed by a caller';
    expect((await store.get(alice))?.apiKey).toBe('key-a');
  });

  it('disconnecting wipes the person’s decrypted key from memory', async () => {
    const store = await open();
    const service = createConnectionService({ store, clientFor: () => ({}) as InLooxApi });
    const alice = person();
    const bob = person();
    await store.put(alice, connection('key-a'));
    await store.put(bob, connection('key-b'));
    await service.apiFor(alice);
    await service.apiFor(bob);
    expect(store.openedInMemory()).toBe(2);
    await service.disconnect(alice);
    expect(store.openedInMemory()).toBe(1);
    await expect(service.apiFor(alice)).rejects.toMatchObject({ reason: 'not_connected' });
  });

  it('a flagged connection and a key rotation drop what was decrypted', async () => {
    const store = await open();
    const alice = person();
    await store.put(alice, connection('key-a'));
    await store.get(alice);
    await store.markNeedsReconnect(alice);
    expect(store.openedInMemory()).toBe(0);
    await store.get(alice);
    expect(store.openedInMemory()).toBe(1);
    await store.rotate(randomBytes(32));
    expect(store.openedInMemory()).toBe(0);
    expect((await store.get(alice))?.apiKey).toBe('key-a');
  });

  it('never serves a key another instance has replaced, flagged or removed', async () => {
    const instanceA = await open();
    const instanceB = await open();
    const alice = person();
    await instanceA.put(alice, connection('old-key'));
    expect((await instanceB.get(alice))?.apiKey).toBe('old-key');

    await instanceA.put(alice, connection('new-key'));
    expect((await instanceB.get(alice))?.apiKey).toBe('new-key');

    await instanceA.markNeedsReconnect(alice);
    expect((await instanceB.get(alice))?.needsReconnect).toBe(true);

    await instanceA.delete(alice);
    expect(await instanceB.get(alice)).toBeUndefined();
    expect(instanceB.openedInMemory()).toBe(0);
  });
});

describe('OpenedRows', () => {
  const row = (secret: string) => ({
    identityHash: 'h1',
    keyId: 'k1',
    secret: Buffer.from(secret),
    connectedAt: '2026-11-25T08:00:00.000Z',
    needsReconnect: false,
  });

  it('holds at most `max` people, the least recently used go first', () => {
    const opened = new OpenedRows({ max: 2 });
    for (const hash of ['a', 'b', 'c']) opened.remember({ ...row('s'), identityHash: hash }, connection(hash));
    expect(opened.size).toBe(2);
    expect(opened.get({ ...row('s'), identityHash: 'a' })).toBeUndefined();
    expect(opened.get({ ...row('s'), identityHash: 'c' })?.apiKey).toBe('c');
  });

  it('forgets after its time to live', async () => {
    const opened = new OpenedRows({ ttlMs: 20 });
    opened.remember(row('s'), connection('k'));
    expect(opened.get(row('s'))?.apiKey).toBe('k');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(opened.get(row('s'))).toBeUndefined();
  });

  it('answers only for the same ciphertext under the same key id', () => {
    const opened = new OpenedRows();
    opened.remember(row('sealed-1'), connection('k'));
    expect(opened.get(row('sealed-2'))).toBeUndefined();
    expect(opened.get({ ...row('sealed-1'), keyId: 'k2' })).toBeUndefined();
    expect(opened.get({ ...row('sealed-1'), needsReconnect: true })).toMatchObject({
      apiKey: 'k',
      needsReconnect: true,
    });
  });
});
