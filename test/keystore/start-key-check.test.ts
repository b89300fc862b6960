/** A KEY_ENCRYPTION_KEY that cannot open the stored connections stops the server at start, with a clear message. */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../server/services';
import { ConfigError, loadConfig } from '../../shared/config';
import { createKeyStore, keyIdOf } from '../../shared/keystore';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('start with stored connections', () => {
  const right = randomBytes(32);
  const wrong = randomBytes(32);
  let dir: string;
  let databaseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'start-key-check-'));
    databaseUrl = path.join(dir, 'keys.sqlite');
    const store = createKeyStore({ databaseUrl, encryptionKey: right });
    await store.init();
    await store.put(
      { tenantId: randomUUID(), objectId: randomUUID() },
      {
        apiKey: 'PAT-stored-secret',
        inlooxContactId: randomUUID(),
        inlooxDisplayName: 'Stored',
        inlooxEmail: null,
        connectedAt: new Date().toISOString(),
        needsReconnect: false,
      },
    );
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (key: Buffer) =>
    loadConfig(
      {
        INLOOX_BASE_URL: 'http://127.0.0.1:9/api/odata/',
        DATA_DIR: dir,
        DATABASE_URL: databaseUrl,
        KEY_ENCRYPTION_KEY: key.toString('base64'),
      },
      { readDotenv: false },
    );

  it('refuses the wrong key, naming both key ids and no key material', async () => {
    const error = await createServices(config(wrong)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(`KEY_ENCRYPTION_KEY (key id ${keyIdOf(wrong)}) does not match the stored connections`);
    expect(message).toContain(keyIdOf(right));
    for (const secret of [right, wrong].flatMap((k) => [k.toString('base64'), k.toString('hex')]))
      expect(message).not.toContain(secret);
  });

  it('starts with the right key', async () => {
    const services = await createServices(config(right));
    expect(await services.store.count()).toBe(1);
    await services.close();
  });

  it('npm start stops with "Cannot start: …" and exit code 1', async () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !['MicrosoftAppId', 'SANDBOX_DATA_DIR'].includes(name)),
    );
    const outcome = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      timeout: 60_000,
      env: {
        ...env,
        INLOOX_BASE_URL: 'http://127.0.0.1:9/api/odata/',
        DATA_DIR: dir,
        DATABASE_URL: databaseUrl,
        KEY_ENCRYPTION_KEY: wrong.toString('base64'),
        PORT: String(40_000 + Math.floor(Math.random() * 20_000)),
        PLAYGROUND: 'off',
      },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`Cannot start: KEY_ENCRYPTION_KEY (key id ${keyIdOf(wrong)}) does not match`);
  }, 70_000);
});
