/**
 * The server side the add-in and tab API tests run against: a real sandbox, a real SQLite key store in a temp dir
 * and the real connection service, behind an app of the caller's choosing on 127.0.0.1:0.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import type { AppServices } from '../../server/app-services';
import { loadConfig, type AppConfig } from '../../shared/config';
import { createConnectionService } from '../../shared/connection-service';
import { openFilingStore } from '../../shared/filings';
import type { UserIdentity } from '../../shared/identity';
import type { InLooxApi } from '../../shared/inloox/api';
import { createInLooxClientFactory } from '../../shared/inloox/client';
import { openKeyStore, type ManagedKeyStore } from '../../shared/keystore/index';
import { openStateStore } from '../../shared/state';
import { jsonOrUndefined } from './json';

export const ALICE: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
};

export interface CallOptions {
  /** Sent as "Authorization: Bearer <token>". */
  token?: string;
  body?: unknown;
  rawBody?: string;
  locale?: string;
}

export interface CallResult {
  status: number;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes, asserted field by field
  body: any;
  text: string;
  headers: Headers;
}

export interface ApiHarness {
  sandbox: Sandbox;
  inloox: RunningSandbox;
  config: AppConfig;
  services: AppServices;
  store: ManagedKeyStore;
  baseUrl: string;
  /** InLoox clients straight to the sandbox, by API key (to read results back). */
  clientFor(apiKey: string): InLooxApi;
  call(method: string, urlPath: string, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /** Prefix of the temp dir holding DATA_DIR and the key store. */
  tempPrefix: string;
  env?: NodeJS.ProcessEnv;
  app: (services: AppServices) => Express;
}

export async function startApiHarness(options: ApiHarnessOptions): Promise<ApiHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), options.tempPrefix));
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
  const state = await openStateStore({ databaseUrl: path.join(dir, 'keys.sqlite') });
  const filings = await openFilingStore({ databaseUrl: config.databaseUrl });
  const services: AppServices = {
    config,
    state,
    filings,
    connections: createConnectionService({
      store,
      clientFor,
      onDisconnect: async (identity) => void (await filings.forgetPerson(identity)),
    }),
  };
  const app = options.app(services);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sandbox,
    inloox,
    config,
    services,
    store,
    baseUrl,
    clientFor,
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
      return { status: response.status, body: jsonOrUndefined(text), text, headers: response.headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await state.close();
      await store.close();
      await filings.close();
      await inloox.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
