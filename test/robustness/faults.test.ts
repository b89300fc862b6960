/**
 * InLoox failing in every way it can (401, 403, 404, 409, 429, 500, 503, timeout, dropped connection, malformed JSON)
 * on every kind of call (bot reads, creates, updates, deletes; add-in reads and creates): the person gets the
 * message of the matching InLooxError kind in their language, the server stays up, reads are retried and creates
 * are never sent twice.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../sandbox/server';
import type { Locale } from '../../shared/i18n';
import { InLooxError, type InLooxErrorKind } from '../../shared/inloox/errors';
import type { InLooxApi } from '../../shared/inloox/api';
import { cardText, cardsOf } from '../bot/harness';
import { startAnswerLosingProxy, type AnswerLosingProxy } from './answer-losing-proxy';
import { startRobustHarness, watchProcessCrashes, type Person, type RobustHarness } from './harness';

const TIMEOUT_MS = 1_000;
/** Retry-After far beyond what a call waits out, so a lasting 429 reaches the person at once. */
const LONG_RETRY_AFTER = 120;

let h: RobustHarness;
const watcher = watchProcessCrashes();
let ben: Person;
let benApi: InLooxApi;
let projectId: string;
const BEN_KEY = 'demo-key-ben';

beforeAll(async () => {
  h = await startRobustHarness({ env: { INLOOX_TIMEOUT_MS: String(TIMEOUT_MS) } });
  ben = h.newPerson('Ben');
  await h.services.connections.connect(ben, BEN_KEY);
  benApi = await h.services.connections.apiFor(ben);
  projectId = (await benApi.findProject('Website Relaunch'))!.ProjectId;
});
afterAll(async () => {
  watcher.stop();
  await h?.close();
});

interface Fault {
  label: string;
  rule: Omit<FaultRule, 'path' | 'method'>;
  kind: InLooxErrorKind;
  /** Transient for a client: a read is tried again (3 attempts in all). */
  retriedRead: boolean;
}

const FAULTS: Fault[] = [
  { label: '401', rule: { status: 401 }, kind: 'auth', retriedRead: false },
  { label: '403', rule: { status: 403 }, kind: 'forbidden', retriedRead: false },
  { label: '404', rule: { status: 404 }, kind: 'not_found', retriedRead: false },
  { label: '409', rule: { status: 409 }, kind: 'conflict', retriedRead: false },
  {
    label: '429',
    rule: { status: 429, headers: { 'Retry-After': String(LONG_RETRY_AFTER) } },
    kind: 'throttled',
    retriedRead: false,
  },
  { label: '500', rule: { status: 500 }, kind: 'unavailable', retriedRead: true },
  { label: '503', rule: { status: 503 }, kind: 'unavailable', retriedRead: true },
  // Answered only long after the client gave up (the sandbox then drops the work: its caller hung up).
  { label: 'timeout', rule: { timeout: TIMEOUT_MS * 4 }, kind: 'unavailable', retriedRead: true },
  { label: 'dropped connection', rule: { drop: true }, kind: 'unavailable', retriedRead: true },
  { label: 'malformed JSON', rule: { malformedJson: true }, kind: 'unavailable', retriedRead: true },
];

type CallKind = 'bot read' | 'bot create' | 'bot update' | 'bot delete' | 'add-in read' | 'add-in create';
const CALLS: CallKind[] = ['bot read', 'bot create', 'bot update', 'bot delete', 'add-in read', 'add-in create'];

function expectedMessage(fault: Fault, locale: Locale): string {
  return new InLooxError(fault.kind, { retryAfterSeconds: LONG_RETRY_AFTER }).userMessage(locale);
}

const TASK_PATH = /^\/api\/odata\/Task$/;
const TASK_ENTITY_PATH = /^\/api\/odata\/Task\([0-9a-f-]{36}\)$/;

async function freshTask(name: string): Promise<string> {
  return (await benApi.createTask({ Name: name, ProjectId: projectId })).TaskItemId;
}

function tasksNamed(name: string): number {
  return h.sandbox
    .data(BEN_KEY)
    .list('Task')
    .filter((row) => row.Name === name).length;
}

function requestsTo(method: string, pathPattern: RegExp, since: number): number {
  return h.sandbox.requestLog
    .entries()
    .filter((e) => e.timestamp >= since && e.method === method && pathPattern.test(e.url.split('?')[0]!)).length;
}

interface Outcome {
  /** Everything the person can read in the answer (card text or JSON error message). */
  text: string;
  /** Requests of the faulted kind that reached the sandbox. */
  attempts: number;
  createdName?: string;
}

/** Runs one call of the kind under the fault; the fault applies only to the InLoox request the call is about. */
async function runCall(call: CallKind, fault: Fault, locale: string): Promise<Outcome> {
  const since = Date.now();
  const suffix = randomUUID().slice(0, 8);
  switch (call) {
    case 'bot read': {
      h.sandbox.faults.add({ ...fault.rule, method: 'GET', path: /^\/api\/odata\/Project$/ });
      const answer = await h.message(ben, locale.startsWith('de') ? 'projekte' : 'projects', locale);
      expect(answer.status).toBe(200);
      const cards = cardsOf(answer.activities);
      expect(cards).toHaveLength(1);
      return { text: cardText(cards[0]), attempts: requestsTo('GET', /^\/api\/odata\/Project$/, since) };
    }
    case 'bot create': {
      const name = `Fault create ${suffix}`;
      h.sandbox.faults.add({ ...fault.rule, method: 'POST', path: TASK_PATH });
      const answer = await h.execute(ben, 'task.create', { name, projectId, effort: '2' }, locale);
      expect(answer.status).toBe(200);
      expect(answer.card, answer.text.slice(0, 300)).toBeDefined();
      return { text: cardText(answer.card), attempts: requestsTo('POST', TASK_PATH, since), createdName: name };
    }
    case 'bot update': {
      const taskId = await freshTask(`Fault update ${suffix}`);
      const since2 = Date.now();
      h.sandbox.faults.add({ ...fault.rule, method: 'PATCH', path: TASK_ENTITY_PATH });
      const answer = await h.execute(ben, 'task.update', { taskId, name: `Renamed ${suffix}`, effort: '1' }, locale);
      expect(answer.status).toBe(200);
      expect(answer.card, answer.text.slice(0, 300)).toBeDefined();
      return { text: cardText(answer.card), attempts: requestsTo('PATCH', TASK_ENTITY_PATH, since2) };
    }
    case 'bot delete': {
      const taskId = await freshTask(`Fault delete ${suffix}`);
      const since2 = Date.now();
      h.sandbox.faults.add({ ...fault.rule, method: 'DELETE', path: TASK_ENTITY_PATH });
      const answer = await h.execute(ben, 'task.delete.confirm', { taskId }, locale);
      expect(answer.status).toBe(200);
      expect(answer.card, answer.text.slice(0, 300)).toBeDefined();
      return { text: cardText(answer.card), attempts: requestsTo('DELETE', TASK_ENTITY_PATH, since2) };
    }
    case 'add-in read': {
      h.sandbox.faults.add({ ...fault.rule, method: 'GET', path: /^\/api\/odata\/Project$/ });
      const answer = await h.addin('GET', '/projects?q=web', { person: ben, locale });
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.body?.error?.message, answer.text).toBeTypeOf('string');
      return { text: answer.body.error.message, attempts: requestsTo('GET', /^\/api\/odata\/Project$/, since) };
    }
    case 'add-in create': {
      const name = `Fault mail task ${suffix}`;
      h.sandbox.faults.add({ ...fault.rule, method: 'POST', path: TASK_PATH });
      const answer = await h.addin('POST', '/tasks', {
        person: ben,
        locale,
        body: addinTaskBody(name, projectId, '<p>From an email</p>'),
      });
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.body?.error?.message, answer.text).toBeTypeOf('string');
      return { text: answer.body.error.message, attempts: requestsTo('POST', TASK_PATH, since), createdName: name };
    }
  }
}

/** The add-in's create-task request used by every fault case (only the description differs). */
function addinTaskBody(name: string, projectId: string, descriptionHtml = '<p>x</p>') {
  return {
    name,
    projectId,
    startDateTime: '2026-05-04T08:00:00Z',
    endDateTime: '2026-05-05T16:00:00Z',
    workAmount: 1,
    descriptionHtml,
  };
}

const CASES = FAULTS.flatMap((fault, f) =>
  CALLS.map((call, c) => ({ fault, call, locale: (f + c) % 2 === 0 ? 'en-US' : 'de-DE' })),
);

describe('every fault on every kind of call', () => {
  it.each(CASES.map((x) => [x.fault.label, x.call, x.locale, x] as const))(
    '%s on %s (%s)',
    async (_label, _call, _locale, { fault, call, locale }) => {
      h.sandbox.faults.clear();
      try {
        const outcome = await runCall(call, fault, locale);
        h.sandbox.faults.clear();
        const lang: Locale = locale.startsWith('de') ? 'de' : 'en';
        expect(outcome.text).toContain(expectedMessage(fault, lang));
        expect(outcome.text).not.toMatch(/\bat .*\.ts:\d+|Error:|stack/);

        const isRead = call.endsWith('read');
        const isCreate = call.endsWith('create');
        if (isRead) expect(outcome.attempts).toBe(fault.retriedRead ? 3 : 1);
        // A create is sent once, whatever happens; PATCH and DELETE are idempotent and may be tried again.
        if (isCreate) expect(outcome.attempts).toBe(1);
        if (!isRead && !isCreate) expect(outcome.attempts).toBeGreaterThanOrEqual(1);

        if (outcome.createdName) {
          if (fault.label === 'timeout') await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4 + 200));
          expect(tasksNamed(outcome.createdName)).toBe(0);
        }
      } finally {
        h.sandbox.faults.clear();
        if (fault.kind === 'auth') {
          // A 401 flags the connection (the person is asked to connect again); connect again for the next case.
          expect((await h.services.connections.status(ben))?.needsReconnect).toBe(true);
          await h.services.connections.connect(ben, BEN_KEY);
        }
      }
      const health = await fetch(`${h.baseUrl}/healthz`);
      expect(health.status).toBe(200);
    },
  );
});

describe('transient faults are absorbed where that is safe', () => {
  it.each(['500', '503', 'timeout', 'dropped connection', 'malformed JSON'])(
    'a read survives two %s answers in a row (retried)',
    async (label) => {
      const fault = FAULTS.find((f) => f.label === label)!;
      const since = Date.now();
      h.sandbox.faults.add({ ...fault.rule, method: 'GET', path: /^\/api\/odata\/Project$/, times: 2 });
      const bot = await h.message(ben, 'projects');
      expect(cardText(cardsOf(bot.activities)[0])).toContain('Website Relaunch');
      expect(requestsTo('GET', /^\/api\/odata\/Project$/, since)).toBe(3);
      h.sandbox.faults.add({ ...fault.rule, method: 'GET', path: /^\/api\/odata\/Project$/, times: 1 });
      const addin = await h.addin('GET', '/projects?q=website', { person: ben });
      expect(addin.status, addin.text).toBe(200);
      expect(addin.body.items.map((p: { name: string }) => p.name)).toContain('Website Relaunch');
      h.sandbox.faults.clear();
    },
  );

  it('a create refused with 429 is sent again after Retry-After, and exists once', async () => {
    const name = `Throttled once ${randomUUID().slice(0, 8)}`;
    const since = Date.now();
    h.sandbox.faults.add({ method: 'POST', path: TASK_PATH, status: 429, headers: { 'Retry-After': '1' }, times: 1 });
    const answer = await h.execute(ben, 'task.create', { name, projectId, effort: '1' });
    expect(cardText(answer.card)).toContain(name);
    expect(requestsTo('POST', TASK_PATH, since)).toBe(2);
    expect(tasksNamed(name)).toBe(1);
  });

  it('a timed-out create is not sent again', async () => {
    const name = `Slow create ${randomUUID().slice(0, 8)}`;
    const since = Date.now();
    h.sandbox.faults.add({ method: 'POST', path: TASK_PATH, timeout: TIMEOUT_MS * 2, times: 1 });
    const answer = await h.addin('POST', '/tasks', {
      person: ben,
      body: addinTaskBody(name, projectId),
    });
    expect(answer.status).toBe(502);
    expect(answer.body.error.code).toBe('inloox_unavailable');
    expect(answer.body.error.message).toBe(expectedMessage(FAULTS[5]!, 'en'));
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2 + 200));
    expect(requestsTo('POST', TASK_PATH, since)).toBe(1);
    expect(tasksNamed(name)).toBeLessThanOrEqual(1);
  });

  it('after all of it the process is up and serves the person normally', async () => {
    const answer = await h.message(ben, 'my tasks');
    expect(answer.status).toBe(200);
    expect(cardsOf(answer.activities)).toHaveLength(1);
    expect(cardText(cardsOf(answer.activities)[0])).not.toContain(expectedMessage(FAULTS[5]!, 'en'));
    expect(watcher.crashes.map(String)).toEqual([]);
  });
});

describe('a create InLoox carried out but whose answer was lost', () => {
  let lossy: RobustHarness;
  let proxy: AnswerLosingProxy;
  let anna: Person;
  const ANNA_KEY = 'demo-key-anna';

  beforeAll(async () => {
    proxy = await startAnswerLosingProxy();
    lossy = await startRobustHarness({ env: { INLOOX_BASE_URL: proxy.baseUrl, INLOOX_TIMEOUT_MS: '5000' } });
    proxy.target = lossy.inloox.baseUrl;
    anna = lossy.newPerson('Anna');
    await lossy.services.connections.connect(anna, ANNA_KEY);
  });
  afterAll(async () => {
    await lossy?.close();
    await proxy?.close();
  });

  const annaTasksNamed = (name: string) =>
    lossy.sandbox
      .data(ANNA_KEY)
      .list('Task')
      .filter((row) => row.Name === name).length;
  const posts = (since: number) =>
    lossy.sandbox.requestLog
      .entries()
      .filter((e) => e.timestamp >= since && e.method === 'POST' && TASK_PATH.test(e.url.split('?')[0]!)).length;

  it.each(['bot', 'add-in'] as const)('exists once and is not sent again (%s)', async (via) => {
    const name = `Answer lost ${via} ${randomUUID().slice(0, 8)}`;
    const since = Date.now();
    const before = proxy.lost();
    proxy.loseAnswers({ method: 'POST', path: TASK_PATH, times: 1 });
    let text: string;
    if (via === 'bot') {
      const answer = await lossy.execute(anna, 'task.create', { name, effort: '1' }, 'de-DE');
      text = cardText(answer.card);
    } else {
      const annaApi = await lossy.services.connections.apiFor(anna);
      const projectId = (await annaApi.listProjects({ top: 1 })).items[0]!.ProjectId;
      const answer = await lossy.addin('POST', '/tasks', {
        person: anna,
        locale: 'de-DE',
        body: addinTaskBody(name, projectId),
      });
      expect(answer.status).toBe(502);
      text = answer.body.error.message;
    }
    expect(proxy.lost()).toBe(before + 1);
    expect(text).toContain(new InLooxError('unavailable').userMessage('de'));
    expect(posts(since)).toBe(1);
    expect(annaTasksNamed(name)).toBe(1);
  });
});
