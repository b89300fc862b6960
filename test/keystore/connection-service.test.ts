import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionService, MAX_API_KEY_LENGTH } from '../../shared/connection-service';
import { NotConnectedError } from '../../shared/connections';
import type { UserIdentity } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import { InLooxError } from '../../shared/inloox/errors';
import type { UserInfo } from '../../shared/inloox/types';
import { createKeyStore, type ManagedKeyStore } from '../../shared/keystore';
import { MemoryInLoox } from '../helpers/memory-inloox';

/** InLoox for these tests: the in-memory fake per key, and keys that can be revoked later. */
class FakeInLoox {
  readonly users = new Map<string, UserInfo>();
  readonly accounts = new Map<string, MemoryInLoox>();
  readonly revoked = new Set<string>();
  readonly clientsBuilt: string[] = [];
  readonly meCalls: string[] = [];

  addUser(apiKey: string, user: Partial<UserInfo> = {}): UserInfo {
    const info: UserInfo = {
      ContactId: randomUUID(),
      DisplayName: 'Max Mustermann',
      Email: 'max@example.com',
      ...user,
    };
    this.users.set(apiKey, info);
    const account = new MemoryInLoox(info);
    void account.createProject({ Name: `Project of ${info.DisplayName}` });
    this.accounts.set(apiKey, account);
    return info;
  }

  private authorize(apiKey: string): void {
    if (!this.users.has(apiKey) || this.revoked.has(apiKey)) throw new InLooxError('auth', { status: 401 });
  }

  clientFor = (apiKey: string): InLooxApi => {
    this.clientsBuilt.push(apiKey);
    return new Proxy({} as InLooxApi, {
      get: (_target, property) => {
        // Only the API's methods: anything else (such as `then`) must stay undefined, or the API looks like a promise.
        if (typeof property !== 'string' || typeof MemoryInLoox.prototype[property as keyof InLooxApi] !== 'function') {
          return undefined;
        }
        const method = property as keyof InLooxApi;
        return async (...args: unknown[]) => {
          if (method === 'me') this.meCalls.push(apiKey);
          this.authorize(apiKey);
          const account = this.accounts.get(apiKey)!;
          return (account[method] as (...a: unknown[]) => Promise<unknown>).apply(account, args);
        };
      },
    });
  };
}

function person(): UserIdentity {
  return { tenantId: randomUUID(), objectId: randomUUID() };
}

describe('connection service', () => {
  let dir: string;
  let store: ManagedKeyStore;
  let inloox: FakeInLoox;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'connection-service-'));
    store = createKeyStore({ databaseUrl: path.join(dir, 'store.sqlite'), encryptionKey: randomBytes(32) });
    await store.init();
    inloox = new FakeInLoox();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('validates the key with UserInfo/Me() and stores who the InLoox user is', async () => {
    const service = createConnectionService({
      store,
      clientFor: inloox.clientFor,
      now: () => new Date('2026-11-23T08:00:00Z'),
    });
    const me = inloox.addUser('valid-key-1', { DisplayName: 'Erika Mustermann', Email: 'erika@example.com' });
    const alice = person();
    const info = await service.connect(alice, '  valid-key-1\n');
    expect(inloox.meCalls).toEqual(['valid-key-1']);
    expect(info).toEqual({
      inlooxContactId: me.ContactId,
      inlooxDisplayName: 'Erika Mustermann',
      inlooxEmail: 'erika@example.com',
      connectedAt: '2026-11-23T08:00:00.000Z',
      needsReconnect: false,
    });
    expect(await service.status(alice)).toEqual(info);
    expect((await store.get(alice))?.apiKey).toBe('valid-key-1');
  });

  it('falls back to first/last name or e-mail when InLoox has no display name', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    inloox.addUser('k-names', { DisplayName: null, FirstName: 'Erika', LastName: 'Mustermann' });
    inloox.addUser('k-mail', { DisplayName: ' ', Email: 'only@example.com' });
    expect((await service.connect(person(), 'k-names')).inlooxDisplayName).toBe('Erika Mustermann');
    expect((await service.connect(person(), 'k-mail')).inlooxDisplayName).toBe('only@example.com');
  });

  it('rejects a key InLoox refuses and stores nothing', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    const alice = person();
    await expect(service.connect(alice, 'wrong-key')).rejects.toMatchObject({ kind: 'auth' });
    expect(await service.status(alice)).toBeUndefined();
    expect(await store.count()).toBe(0);
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \t\n'],
    ['inner space', 'abc def'],
    ['a line break inside', 'abc\r\ndef'],
    ['too long', 'x'.repeat(MAX_API_KEY_LENGTH + 1)],
    ['non-ASCII', 'schlüssel'],
  ])('rejects a %s key before asking InLoox', async (_label, key) => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    const error = await service.connect(person(), key).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InLooxError);
    expect(error).toMatchObject({ kind: 'validation', details: { field: 'apiKey' } });
    expect((error as InLooxError).message).not.toContain(key.trim() || '\u0000');
    expect((error as InLooxError).userMessage('de')).toContain('Feld: apiKey');
    expect(inloox.clientsBuilt).toEqual([]);
    expect(await store.count()).toBe(0);
  });

  it('accepts a key of exactly the maximum length', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    const key = 'k'.repeat(MAX_API_KEY_LENGTH);
    inloox.addUser(key);
    await expect(service.connect(person(), key)).resolves.toMatchObject({ needsReconnect: false });
  });

  it('serves the person their own InLoox, isolated from others', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    inloox.addUser('alice-key', { DisplayName: 'Alice' });
    inloox.addUser('bob-key', { DisplayName: 'Bob' });
    const alice = person();
    const bob = person();
    await service.connect(alice, 'alice-key');
    await service.connect(bob, 'bob-key');
    expect((await (await service.apiFor(alice)).listProjects()).items[0]?.Name).toBe('Project of Alice');
    expect((await (await service.apiFor(bob)).listProjects()).items[0]?.Name).toBe('Project of Bob');
  });

  it('says not_connected before connecting and after disconnecting', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    const alice = person();
    await expect(service.apiFor(alice)).rejects.toMatchObject({ reason: 'not_connected' });
    inloox.addUser('key-a');
    await service.connect(alice, 'key-a');
    await service.apiFor(alice);
    expect(await service.disconnect(alice)).toBe(true);
    expect(await service.disconnect(alice)).toBe(false);
    expect(await store.get(alice)).toBeUndefined();
    const error = await service.apiFor(alice).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect((error as NotConnectedError).reason).toBe('not_connected');
  });

  it('a key InLoox rejects later marks the connection for reconnection and tells the person', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    inloox.addUser('soon-revoked');
    const alice = person();
    await service.connect(alice, 'soon-revoked');
    const api = await service.apiFor(alice);
    await api.listProjects();
    inloox.revoked.add('soon-revoked');

    const error = await api.listProjects().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InLooxError);
    expect((error as InLooxError).kind).toBe('auth');
    expect((await service.status(alice))?.needsReconnect).toBe(true);

    const notConnected = await service.apiFor(alice).catch((caught: unknown) => caught);
    expect(notConnected).toBeInstanceOf(NotConnectedError);
    expect((notConnected as NotConnectedError).reason).toBe('needs_reconnect');
    expect((notConnected as NotConnectedError).userMessage('de')).toMatch(/erneut/);
    expect((notConnected as NotConnectedError).userMessage('en')).toMatch(/connect again/);

    inloox.addUser('new-key');
    await service.connect(alice, 'new-key');
    expect((await service.status(alice))?.needsReconnect).toBe(false);
    await expect((await service.apiFor(alice)).listProjects()).resolves.toBeDefined();
  });

  it('other errors leave the connection alone', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    inloox.addUser('key-404');
    const alice = person();
    await service.connect(alice, 'key-404');
    await expect((await service.apiFor(alice)).getProject(randomUUID())).rejects.toMatchObject({ kind: 'not_found' });
    expect((await service.status(alice))?.needsReconnect).toBe(false);
  });

  it('a late 401 from the old key does not flag a fresh connection', async () => {
    let clock = Date.parse('2026-11-23T08:00:00Z');
    const service = createConnectionService({ store, clientFor: inloox.clientFor, now: () => new Date(clock++) });
    inloox.addUser('old-key');
    inloox.addUser('new-key');
    const alice = person();
    await service.connect(alice, 'old-key');
    const oldApi = await service.apiFor(alice);
    await service.connect(alice, 'new-key');
    inloox.revoked.add('old-key');
    await expect(oldApi.listProjects()).rejects.toMatchObject({ kind: 'auth' });
    expect((await service.status(alice))?.needsReconnect).toBe(false);
  });

  it('reuses one client per stored key, rebuilds after reconnecting and bounds the cache', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor, cacheSize: 2 });
    const people = [person(), person(), person()];
    for (const [index, identity] of people.entries()) {
      inloox.addUser(`key-${index}`);
      await service.connect(identity, `key-${index}`);
    }
    inloox.clientsBuilt.length = 0;
    const first = await service.apiFor(people[0]!);
    expect(await service.apiFor(people[0]!)).toBe(first);
    expect(inloox.clientsBuilt).toEqual(['key-0']);

    await service.apiFor(people[1]!);
    await service.apiFor(people[2]!); // evicts people[0], the least recently used
    await service.apiFor(people[0]!);
    expect(inloox.clientsBuilt).toEqual(['key-0', 'key-1', 'key-2', 'key-0']);

    inloox.addUser('key-0b');
    await service.connect(people[0]!, 'key-0b');
    inloox.clientsBuilt.length = 0;
    await (await service.apiFor(people[0]!)).listProjects();
    expect(inloox.clientsBuilt).toEqual(['key-0b']);
  });

  it('sees a disconnect made by another server instance at once', async () => {
    const instanceA = createConnectionService({ store, clientFor: inloox.clientFor });
    const instanceB = createConnectionService({ store, clientFor: inloox.clientFor });
    inloox.addUser('shared');
    const alice = person();
    await instanceA.connect(alice, 'shared');
    await instanceB.apiFor(alice);
    await instanceA.disconnect(alice);
    await expect(instanceB.apiFor(alice)).rejects.toMatchObject({ reason: 'not_connected' });
  });

  it('rejects malformed identities', async () => {
    const service = createConnectionService({ store, clientFor: inloox.clientFor });
    inloox.addUser('k');
    await expect(service.connect({ tenantId: 'x', objectId: randomUUID() }, 'k')).rejects.toThrow(TypeError);
    await expect(service.apiFor({ tenantId: '', objectId: '' })).rejects.toThrow(TypeError);
    expect(await store.count()).toBe(0);
  });
});
