/**
 * The whole product app (createApp) with real services: the InLoox sandbox over HTTP, the real InLoox client,
 * a real encrypted SQLite key store in a temp folder and the real connection service; plus a local Bot Framework
 * connector at the activities' serviceUrl that records what the bot sends and updates.
 * Reusable by other tests and benchmarks: `const bot = await startBotHarness(); … await bot.close();`
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createApp } from '../../server/app';
import { createSandbox, DEMO_USERS, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { loadConfig, type AppConfig } from '../../shared/config';
import { createConnectionService } from '../../shared/connection-service';
import type { ConnectionService } from '../../shared/connections';
import type { InLooxApi } from '../../shared/inloox/api';
import { createInLooxClientFactory } from '../../shared/inloox/client';
import { createKeyStore, type ManagedKeyStore } from '../../shared/keystore';
import { openFilingStore } from '../../shared/filings';
import { openNotifyStore, type NotifyStore } from '../../shared/notify';
import { openStateStore, type StateStore } from '../../shared/state';
import type { HtmlSanitizer } from '../../shared/sanitize/pool';
import { teamsEnvelope } from '../helpers/teams-activity';

export interface TeamsUser {
  tenantId: string;
  objectId: string;
  name: string;
}

export interface RecordedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId?: string;
  activity: Record<string, unknown>;
}

export interface SendOptions {
  user?: TeamsUser;
  locale?: string;
  timeZone?: string;
  conversationId?: string;
  /** Default: expectReplies, so the bot's messages come back in the HTTP response. */
  deliveryMode?: 'expectReplies' | 'normal';
  replyToId?: string;
  extra?: Record<string, unknown>;
}

export interface BotHarness {
  baseUrl: string;
  sandbox: Sandbox;
  sandboxBaseUrl: string;
  store: ManagedKeyStore;
  /** The database of keys and short-lived state (a SQLite file in dataDir unless a PostgreSQL URL was given). */
  databaseUrl: string;
  dataDir: string;
  encryptionKey: Buffer;
  state: StateStore;
  /** Conversation references and notification settings. */
  notify: NotifyStore;
  connections: ConnectionService;
  config: AppConfig;
  /** Activities the bot sent or updated through the local connector. */
  connectorLog: RecordedActivity[];
  /** Makes the local connector answer a status instead of accepting (e.g. 403 after the app was removed). */
  connectorStatus(answer: (() => { status: number; retryAfter?: string } | undefined) | undefined): void;
  /** The connector URL the harness's activities carry (where proactive messages go). */
  serviceUrl: string;
  newUser(name?: string): TeamsUser;
  /** POSTs a raw body to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Sends a message activity; returns the bot's replies (expectReplies). */
  message(text: string, options?: SendOptions): Promise<Record<string, unknown>[]>;
  /** Sends an Action.Submit payload as a message with `value`. */
  submit(value: Record<string, unknown>, options?: SendOptions): Promise<{ status: number; body: unknown }>;
  /** Sends an invoke activity; returns HTTP status and the invoke response body. */
  invoke(
    name: string,
    value: unknown,
    options?: SendOptions,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Runs a card action (Action.Execute → adaptiveCard/action invoke); returns the card that replaces the old one. */
  execute(
    verb: string,
    data?: Record<string, unknown>,
    options?: SendOptions & { trigger?: 'manual' | 'automatic' },
  ): Promise<Record<string, unknown>>;
  /** Connects the user through the connect card's Action.Execute. */
  connect(user: TeamsUser, apiKey: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startBotHarness(
  options: {
    env?: Record<string, string>;
    sanitizer?: HtmlSanitizer;
    /** A second app instance (own server, stores and connections) on the first one's sandbox and database. */
    sameDataAs?: BotHarness;
    /** A PostgreSQL URL for the key and state stores instead of a SQLite file. */
    databaseUrl?: string;
    /** The sandbox's clock (InLoox time), e.g. one a test moves to let a timer run. */
    clock?: () => number;
  } = {},
): Promise<BotHarness> {
  const owner = options.sameDataAs;
  const sandbox = owner?.sandbox ?? createSandbox({ rateLimit: false, clock: options.clock });
  const running: RunningSandbox | undefined = owner ? undefined : await sandbox.listen(0, '127.0.0.1');
  const sandboxBaseUrl = owner?.sandboxBaseUrl ?? running!.baseUrl;
  const dir = owner?.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'bot-harness-')));
  const encryptionKey = owner?.encryptionKey ?? randomBytes(32);
  const databaseUrl = owner?.databaseUrl ?? options.databaseUrl ?? path.join(dir, 'keys.sqlite');
  const store = createKeyStore({ databaseUrl, encryptionKey });
  await store.init();
  const state = await openStateStore({ databaseUrl });
  const notify = await openNotifyStore({ databaseUrl });
  const filings = await openFilingStore({ databaseUrl });
  const config = loadConfig(
    { INLOOX_BASE_URL: sandboxBaseUrl, DATA_DIR: dir, PORT: '3978', ...options.env },
    { readDotenv: false },
  );
  const clientFor = createInLooxClientFactory({
    baseUrl: sandboxBaseUrl,
    rateLimit: { calls: 10_000, windowMs: 60_000 },
    timeoutMs: 5_000,
    // Fail fast: tests assert on the friendly "try again in N s" card instead of waiting out Retry-After.
    retry: { attempts: 1, maxThrottleWaitMs: 1_000 },
  });
  const connections = createConnectionService({
    store,
    clientFor,
    onDisconnect: async (identity) => void (await filings.forgetPerson(identity)),
  });
  const app = createApp({
    config,
    connections,
    state,
    notify,
    filings,
    ...(options.sanitizer ? { sanitizer: options.sanitizer } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const connectorLog: RecordedActivity[] = [];
  let connectorAnswer: (() => { status: number; retryAfter?: string } | undefined) | undefined;
  const connector = express();
  connector.use(express.json({ limit: '2mb' }));
  connector.post('/v3/conversations/:conversationId/activities{/:activityId}', (req, res) => {
    const answer = connectorAnswer?.();
    if (answer) {
      if (answer.retryAfter) res.setHeader('Retry-After', answer.retryAfter);
      res.status(answer.status).json({ error: { code: 'Refused', message: 'refused by the test' } });
      return;
    }
    connectorLog.push({
      method: 'POST',
      conversationId: String(req.params.conversationId),
      activityId: req.params.activityId as string | undefined,
      activity: req.body,
    });
    res.json({ id: `sent-${connectorLog.length}` });
  });
  connector.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    connectorLog.push({
      method: 'PUT',
      conversationId: String(req.params.conversationId),
      activityId: String(req.params.activityId),
      activity: req.body,
    });
    res.json({ id: req.params.activityId });
  });
  const connectorServer: Server = await new Promise((resolve) => {
    const s = connector.listen(0, '127.0.0.1', () => resolve(s));
  });
  const serviceUrl = `http://127.0.0.1:${(connectorServer.address() as AddressInfo).port}/`;

  const defaultUser: TeamsUser = { tenantId: randomUUID(), objectId: randomUUID(), name: 'Test User' };

  function activity(type: string, options: SendOptions, fields: Record<string, unknown>) {
    const user = options.user ?? defaultUser;
    return {
      type,
      ...teamsEnvelope(serviceUrl, user, options),
      ...(options.deliveryMode === 'normal' ? {} : { deliveryMode: 'expectReplies' }),
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
      ...fields,
      ...options.extra,
    };
  }

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  }

  const harness: BotHarness = {
    baseUrl,
    sandbox,
    sandboxBaseUrl,
    store,
    databaseUrl,
    dataDir: dir,
    encryptionKey,
    state,
    notify,
    connections,
    config,
    connectorLog,
    connectorStatus: (answer) => {
      connectorAnswer = answer;
    },
    serviceUrl,
    newUser: (name = 'Test User') => ({ tenantId: randomUUID(), objectId: randomUUID(), name }),
    post,
    async message(text, options = {}) {
      const { status, body } = await post(activity('message', options, { text }));
      if (status !== 200) throw new Error(`message "${text}" answered ${status}: ${JSON.stringify(body)}`);
      return ((body as { activities?: Record<string, unknown>[] } | undefined)?.activities ?? []) as Record<
        string,
        unknown
      >[];
    },
    async submit(value, options = {}) {
      return post(activity('message', { deliveryMode: 'normal', replyToId: 'card-1', ...options }, { value }));
    },
    async invoke(name, value, options = {}) {
      const { status, body } = await post(activity('invoke', { ...options, deliveryMode: 'normal' }, { name, value }));
      return { status, body: (body ?? {}) as Record<string, unknown> };
    },
    async execute(verb, data = {}, options = {}) {
      const { status, body } = await harness.invoke(
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
        options,
      );
      if (status !== 200 || body.statusCode !== 200)
        throw new Error(`${verb} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
      return body.value as Record<string, unknown>;
    },
    async connect(user, apiKey) {
      const { body } = await harness.invoke(
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb: 'connect.submit', data: { apiKey } }, trigger: 'manual' },
        { user },
      );
      return body;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => connectorServer.close(() => resolve()));
      await notify.close();
      await filings.close();
      await state.close();
      await store.close();
      if (owner) return;
      await running?.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** The Adaptive Cards in a list of activities. */
export function cardsOf(activities: Record<string, unknown>[]): Record<string, unknown>[] {
  return activities.flatMap((activity) =>
    ((activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [])
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((attachment) => attachment.content),
  );
}

/** All visible text of a card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'label', 'placeholder']) {
        if (typeof record[key] === 'string') parts.push(record[key] as string);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return parts.join('\n');
}

/** Every Action.Execute in a card, by verb. */
export function actionsOf(card: unknown): { verb: string; title: string; data: Record<string, unknown> }[] {
  const found: { verb: string; title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string')
        found.push({
          verb: record.verb,
          title: String(record.title ?? ''),
          data: (record.data ?? {}) as Record<string, unknown>,
        });
      Object.entries(record).forEach(([key, value]) => key !== 'fallback' && key !== 'refresh' && walk(value));
    }
  };
  walk(card);
  return found;
}

/**
 * Twelve projects "<prefix> 01" … "<prefix> 12" in the account of `apiKey`, created on consecutive days of January
 * `year` (12 newest), so a newest-first list and its pages have a known order.
 */
export function seedDatedProjects(bot: BotHarness, apiKey: string, prefix: string, year: number): void {
  const data = bot.sandbox.data(apiKey);
  for (let i = 1; i <= 12; i++) {
    const row = data.create('Project', { Name: `${prefix} ${String(i).padStart(2, '0')}`, Priority: 1 });
    const id = String(row.ProjectId);
    data.put('Project', id, {
      ...data.rawOne('Project', id)!,
      CreatedDateTime: new Date(Date.UTC(year, 0, i)).toISOString(),
    });
  }
}

/** A new Teams user named `name`, already connected to InLoox with `apiKey` (the connect card's submit). */
export async function connectNewUser(bot: BotHarness, name: string, apiKey: string): Promise<TeamsUser> {
  const user = bot.newUser(name);
  await bot.connect(user, apiKey);
  return user;
}

export const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;
export const ANNA = DEMO_USERS.find((u) => u.firstName === 'Anna')!;

export interface BenAndAnna {
  bot: BotHarness;
  ben: TeamsUser;
  anna: TeamsUser;
  benApi: InLooxApi;
  annaApi: InLooxApi;
}

/** A bot with the demo user Ben connected, and his InLoox client. */
export async function startWithBen(
  options: Parameters<typeof startBotHarness>[0] = {},
): Promise<Pick<BenAndAnna, 'bot' | 'ben' | 'benApi'>> {
  const bot = await startBotHarness(options);
  const ben = await connectNewUser(bot, 'Ben', BEN.apiKey);
  return { bot, ben, benApi: await bot.connections.apiFor(ben) };
}

/** A bot with the demo users Ben and Anna connected, and the InLoox client of each. */
export async function startWithBenAndAnna(options: Parameters<typeof startBotHarness>[0] = {}): Promise<BenAndAnna> {
  const { bot, ben, benApi } = await startWithBen(options);
  const anna = await connectNewUser(bot, 'Anna', ANNA.apiKey);
  return { bot, ben, anna, benApi, annaApi: await bot.connections.apiFor(anna) };
}
