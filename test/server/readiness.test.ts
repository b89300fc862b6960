/**
 * /healthz and /readyz of the app as the entry point builds it (createServices from configuration: SQLite key store
 * with its encryption key), on a real HTTP port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app';
import { RequestDrain } from '../../server/drain';
import { CHECK_TIMEOUT_MS, keyStoreChecks, readiness, type ReadinessCheck } from '../../server/readiness';
import { createServices, type RunningServices } from '../../server/services';
import { loadConfig } from '../../shared/config';

const KEY = randomBytes(32).toString('base64');
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  env: Record<string, string> = {},
  options: { checks?: (services: RunningServices) => ReadinessCheck[]; drain?: RequestDrain } = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'readiness-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig(
    { DATA_DIR: dir, INLOOX_BASE_URL: 'http://127.0.0.1:9/api/odata/', KEY_ENCRYPTION_KEY: KEY, ...env },
    { readDotenv: false },
  );
  const services = await createServices(config);
  cleanups.push(() => services.close());
  const app = createApp(services, {
    checks: options.checks ? options.checks(services) : services.readiness,
    ...(options.drain ? { drain: options.drain } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (urlPath: string) => {
    const response = await fetch(`${base}${urlPath}`);
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
  };
  return { services, config, get, dir };
}

describe('/healthz and /readyz', () => {
  it('ready: database reachable, encryption key loaded, InLoox base URL configured', async () => {
    const { get } = await start();
    await expect(get('/healthz')).resolves.toMatchObject({ status: 200, body: { status: 'ok', mode: 'local' } });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      checks: { inloox_base_url: 'ok', database: 'ok', encryption_key: 'ok' },
      failed: [],
    });
  });

  it('a database that cannot be reached: 503 naming the check, without paths or keys; /healthz stays 200', async () => {
    const { get, services, dir } = await start();
    await services.store.close();
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', failed: ['database'] });
    expect(ready.body.checks).toEqual({ inloox_base_url: 'ok', database: 'failed', encryption_key: 'ok' });
    expect(ready.text).not.toContain(dir);
    expect(ready.text).not.toContain(KEY);
    expect(ready.text).not.toMatch(/sqlite|initialised|closed/i);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('an encryption key that is not loaded: 503 naming encryption_key', async () => {
    const { get } = await start({}, { checks: () => keyStoreChecks({ ping: async () => {}, keyLoaded: () => false }) });
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', failed: ['encryption_key'] });
  });

  it('an InLoox base URL that is not usable: 503 naming inloox_base_url', async () => {
    const { get, config } = await start();
    config.inlooxBaseUrl = 'not a url';
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', failed: ['inloox_base_url'] });
  });

  it('while draining: /readyz answers 503 "draining", /healthz still 200', async () => {
    const drain = new RequestDrain();
    const { get } = await start({}, { drain });
    drain.begin();
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'draining', failed: [] });
    expect((await get('/healthz')).status).toBe(200);
    // Every other route refuses new work.
    const other = await get('/tab/api/boot');
    expect(other.status).toBe(503);
    expect(other.body).toMatchObject({ error: { code: 'shutting_down' } });
  });

  it('a check that does not answer counts as failed after CHECK_TIMEOUT_MS', async () => {
    vi.useFakeTimers();
    const report = readiness([{ name: 'database', run: () => new Promise<boolean>(() => {}) }], false);
    await vi.advanceTimersByTimeAsync(CHECK_TIMEOUT_MS);
    await expect(report).resolves.toEqual({
      status: 'not_ready',
      checks: { database: 'failed' },
      failed: ['database'],
    });
  });
});
