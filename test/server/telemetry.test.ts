/**
 * Telemetry end to end: the real SDK setup exporting over OTLP/HTTP to a receiver in this process, real bot turns
 * against the sandbox, a tab API request, and an InLoox transport call that is retried, throttled and queued.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../../sandbox/server';
import { logger } from '../../server/telemetry/logger';
import { startTelemetry, type RunningTelemetry } from '../../server/telemetry/sdk';
import { RateLimiter } from '../../shared/inloox/limiter';
import { InLooxTransport } from '../../shared/inloox/transport';
import { countNotificationSent, hashPersonId, tracer } from '../../server/telemetry/instruments';
import { startBotHarness, type BotHarness, type TeamsUser } from '../bot/harness';

const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZWxlbWV0cnktc2VjcmV0In0.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';
const TRANSPORT_KEY = 'transport-key-0123456789-secret';

interface Receiver {
  url: string;
  requests: { path: string; contentType: string; body: string }[];
  close(): Promise<void>;
}

/** A minimal OTLP/HTTP collector: takes JSON or protobuf exports and keeps them. */
async function startReceiver(): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const contentType = req.headers['content-type'] ?? '';
      requests.push({ path: req.url ?? '', contentType, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': contentType.includes('json') ? 'application/json' : contentType });
      res.end(contentType.includes('json') ? '{}' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type AttributeValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: AttributeValue }[];
  status?: { code?: number };
}

function spansOf(receiver: Receiver): OtlpSpan[] {
  return receiver.requests
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) => {
      const body = JSON.parse(r.body) as {
        resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      return body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    });
}

function attrs(span: OtlpSpan): Record<string, string | number | boolean | undefined> {
  return Object.fromEntries(
    span.attributes.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue === undefined ? (value.doubleValue ?? value.boolValue) : Number(value.intValue)),
    ]),
  );
}

let receiver: Receiver;
let telemetry: RunningTelemetry;
let bot: BotHarness;
let user: TeamsUser;
const logLines: string[] = [];
let spans: OtlpSpan[];
let exported: string;

beforeAll(async () => {
  receiver = await startReceiver();
  telemetry = await startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/` }, '9.9.9');
  expect(telemetry.mode).toBe('otlp');
  logger.level = 'info';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logLines.push(String(chunk));
    return true;
  });
  bot = await startBotHarness();
  user = bot.newUser('Telemetry Person');

  // Turn 1 stores the key (and checks it with InLoox), turn 2 lists projects from InLoox.
  await bot.connect(user, BEN.apiKey);
  await bot.message('projects', { user });
  // An add-in/tab API request without identity, and one with a bearer token that must never be recorded.
  await fetch(`${bot.baseUrl}/tab/api/boot`);
  await fetch(`${bot.baseUrl}/tab/api/connection`, { headers: { authorization: `Bearer ${TOKEN}` } });

  // One InLoox call that waits for the limiter, gets a 503 (retried) and a 429 (waited out), then succeeds.
  const limiter = new RateLimiter({ calls: 1, windowMs: 60, marginMs: 0 });
  const answers = [
    new Response('{}', { status: 503 }),
    new Response('{}', { status: 429, headers: { 'retry-after': '0' } }),
    new Response(JSON.stringify({ value: [] }), { status: 200, headers: { 'content-type': 'application/json' } }),
  ];
  const transport = new InLooxTransport({
    baseUrl: 'https://inloox.example.com/api/odata/',
    apiKey: TRANSPORT_KEY,
    keyId: 'telemetry-test',
    limiter,
    retry: { attempts: 3, baseDelayMs: 1 },
    fetch: async () => answers.shift() ?? new Response('{}', { status: 500 }),
    sleep: async () => undefined,
  });
  await transport.request({ method: 'GET', path: "Task?$filter=contains(Name,'Secret plan')", kind: 'read' });

  countNotificationSent('task_assigned');
  await telemetry.shutdown();
  vi.restoreAllMocks();
  logger.level = 'warn';
  spans = spansOf(receiver);
  exported = receiver.requests.map((r) => r.body).join('\n');
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await bot?.close();
  await receiver?.close();
});

describe('telemetry over OTLP', () => {
  it('exports a span per bot turn with the InLoox calls of that turn as its children', () => {
    expect(receiver.requests.some((r) => r.path === '/v1/traces' && r.contentType.includes('json'))).toBe(true);
    const turn = spans.find((s) => s.name === 'bot message');
    expect(turn).toBeDefined();
    expect(turn!.parentSpanId || undefined).toBeUndefined();
    expect(attrs(turn!)).toMatchObject({
      'bot.activity.type': 'message',
      'bot.channel': 'msteams',
      'enduser.pseudo.id': hashPersonId(user.tenantId, user.objectId),
    });
    const calls = spans.filter((s) => s.parentSpanId === turn!.spanId);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.traceId).toBe(turn!.traceId);
      expect(call.name).toMatch(/^InLoox GET \w+/);
      expect(call.kind).toBe(3); // CLIENT
      expect(attrs(call)).toMatchObject({
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'inloox.retries': 0,
        'server.address': '127.0.0.1',
      });
      expect(attrs(call)['inloox.entity_set']).toBe(call.name.split(' ')[2]);
      expect(typeof attrs(call)['inloox.rate_limiter.wait_ms']).toBe('number');
    }

    const connectTurn = spans.find((s) => s.name === 'bot invoke adaptiveCard/action');
    expect(connectTurn).toBeDefined();
    expect(spans.some((s) => s.parentSpanId === connectTurn!.spanId && s.name.startsWith('InLoox GET'))).toBe(true);
    expect(connectTurn!.traceId).not.toBe(turn!.traceId);
  });

  it('exports a server span per tab/add-in API request, named by route', () => {
    const boot = spans.find((s) => s.name === 'GET /tab/api/boot');
    expect(boot).toBeDefined();
    expect(boot!.kind).toBe(2); // SERVER
    expect(attrs(boot!)).toMatchObject({ 'http.route': '/tab/api/boot', 'http.response.status_code': 200 });
    const connection = spans.find((s) => s.name === 'GET /tab/api/connection');
    expect(attrs(connection!)['http.route']).toBe('/tab/api/connection');
    expect(connection!.traceId).not.toBe(boot!.traceId);
  });

  it('records retries, 429 waits and time queued in the rate limiter on the InLoox span', () => {
    const call = spans.find((s) => attrs(s)['server.address'] === 'inloox.example.com');
    expect(call?.name).toBe('InLoox GET Task');
    expect(call!.parentSpanId || undefined).toBeUndefined();
    const a = attrs(call!);
    expect(a).toMatchObject({
      'inloox.entity_set': 'Task',
      'http.response.status_code': 200,
      'inloox.retries': 1,
      'inloox.throttle.wait_ms': 0,
    });
    // Three attempts through a 1-call-per-60-ms limiter: the second and third waited for their slot.
    expect(Number(a['inloox.rate_limiter.wait_ms'])).toBeGreaterThanOrEqual(60);
  });

  it('exports the counters: calls, 429s received and avoided, notifications', () => {
    const metrics = receiver.requests.filter((r) => r.path === '/v1/metrics').map((r) => r.body);
    expect(metrics.length).toBeGreaterThan(0);
    const text = metrics.join('\n');
    for (const name of ['inloox.calls', 'inloox.throttled', 'inloox.throttle.avoided', 'notifications.sent']) {
      expect(text).toContain(`"name":"${name}"`);
    }
    expect(text).toContain('task_assigned');
  });

  it('writes JSON log lines that carry the trace id of their turn', () => {
    const entries = logLines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const turn = spans.find((s) => s.name === 'bot message')!;
    const line = entries.find((e) => e.event === 'bot_turn' && e.trace_id === turn.traceId);
    expect(line).toMatchObject({ level: 'info', span_id: turn.spanId, outcome: 'ok', 'bot.activity.type': 'message' });
    expect(entries.some((e) => e.event === 'api_request' && e.route === '/tab/api/boot')).toBe(true);
  });

  it('never exports or logs a key, a token, a name, an object id or query text', () => {
    const logs = logLines.join('');
    for (const secret of [BEN.apiKey, TRANSPORT_KEY, TOKEN, 'Ben Carter', 'Telemetry Person', user.objectId]) {
      expect(exported).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(exported).not.toContain('Secret plan');
    expect(exported).not.toContain('$filter');
  });
});

describe('telemetry without an exporter', () => {
  it('installs nothing, so spans are non-recording no-ops', async () => {
    const off = await startTelemetry({});
    expect(off.mode).toBe('off');
    const span = tracer().startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    span.end();
    await off.shutdown();
  });
});
