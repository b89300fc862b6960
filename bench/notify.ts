/**
 * Notifications at scale: N connected people, each with an API key of their own in the sandbox, two product
 * instances (child processes) checking them on pg-boss over one real PostgreSQL, a local connector standing in for
 * Teams. Measures CPU per check, checks per second, memory per person, whether anybody was checked twice within one
 * interval or left unchecked for more than two, 429s from InLoox, and the time from an assignment in the sandbox to
 * the card arriving at the connector.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createSandbox } from '../sandbox/server';
import { createPostgresPool } from '../shared/db/postgres';
import { identityKey, type UserIdentity } from '../shared/identity';
import { openKeyStore } from '../shared/keystore/index';
import { openNotifyStore } from '../shared/notify';
import { startPostgres } from '../test/helpers/postgres';
import { startChild, type BenchChild } from './lib/child';
import { benchKeys } from './lib/stack';

export interface NotifyBenchResult {
  people: number;
  intervalS: number;
  durationS: number;
  instances: number;
  checks: number;
  checksByInstance: number[];
  checksPerSecond: number;
  cpuMsPerCheck: number;
  heapBytesPerPerson: number;
  checkedTwiceInOneInterval: number;
  uncheckedOverTwoIntervals: number;
  inlooxCalls: number;
  responses429: number;
  assignments: number;
  cardsReceived: number;
  duplicateCards: number;
  /** Cards that arrived more than one interval (+5 s) after their assignment, i.e. a check later than due. */
  lateCards: number;
  /** Assignments that had to wait because the person's first check had not happened yet at their moment. */
  waitedForFirstCheck: number;
  /** Assignments whose card never arrived, with what the person's checks did around the assignment. */
  lost: LostAssignment[];
  /** Cards still waiting in the outbox when the run ended. */
  undelivered: number;
  latencyMs: { median: number; p99: number; max: number };
}

export interface LostAssignment {
  /** Seconds after the run's start. */
  assignedAtS: number;
  /** The person's checks around the assignment: start and end (s after the assignment) and outcome. */
  checks: { startS: number; endS: number; outcome: string }[];
}

interface Stats {
  /** Who, when it ended, outcome, when it started. */
  checks: [string, number, string, number][];
  cpuMs: number;
  memoryAtStart: { heapUsed: number };
  memory: { heapUsed: number };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]! : 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchNotify(options: {
  people: number;
  intervalS: number;
  /** How many intervals the instances run. */
  intervals: number;
  /** People who get a task assigned during the run. */
  assignments: number;
  log: (line: string) => void;
}): Promise<NotifyBenchResult> {
  const { people, intervalS, log } = options;
  const intervalMs = intervalS * 1000;
  const postgres = await startPostgres();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-notify-'));
  const keys = benchKeys(people, 'notify-key');
  const sandbox = createSandbox({ keys, seed: false, rateLimit: { calls: 100, windowMs: 60_000 } });
  const children: BenchChild<unknown>[] = [];
  const servers: { close(cb: () => void): void }[] = [];
  try {
    let inlooxCalls = 0;
    let responses429 = 0;
    const outer = express();
    outer.use((_req, res, next) => {
      res.on('finish', () => {
        inlooxCalls++;
        if (res.statusCode === 429) responses429++;
      });
      next();
    });
    outer.use(sandbox.app);
    const sandboxServer = outer.listen(0, '127.0.0.1');
    servers.push(sandboxServer);
    await new Promise((resolve) => sandboxServer.once('listening', resolve));
    const sandboxUrl = `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}/api/odata/`;

    const received = new Map<string, number[]>();
    const connector = express();
    connector.use(express.json({ limit: '1mb' }));
    connector.post('/v3/conversations/:id/activities{/:activityId}', (req, res) => {
      const list = received.get(String(req.params.id)) ?? [];
      list.push(Date.now());
      received.set(String(req.params.id), list);
      res.json({ id: randomUUID() });
    });
    const connectorServer = connector.listen(0, '127.0.0.1');
    servers.push(connectorServer);
    await new Promise((resolve) => connectorServer.once('listening', resolve));
    const serviceUrl = `http://127.0.0.1:${(connectorServer.address() as AddressInfo).port}/`;

    // ---- people: a key, a stored connection, a personal chat, one open task ----
    const kek = randomBytes(32).toString('base64');
    const keyStore = await openKeyStore({
      databaseUrl: postgres.url,
      keyEncryptionKey: kek,
      mode: 'production',
      dataDir,
    });
    const notifyStore = await openNotifyStore({ databaseUrl: postgres.url });
    const tenantId = randomUUID();
    const accounts = new Map(sandbox.accounts.map((a) => [a.apiKey, a]));
    const everyone: { identity: UserIdentity; conversation: string; key: string }[] = [];
    const seedStart = performance.now();
    for (let i = 0; i < people; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map(async (key, j) => {
          const account = accounts.get(key)!;
          const data = sandbox.data(key);
          data.create('Task', { Name: 'Weekly report', ContactId: account.contactId });
          const identity = { tenantId, objectId: randomUUID() };
          const conversation = `a:bench-${i + j}`;
          await keyStore.put(identity, {
            apiKey: key,
            inlooxContactId: account.contactId,
            inlooxDisplayName: account.displayName,
            connectedAt: new Date().toISOString(),
            needsReconnect: false,
          });
          const reference = {
            channelId: 'msteams',
            serviceUrl,
            bot: { id: '28:bench-bot' },
            user: { id: `29:${identity.objectId}` },
            conversation: { id: conversation, conversationType: 'personal', tenantId },
          };
          await notifyStore.remember(identity, { reference, locale: 'en', timeZone: 'Europe/Berlin' }, 0);
          everyone.push({ identity, conversation, key });
        }),
      );
    }
    await keyStore.close();
    await notifyStore.close();
    // Installed over the last while: first checks spread over the first interval, nobody busy in Teams.
    const start = Date.now() + 5_000;
    const pool = createPostgresPool(postgres.url);
    await pool.query('UPDATE notify_people SET last_active_at = 0, next_check_at = $1::bigint + floor(random() * $2)', [
      start,
      intervalMs,
    ]);
    await pool.end();
    log(`  ${people} people ready in ${Math.round((performance.now() - seedStart) / 1000)} s`);

    for (let i = 0; i < 2; i++)
      children.push(
        await startChild('notifier.ts', {
          BENCH_DATABASE_URL: postgres.url,
          BENCH_KEK: kek,
          BENCH_SANDBOX_URL: sandboxUrl,
          BENCH_INTERVAL_S: String(intervalS),
          BENCH_DATA_DIR: dataDir,
          LOG_LEVEL: 'error',
        }),
      );
    await Promise.all(children.map((child) => child.call('start')));
    const runStart = Date.now();

    // ---- assignments during the second interval, each after its person's first, silent check ----
    // That check only records what is there; a task assigned before it is part of what was there. Checks start on
    // time, but a person due in the last second of the first interval may still be checked after the assignment's
    // moment, so the assignment waits for that check (counted: waitedForFirstCheck).
    const sample = everyone.slice(0, Math.min(options.assignments, people));
    const assignedAt = new Map<string, number>();
    let waitedForFirstCheck = 0;
    const watch = createPostgresPool(postgres.url);
    const firstCheckDone = async (person: (typeof everyone)[number]) =>
      (
        await watch.query<{ done: boolean }>(
          'SELECT snapshot IS NOT NULL AS done FROM notify_people WHERE tenant_id = $1 AND object_id = $2',
          [person.identity.tenantId, person.identity.objectId],
        )
      ).rows[0]?.done === true;
    const assigner = async () => {
      await sleep(Math.max(0, start + intervalMs + 2_000 - Date.now()));
      const spread = intervalMs / Math.max(1, sample.length);
      for (const person of sample) {
        if (!(await firstCheckDone(person))) {
          waitedForFirstCheck++;
          const deadline = Date.now() + intervalMs;
          while (!(await firstCheckDone(person)) && Date.now() < deadline) await sleep(100);
        }
        const data = sandbox.data(person.key);
        const colleague = data.create('Contact', { FirstName: 'Casey', LastName: 'Colleague' });
        const me = accounts.get(person.key)!.contactId;
        data.create('Task', {
          Name: 'Assigned in the benchmark',
          ContactId: me,
          AssignedByContactId: colleague.ContactId,
        });
        assignedAt.set(person.conversation, Date.now());
        await sleep(spread);
      }
    };
    const runFor = options.intervals * intervalMs;
    await Promise.all([assigner(), sleep(runFor)]);
    await watch.end();
    // The last assignments are seen at their person's next check, one interval later; late cards (another check
    // later) still arrive within a second interval. The run ends as soon as every card is in.
    const tailEnd = Date.now() + 2 * intervalMs;
    while (Date.now() < tailEnd && [...assignedAt.keys()].some((conversation) => !received.has(conversation)))
      await sleep(1_000);
    const durationMs = Date.now() - runStart;
    const stats = await Promise.all(children.map((child) => child.call<Stats>('stats')));

    // ---- figures ----
    const byPerson = new Map<string, number[]>();
    for (const stat of stats)
      for (const [who, at] of stat.checks) byPerson.set(who, [...(byPerson.get(who) ?? []), at]);
    let twice = 0;
    let unchecked = 0;
    const end = runStart + durationMs;
    for (const person of everyone) {
      const times = (byPerson.get(identityKey(person.identity)) ?? []).sort((a, b) => a - b);
      if (times.length === 0) {
        unchecked++;
        continue;
      }
      const gaps = times.slice(1).map((at, i) => at - times[i]!);
      if (gaps.some((gap) => gap < intervalMs / 2)) twice++;
      if (gaps.some((gap) => gap > 2 * intervalMs) || end - times.at(-1)! > 2 * intervalMs) unchecked++;
    }
    const latencies: number[] = [];
    let cardsReceived = 0;
    let duplicateCards = 0;
    const lost: LostAssignment[] = [];
    const checksOf = new Map<string, [number, number, string][]>();
    for (const stat of stats)
      for (const [who, endAt, outcome, startAt] of stat.checks)
        checksOf.set(who, [...(checksOf.get(who) ?? []), [startAt, endAt, outcome]]);
    const baselineMargins: number[] = [];
    for (const person of sample) {
      const at = assignedAt.get(person.conversation);
      if (at === undefined) continue;
      const baseline = (checksOf.get(identityKey(person.identity)) ?? []).find(
        ([, , outcome]) => outcome === 'baseline',
      );
      if (baseline) baselineMargins.push(at - baseline[0]);
      const cards = received.get(person.conversation) ?? [];
      cardsReceived += cards.length;
      duplicateCards += Math.max(0, cards.length - 1);
      if (cards[0] !== undefined) {
        latencies.push(cards[0] - at);
        continue;
      }
      const around = (checksOf.get(identityKey(person.identity)) ?? [])
        .sort((a, b) => a[0] - b[0])
        .filter(([startAt]) => startAt > at - 2 * intervalMs && startAt < at + 2 * intervalMs);
      lost.push({
        assignedAtS: Math.round((at - runStart) / 100) / 10,
        checks: around.map(([startAt, endAt, outcome]) => ({
          startS: Math.round((startAt - at) / 100) / 10,
          endS: Math.round((endAt - at) / 100) / 10,
          outcome,
        })),
      });
    }
    for (const entry of lost) log(`  card never arrived: ${JSON.stringify(entry)}`);
    baselineMargins.sort((a, b) => a - b);
    log(
      `  assignment minus the person's first check's start, smallest 5 (ms): ${baselineMargins.slice(0, 5).join(', ')}`,
    );
    const lateCards = latencies.filter((ms) => ms > intervalMs + 5_000).length;
    const outbox = createPostgresPool(postgres.url);
    const undelivered = Number(
      (await outbox.query<{ n: string }>('SELECT count(*) AS n FROM notify_outbox')).rows[0]?.n ?? 0,
    );
    await outbox.end();
    latencies.sort((a, b) => a - b);
    const outcomes: Record<string, number> = {};
    for (const stat of stats) for (const [, , outcome] of stat.checks) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    log(`  check outcomes: ${JSON.stringify(outcomes)}`);
    const checks = stats.reduce((sum, s) => sum + s.checks.length, 0);
    const cpuMs = stats.reduce((sum, s) => sum + s.cpuMs, 0);
    const heapGrowth = stats.reduce((sum, s) => sum + (s.memory.heapUsed - s.memoryAtStart.heapUsed), 0);
    return {
      people,
      intervalS,
      durationS: Math.round(durationMs / 1000),
      instances: children.length,
      checks,
      checksByInstance: stats.map((s) => s.checks.length),
      checksPerSecond: Math.round((checks / (durationMs / 1000)) * 10) / 10,
      cpuMsPerCheck: Math.round((cpuMs / Math.max(1, checks)) * 100) / 100,
      heapBytesPerPerson: Math.round(heapGrowth / people),
      checkedTwiceInOneInterval: twice,
      uncheckedOverTwoIntervals: unchecked,
      inlooxCalls,
      responses429,
      assignments: assignedAt.size,
      cardsReceived,
      duplicateCards,
      lateCards,
      waitedForFirstCheck,
      lost,
      undelivered,
      latencyMs: { median: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? 0 },
    };
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
    await sandbox.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
