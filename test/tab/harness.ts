import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type Express, type Request } from 'express';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import type { AppServices } from '../../server/app';
import { UnauthenticatedError } from '../../server/api-errors';
import { loadConfig, type AppConfig } from '../../shared/config';
import { createConnectionService } from '../../shared/connection-service';
import type { UserIdentity } from '../../shared/identity';
import { createInLooxClientFactory } from '../../shared/inloox/client';
import { openKeyStore, type ManagedKeyStore } from '../../shared/keystore/index';
import { createTabRouter, type TabRouterOptions } from '../../tab/server/router';

export const ALICE: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
};
export const BOB: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
};

/** Test identity: "Authorization: Bearer alice|bob"; anything else is refused like a bad SSO token. */
export async function bearerTestIdentity(req: Request): Promise<UserIdentity> {
  const token = /^Bearer (\w+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (token === 'alice') return ALICE;
  if (token === 'bob') return BOB;
  throw new UnauthenticatedError('no test token');
}

export interface TabHarness {
  sandbox: Sandbox;
  inloox: RunningSandbox;
  config: AppConfig;
  services: AppServices;
  store: ManagedKeyStore;
  baseUrl: string;
  /** Calls the server with optional test token ("alice"/"bob") and JSON body. */
  call(
    method: string,
    urlPath: string,
    options?: { token?: string; body?: unknown; rawBody?: string; locale?: string },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of many shapes, asserted field by field
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Builds the app; default: only the tab router, with the bearer test identity and a placeholder bundle. */
  app?: (services: AppServices) => Express;
  router?: Partial<TabRouterOptions>;
  env?: NodeJS.ProcessEnv;
}

/** A real sandbox, real SQLite key store and real connection service behind the tab's API on 127.0.0.1:0. */
export async function startTabHarness(options: HarnessOptions = {}): Promise<TabHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tab-test-'));
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
  const app =
    options.app?.(services) ??
    express().use(
      '/tab',
      createTabRouter(services, {
        identify: bearerTestIdentity,
        assets: async () => ({ js: 'window.__tabTest = 1;', css: 'body{}' }),
        ...options.router,
      }),
    );
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
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (page, script): keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
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
