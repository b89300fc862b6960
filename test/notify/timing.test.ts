/**
 * When checks run: on time (not a tick late, which let a person's first check take in a task assigned meanwhile),
 * and for a person busy in Teams later, but never more than two intervals apart and never past their rate budget.
 * Runs on both databases, with the notifier's own store (no write throttle in front of it).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnectionService } from '../../shared/connection-service';
import { initialised } from '../../shared/db/initialised';
import { isPostgresUrl } from '../../shared/db/postgres';
import type { UserIdentity } from '../../shared/identity';
import { createInLooxClientFactory } from '../../shared/inloox/client';
import { createInLooxLinks } from '../../shared/inloox/links';
import { createKeyStore } from '../../shared/keystore/index';
import type { CheckOutcome } from '../../shared/notify/check';
import { Notifier, TICK_MS } from '../../shared/notify/notifier';
import { MemoryJobQueue } from '../../shared/notify/queue';
import type { NotifyStore, RememberInput } from '../../shared/notify/store';
import { PostgresNotifyStore } from '../../shared/notify/store-postgres';
import { SqliteNotifyStore } from '../../shared/notify/store-sqlite';
import type { ProactiveSender } from '../../shared/notify/types';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../sandbox/server';
import { cardText } from '../bot/harness';
import { storeEngines } from '../helpers/store-engines';
import { clock, type Clock } from './setup';

const INTERVAL_MS = 300_000;
/**
 * The person's InLoox budget, on the client and in the sandbox alike. Both count in real time (the sandbox has no
 * other clock for it), so it is short: the person's own turns use it up, and a check has to wait its turn there.
 */
const BUDGET = { calls: 5, windowMs: 500 };
const input: RememberInput = {
  reference: { conversation: { id: 'a:timing' } },
  locale: 'en',
  timeZone: 'Europe/Berlin',
};

const engines = storeEngines('notify_timing');

async function openStore(url: string): Promise<NotifyStore> {
  return initialised(isPostgresUrl(url) ? new PostgresNotifyStore(url) : new SqliteNotifyStore(url));
}

interface Check {
  outcome: CheckOutcome;
  at: number;
}

async function setUp(url: string, time: Clock) {
  const sandbox: Sandbox = createSandbox({ rateLimit: BUDGET, clock: time.now });
  const running: RunningSandbox = await sandbox.listen(0, '127.0.0.1');
  const keys = createKeyStore({ databaseUrl: url, encryptionKey: randomBytes(32) });
  await keys.init();
  const store = await openStore(url);
  // Counts finished looks for due checks, so a test on a fake clock can let each tick finish before the next.
  let claims = 0;
  const claimDue = store.claimDue.bind(store);
  store.claimDue = async (...args) => {
    const due = await claimDue(...args);
    claims++;
    return due;
  };
  const connections = createConnectionService({
    store: keys,
    // As server/services.ts wires it.
    onConnect: (identity) => store.checkSoon(identity),
    clientFor: createInLooxClientFactory({
      baseUrl: running.baseUrl,
      rateLimit: BUDGET,
      timeoutMs: 5_000,
      retry: { attempts: 1, maxThrottleWaitMs: 1_000 },
    }),
  });
  const cards: Record<string, unknown>[] = [];
  const sender: ProactiveSender = { send: async (_reference, card) => void cards.push(card) };
  const checks: Check[] = [];
  const notifier = new Notifier({
    store,
    connections,
    sender,
    links: createInLooxLinks(running.baseUrl),
    now: time.now,
    intervalMs: INTERVAL_MS,
    queue: new MemoryJobQueue(),
    onChecked: (_identity, outcome, at) => checks.push({ outcome, at }),
  });
  return {
    sandbox,
    store,
    connections,
    cards,
    checks,
    notifier,
    claims: () => claims,
    close: async () => {
      await notifier.stop();
      await store.close();
      await keys.close();
      await running.close();
      await sandbox.close();
    },
  };
}

/** A task a colleague assigns to Ben in InLoox. */
function assignTo(sandbox: Sandbox, name: string): void {
  const ben = sandbox.accounts.find((a) => a.apiKey === 'demo-key-ben')!;
  const data = sandbox.data('demo-key-ben');
  const colleague = data.raw('Contact').find((c) => c.ContactId !== ben.contactId)!;
  data.create('Task', { Name: name, ContactId: ben.contactId, AssignedByContactId: colleague.ContactId });
}

/** Runs `test` against a new store of `engine` and a stack on a clock at 2031-03-11 12:00 UTC, closing both after. */
async function withStack(
  engine: (typeof engines)[number],
  test: (stack: Awaited<ReturnType<typeof setUp>>, time: Clock) => Promise<void>,
): Promise<void> {
  const db = await engine.open();
  const time = clock(Date.parse('2031-03-11T12:00:00Z'));
  const stack = await setUp(db.url, time);
  try {
    await test(stack, time);
  } finally {
    await stack.close();
    await db.done();
  }
}

/** Assigns a task to Ben, lets two intervals pass, and expects exactly that task's card. */
async function expectNewsWithinTwoIntervals(stack: Awaited<ReturnType<typeof setUp>>, time: Clock, name: string) {
  assignTo(stack.sandbox, name);
  for (let i = 0; i < 2; i++) {
    time.advance(INTERVAL_MS);
    await stack.notifier.runDue();
  }
  expect(stack.cards.map((card) => cardText(card))).toEqual([expect.stringContaining(name)]);
}

afterEach(() => {
  vi.useRealTimers();
});

for (const engine of engines)
  describe(`check timing (${engine.name})`, () => {
    it('starts a check within a tick of it being due, not a tenth of the interval later', async () => {
      const db = await engine.open();
      vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
      const start = Date.parse('2031-03-11T12:00:00Z');
      vi.setSystemTime(start);
      const stack = await setUp(db.url, { now: () => Date.now(), set: () => undefined, advance: () => undefined });
      try {
        await stack.notifier.start();
        // Someone idle in Teams for a while, whose check is due 1.5 s from now (between two ticks).
        const person: UserIdentity = { tenantId: randomUUID(), objectId: randomUUID() };
        await stack.store.remember(person, input, start - INTERVAL_MS);
        await stack.store.deferCheck(person, start + 1_500, start);
        // Real-time waits: vi.waitFor would move the fake clock on.
        const until = async (done: () => boolean) => {
          for (let waited = 0; !done() && waited < 5_000; waited += 20)
            await new Promise((resolve) => setTimeout(resolve, 20));
        };
        // Two seconds, tick by tick; the clock stands still while a tick's queries run.
        for (let second = 1; second <= 2; second++) {
          const before = stack.claims();
          await vi.advanceTimersByTimeAsync(TICK_MS);
          await until(() => stack.claims() > before);
        }
        await until(() => stack.checks.length > 0);
        expect(stack.checks).toHaveLength(1);
        // Not connected: what matters is that it ran, and when.
        expect(stack.checks[0]!.outcome).toBe('not_connected');
        expect(stack.checks[0]!.at - (start + 1_500)).toBeLessThanOrEqual(TICK_MS);
      } finally {
        await stack.close();
        await db.done();
      }
    });

    it('checks a person busy in Teams later, never more than two intervals apart, without a 429', () =>
      withStack(engine, async (stack, time) => {
        const person: UserIdentity = { tenantId: randomUUID(), objectId: randomUUID() };
        await stack.connections.connect(person, 'demo-key-ben');
        await stack.notifier.start({ timer: false });
        const start = time.now();
        let assignedAt: number | undefined;
        // Two turns a minute for four intervals: each reads the person's tasks (one call of their budget) and is
        // remembered as their last activity, as every message in Teams is.
        for (let at = start; at <= start + 4 * INTERVAL_MS; at += 60_000) {
          time.set(at);
          for (let turn = 0; turn < 2; turn++) {
            const page = await (await stack.connections.apiFor(person)).myTasks({ top: 9 });
            expect(Array.isArray(page.items)).toBe(true);
          }
          await stack.store.remember(person, input, at);
          if (assignedAt === undefined && stack.checks.some((c) => c.outcome === 'baseline')) {
            assignTo(stack.sandbox, 'Assigned while busy');
            assignedAt = at;
          }
          await stack.notifier.runDue();
        }
        const ran = stack.checks.filter((c) => c.outcome === 'baseline' || c.outcome === 'checked');
        // The first check of the connection ran at once; the later ones found the person busy and waited.
        expect(stack.checks[0]).toEqual({ outcome: 'baseline', at: start });
        expect(stack.checks[1]?.outcome).toBe('deferred');
        expect(stack.checks.filter((c) => c.outcome === 'deferred').length).toBeGreaterThan(2);
        // ...but never for long: at most two intervals without a check, from the start to the end.
        const times = [start, ...ran.map((c) => c.at), start + 4 * INTERVAL_MS];
        const gaps = times.slice(1).map((at, i) => at - times[i]!);
        expect(ran.length).toBeGreaterThanOrEqual(3);
        expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * INTERVAL_MS);
        // The task assigned meanwhile arrived, once.
        expect(assignedAt).toBeDefined();
        expect(stack.cards).toHaveLength(1);
        expect(cardText(stack.cards[0])).toContain('Assigned while busy');
        // The checks shared the person's budget and never pushed InLoox over it.
        const answered = stack.sandbox.requestLog.entries().map((entry) => entry.status);
        expect(answered.length).toBeGreaterThan(2 * 20);
        expect(answered.filter((status) => status === 429)).toEqual([]);
      }));
    it('records what is there right after connecting again, even while busy, so a task assigned a moment later is news', () =>
      withStack(engine, async (stack, time) => {
        const person: UserIdentity = { tenantId: randomUUID(), objectId: randomUUID() };
        const start = time.now();
        await stack.store.remember(person, input, start);
        await stack.connections.connect(person, 'demo-key-ben');
        await stack.notifier.start({ timer: false });
        await stack.notifier.runDue();
        // A minute later the person, busy in Teams, connects again (a new key, or after InLoox refused the old one).
        time.advance(60_000);
        await stack.store.remember(person, input, time.now());
        await stack.connections.connect(person, 'demo-key-ben');
        time.advance(1_000);
        await stack.notifier.runDue();
        expect(stack.checks.map((c) => c.outcome)).toEqual(['baseline', 'baseline']);
        // A task assigned now comes with the next regular check.
        await expectNewsWithinTwoIntervals(stack, time, 'Assigned right after reconnecting');
      }));

    it('records what is there right after notifications are switched back on, so a task assigned then is news', () =>
      withStack(engine, async (stack, time) => {
        const person: UserIdentity = { tenantId: randomUUID(), objectId: randomUUID() };
        await stack.store.remember(person, input, time.now());
        await stack.connections.connect(person, 'demo-key-ben');
        await stack.notifier.start({ timer: false });
        await stack.notifier.runDue();
        const on = (await stack.store.get(person))!.settings;
        await stack.store.saveSettings(person, { ...on, assignments: false, dueChanges: false, digest: false }, false);
        time.advance(2 * 60_000);
        await stack.store.saveSettings(person, on, true);
        time.advance(1_000);
        await stack.notifier.runDue();
        expect(stack.checks.map((c) => c.outcome)).toEqual(['baseline', 'baseline']);
        await expectNewsWithinTwoIntervals(stack, time, 'Assigned right after switching on');
      }));
  });
