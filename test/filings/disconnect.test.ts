/**
 * The filing memory goes with the person's connection, as the entry point wires it (createServices): disconnecting
 * from any client forgets what the person filed; when forgetting fails, the connection stays, so nothing is half gone.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { createServices, type RunningServices } from '../../server/services';
import { loadConfig } from '../../shared/config';
import { createConnectionService } from '../../shared/connection-service';
import type { UserIdentity } from '../../shared/identity';
import { createInLooxClientFactory } from '../../shared/inloox/client';

const PERSON: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
};
const MAIL = { source: 'mail' as const, messageId: '<a@b.example>', conversationId: 'conv' };
const TASK = { kind: 'task' as const, id: 'c0ffee00-0000-4000-8000-000000000001' };

let dir: string;
let sandbox: Sandbox;
let inloox: RunningSandbox;
let services: RunningServices;
let apiKey: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'filings-disconnect-'));
  sandbox = createSandbox({ rateLimit: false });
  inloox = await sandbox.listen(0, '127.0.0.1');
  apiKey = sandbox.accounts[0]!.apiKey;
  const config = loadConfig(
    { DATA_DIR: dir, INLOOX_BASE_URL: inloox.baseUrl, KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    { readDotenv: false },
  );
  services = await createServices(config);
});

afterAll(async () => {
  await services?.close();
  await inloox?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('filing memory and the connection', () => {
  it('disconnecting forgets every filing of the person', async () => {
    await services.connections.connect(PERSON, apiKey);
    await services.filings!.remember(PERSON, MAIL, TASK);
    expect((await services.filings!.lookup(PERSON, MAIL)).message).toHaveLength(1);
    expect(await services.connections.disconnect(PERSON)).toBe(true);
    expect(await services.filings!.lookup(PERSON, MAIL)).toEqual({ message: [], conversation: [] });
  });

  it('keeps the connection when forgetting fails, so the person can disconnect again', async () => {
    const connections = createConnectionService({
      store: services.store,
      clientFor: createInLooxClientFactory({ baseUrl: inloox.baseUrl, rateLimit: { calls: 100, windowMs: 60_000 } }),
      onDisconnect: async () => {
        throw new Error('database gone');
      },
    });
    await connections.connect(PERSON, apiKey);
    await expect(connections.disconnect(PERSON)).rejects.toThrow('database gone');
    expect(await connections.status(PERSON)).toBeDefined();
  });
});
