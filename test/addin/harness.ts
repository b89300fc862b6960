import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type Request } from 'express';
import { addinAssets } from '../../addin/build';
import { createAddinRouter, type IdentifyRequest } from '../../addin/server/router';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { UnauthenticatedError } from '../../server/api-errors';
import type { AppServices } from '../../server/app';
import { DEV_IDENTITY } from '../../shared/auth/dev-identity';
import { loadConfig, type AppConfig } from '../../shared/config';
import { createConnectionService } from '../../shared/connection-service';
import type { UserIdentity } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import { createInLooxClientFactory } from '../../shared/inloox/client';
import { openKeyStore, type ManagedKeyStore } from '../../shared/keystore/index';

/** The identity local mode gives every direct loopback caller without a token. */
export const DEV: UserIdentity = { ...DEV_IDENTITY };
export const ALICE: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
};

/** For API tests with two people: "Bearer alice" is Alice, no header is DEV, anything else is refused. */
export const testIdentify: IdentifyRequest = async (req: Request) => {
  const header = req.get('authorization');
  if (!header) return DEV;
  if (header === 'Bearer alice') return ALICE;
  throw new UnauthenticatedError('bad test token');
};

export interface AddinHarness {
  sandbox: Sandbox;
  inloox: RunningSandbox;
  config: AppConfig;
  services: AppServices;
  store: ManagedKeyStore;
  baseUrl: string;
  /** The sandbox account's API key the tests connect with. */
  apiKey: string;
  /** The InLoox API of that account, straight to the sandbox (to read results back). */
  inlooxApi: InLooxApi;
  call(
    method: string,
    urlPath: string,
    options?: { token?: string; body?: unknown; rawBody?: string; locale?: string },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes, asserted field by field
  ): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/** The add-in router on 127.0.0.1:0 with a real sandbox, a real SQLite key store and the real connection service. */
export async function startAddinHarness(
  options: { env?: NodeJS.ProcessEnv; identify?: IdentifyRequest } = {},
): Promise<AddinHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'addin-test-'));
  const sandbox = createSandbox({ rateLimit: false });
  const inloox = await sandbox.listen(0, '127.0.0.1');
  const config = loadConfig(
    { INLOOX_BASE_URL: inloox.baseUrl, DATA_DIR: dir, PORT: '3978', ...options.env },
    { readDotenv: false },
  );
  const store = await openKeyStore({ databaseUrl: path.join(dir, 'keys.sqlite'), encryptionKey: randomBytes(32) });
  const clientFor = createInLooxClientFactory({
    baseUrl: config.inlooxBaseUrl,
    rateLimit: { calls: 10_000, windowMs: 60_000 },
    timeoutMs: 5000,
    limiterStore: 'memory',
  });
  const services: AppServices = { config, connections: createConnectionService({ store, clientFor }) };
  const app = express();
  // Default: the product's own request identity (development identity for direct loopback callers).
  app.use(
    createAddinRouter(services, { ...(options.identify ? { identify: options.identify } : {}), assets: addinAssets }),
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiKey = sandbox.accounts[0]!.apiKey;
  return {
    sandbox,
    inloox,
    config,
    services,
    store,
    baseUrl,
    apiKey,
    inlooxApi: clientFor(apiKey),
    async call(method, urlPath, { token, body, rawBody, locale } = {}) {
      const headers: Record<string, string> = {};
      if (token) headers.Authorization = `Bearer ${token}`;
      if (locale) headers['Accept-Language'] = locale;
      if (body !== undefined || rawBody !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${baseUrl}${urlPath}`, {
        method,
        headers,
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed, text, headers: response.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await inloox.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
