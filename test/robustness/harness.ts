/**
 * The product as production wires it (createServices from configuration: encrypted SQLite key store, InLoox client
 * factory with its default retry policy, connection service) behind createApp, plus the add-in router, on
 * 127.0.0.1:0 against an InLoox sandbox. Many people at once: Teams users are told apart by the activity
 * (tenant + AAD object id), add-in callers by a test bearer token "robust:<tenantId>:<objectId>".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createAddinRouter } from '../../addin/server/router';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { createApp } from '../../server/app';
import { createServices, type RunningServices } from '../../server/services';
import { loadConfig } from '../../shared/config';
import type { UserIdentity } from '../../shared/identity';
import { jsonOrUndefined } from '../helpers/json';
import { teamsEnvelope } from '../helpers/teams-activity';
import { bearerFor, identifyByTestToken } from './test-identity';

export { bearerFor } from './test-identity';

export interface Person extends UserIdentity {
  name: string;
}

export interface HttpAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, asserted field by field
  body: any;
  text: string;
}

export interface RobustHarness {
  baseUrl: string;
  sandbox: Sandbox;
  inloox: RunningSandbox;
  services: RunningServices;
  /** serviceUrl for activities: a local connector that accepts whatever the bot sends. */
  serviceUrl: string;
  newPerson(name?: string): Person;
  /** A Teams activity from this person (personal chat, expectReplies unless told otherwise). */
  activity(person: Person, type: string, fields: Record<string, unknown>, locale?: string): Record<string, unknown>;
  postActivity(body: unknown): Promise<HttpAnswer>;
  /** A chat message; the bot's reply activities come back in the HTTP answer (expectReplies). */
  message(
    person: Person,
    text: string,
    locale?: string,
  ): Promise<HttpAnswer & { activities: Record<string, unknown>[] }>;
  /** Action.Execute of a card (adaptiveCard/action invoke); `card` is the card that replaces the old one. */
  execute(
    person: Person,
    verb: string,
    data: Record<string, unknown>,
    locale?: string,
  ): Promise<HttpAnswer & { card?: Record<string, unknown> }>;
  /** The add-in JSON API as this person (undefined: no Authorization header). */
  addin(
    method: string,
    urlPath: string,
    options?: { person?: Person; body?: unknown; rawBody?: string; locale?: string },
  ): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export interface RobustHarnessOptions {
  /** Sandbox API keys, one account each (default: the demo keys). */
  keys?: string[];
  sandboxRateLimit?: { calls: number; windowMs: number } | false;
  seed?: boolean;
  /** Extra environment for loadConfig (e.g. INLOOX_TIMEOUT_MS, INLOOX_RATE_LIMIT). */
  env?: Record<string, string>;
}

/** A Teams personal-chat activity from this person, as the Bot Framework connector would POST it. */
export function teamsActivity(
  serviceUrl: string,
  person: Person,
  type: string,
  fields: Record<string, unknown>,
  locale = 'en-US',
): Record<string, unknown> {
  return {
    type,
    ...teamsEnvelope(serviceUrl, person, { locale }),
    ...(type === 'message' ? { deliveryMode: 'expectReplies' } : {}),
    ...fields,
  };
}

async function readAnswer(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  return { status: response.status, body: jsonOrUndefined(text), text };
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export async function startRobustHarness(options: RobustHarnessOptions = {}): Promise<RobustHarness> {
  const sandbox = createSandbox({
    rateLimit: options.sandboxRateLimit ?? false,
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const inloox = await sandbox.listen(0, '127.0.0.1');
  const dir = await mkdtemp(path.join(tmpdir(), 'robustness-'));
  const config = loadConfig(
    {
      INLOOX_BASE_URL: inloox.baseUrl,
      DATA_DIR: dir,
      PORT: '3978',
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      INLOOX_RATE_LIMIT: '10000',
      // The suites reconnect people after every 401 case; the connect limit has its own tests.
      CONNECT_ATTEMPTS_PER_MINUTE: '10000',
      CONNECT_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '10000',
      ...options.env,
    },
    { readDotenv: false },
  );
  const services = await createServices(config);

  const app = express();
  app.use(
    createAddinRouter(services, {
      identify: identifyByTestToken,
      assets: () => Promise.reject(new Error('the robustness suites use the JSON API only')),
    }),
  );
  app.use(createApp(services));
  const server = await listen(app);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The bot sends typing indicators and card updates to the serviceUrl for non-expectReplies activities.
  const connector = express();
  connector.use(express.json({ limit: '2mb' }));
  connector.all('/{*rest}', (_req, res) => void res.json({ id: `sent-${randomUUID()}` }));
  const connectorServer = await listen(connector);
  const serviceUrl = `http://127.0.0.1:${(connectorServer.address() as AddressInfo).port}/`;

  const harness: RobustHarness = {
    baseUrl,
    sandbox,
    inloox,
    services,
    serviceUrl,
    newPerson: (name = 'Robust Tester') => ({ tenantId: randomUUID(), objectId: randomUUID(), name }),
    activity: (person, type, fields, locale) => teamsActivity(serviceUrl, person, type, fields, locale),
    async postActivity(body) {
      const response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return readAnswer(response);
    },
    async message(person, text, locale) {
      const answer = await harness.postActivity(harness.activity(person, 'message', { text }, locale));
      return { ...answer, activities: (answer.body?.activities ?? []) as Record<string, unknown>[] };
    },
    async execute(person, verb, data, locale) {
      const answer = await harness.postActivity(
        harness.activity(
          person,
          'invoke',
          { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } },
          locale,
        ),
      );
      const card = answer.body?.statusCode === 200 ? (answer.body.value as Record<string, unknown>) : undefined;
      return { ...answer, ...(card ? { card } : {}) };
    },
    async addin(method, urlPath, { person, body, rawBody, locale } = {}) {
      const headers: Record<string, string> = {};
      if (person) headers.authorization = bearerFor(person);
      if (locale) headers['accept-language'] = locale;
      if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}/addin/api${urlPath}`, {
        method,
        headers,
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      return readAnswer(response);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      connectorServer.closeAllConnections();
      await new Promise<void>((resolve) => connectorServer.close(() => resolve()));
      await services.close();
      await inloox.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Collects unhandled rejections and uncaught exceptions of this process until stop() (which returns them). */
export function watchProcessCrashes(): { crashes: unknown[]; stop(): unknown[] } {
  const crashes: unknown[] = [];
  const record = (error: unknown) => crashes.push(error);
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  return {
    crashes,
    stop() {
      process.off('unhandledRejection', record);
      process.off('uncaughtException', record);
      return crashes;
    },
  };
}
