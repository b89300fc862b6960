import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, DEMO_USERS, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { createConnectionService } from '../../shared/connection-service';
import { NotConnectedError, type ConnectionService } from '../../shared/connections';
import { InLooxClient } from '../../shared/inloox/client';
import { InLooxError } from '../../shared/inloox/errors';
import { createKeyStore, type ManagedKeyStore } from '../../shared/keystore';

describe('connection service against the InLoox sandbox with the real client', () => {
  let sandbox: Sandbox;
  let running: RunningSandbox;
  let dir: string;
  let store: ManagedKeyStore;
  let service: ConnectionService;

  beforeAll(async () => {
    sandbox = createSandbox({ rateLimit: false });
    running = await sandbox.listen(0, '127.0.0.1');
    dir = await mkdtemp(path.join(tmpdir(), 'connection-sandbox-'));
    store = createKeyStore({ databaseUrl: path.join(dir, 'store.sqlite'), encryptionKey: randomBytes(32) });
    await store.init();
    service = createConnectionService({
      store,
      clientFor: (apiKey) => new InLooxClient({ baseUrl: running.baseUrl, apiKey, retry: { attempts: 1 } }),
    });
  });
  afterAll(async () => {
    await store?.close();
    await running?.close();
    await sandbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('connects with a demo key and stores who the InLoox user is', async () => {
    const anna = DEMO_USERS[0]!;
    const account = sandbox.accounts.find((a) => a.apiKey === anna.apiKey)!;
    const identity = { tenantId: randomUUID(), objectId: randomUUID() };
    const info = await service.connect(identity, ` ${anna.apiKey} `);
    expect(info.inlooxContactId).toBe(account.contactId);
    expect(info.inlooxDisplayName).toBe(account.displayName);
    expect(info.inlooxEmail).toBe(anna.email);
    expect(info.needsReconnect).toBe(false);
    expect((await store.get(identity))?.apiKey).toBe(anna.apiKey);

    const projects = await (await service.apiFor(identity)).listProjects();
    expect(projects.items.length).toBeGreaterThan(0);
  });

  it('rejects a wrong key with an auth error and stores nothing', async () => {
    const identity = { tenantId: randomUUID(), objectId: randomUUID() };
    const before = await store.count();
    const error = await service.connect(identity, 'not-a-sandbox-key').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InLooxError);
    expect((error as InLooxError).kind).toBe('auth');
    expect((error as InLooxError).message).not.toContain('not-a-sandbox-key');
    expect(await service.status(identity)).toBeUndefined();
    expect(await store.count()).toBe(before);
  });

  it('a 401 on a later call marks the connection as needing reconnection', async () => {
    const ben = DEMO_USERS[1]!;
    const identity = { tenantId: randomUUID(), objectId: randomUUID() };
    await service.connect(identity, ben.apiKey);
    const api = await service.apiFor(identity);
    const fault = sandbox.faults.add({ path: 'Project*', status: 401 });
    try {
      await expect(api.listProjects()).rejects.toMatchObject({ kind: 'auth' });
    } finally {
      sandbox.faults.remove(fault.id);
    }
    expect((await service.status(identity))?.needsReconnect).toBe(true);
    const notConnected = await service.apiFor(identity).catch((caught: unknown) => caught);
    expect(notConnected).toBeInstanceOf(NotConnectedError);
    expect((notConnected as NotConnectedError).reason).toBe('needs_reconnect');

    await service.connect(identity, ben.apiKey);
    await expect((await service.apiFor(identity)).listProjects()).resolves.toMatchObject({ items: expect.any(Array) });
  });
});
