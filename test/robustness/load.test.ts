/**
 * Many simulated people at once (by default 50 for 15 s; `npm run load` runs the full 200 for 60 s), each with their own InLoox account (one sandbox API key each), mixing
 * bot commands, card actions and add-in calls: zero errors, and nobody ever sees another person's data.
 *
 * Rate limits: the sandbox keeps InLoox's per-key budget (100 calls / 60 s) and the product's client limiter is set
 * just below it (90 / 60 s); each simulated person paces itself (2–4 s think time after every answer, a closed
 * loop; every operation makes at most 2 InLoox calls, so at most ~40 calls per minute per key), which stays within
 * the budget, so a 429 would be a bug, not an expected answer. The InLoox timeout is raised to 45 s here: on a
 * starved shared machine, queueing in this one process must not be mistaken for InLoox not answering (the fault
 * suite covers real timeouts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, cardsOf } from '../bot/harness';
import { seededRandom, startRobustHarness, watchProcessCrashes, type Person, type RobustHarness } from './harness';

/** Whole numbers from the environment: `npm test` runs a smaller crowd, `npm run load` the full one. */
function sizeFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`);
  return value;
}

const USERS = sizeFromEnv('LOAD_USERS', 50);
const DURATION_MS = sizeFromEnv('LOAD_SECONDS', 15) * 1000;
const THINK_MS = [2_000, 4_000] as const;
/** Operations each person completes at the least: a third of what the think time allows, as in the 60 s run. */
const MIN_OPERATIONS_PER_USER = Math.max(1, Math.floor(DURATION_MS / THINK_MS[1] / 3));

interface User {
  index: number;
  person: Person;
  apiKey: string;
  marker: string;
  markerProjectId: string;
  acknowledgedCreates: Set<string>;
}

let h: RobustHarness;
const watcher = watchProcessCrashes();
const users: User[] = [];
const keys = Array.from(
  { length: USERS },
  (_, i) => `load-key-${String(i).padStart(3, '0')}-${randomUUID().slice(0, 8)}`,
);

beforeAll(async () => {
  h = await startRobustHarness({
    keys,
    seed: false,
    sandboxRateLimit: { calls: 100, windowMs: 60_000 },
    env: { INLOOX_RATE_LIMIT: '90', INLOOX_RATE_WINDOW_SECONDS: '60', INLOOX_TIMEOUT_MS: '45000' },
  });
  for (let index = 0; index < USERS; index++) {
    const apiKey = keys[index]!;
    const marker = `LoadMarker-${index}-${randomUUID().slice(0, 6)}`;
    const project = h.sandbox.data(apiKey).create('Project', { Name: marker });
    users.push({
      index,
      person: h.newPerson(`Load user ${index}`),
      apiKey,
      marker,
      markerProjectId: String(project.ProjectId),
      acknowledgedCreates: new Set(),
    });
  }
  // Everyone connects at the same moment, through the add-in API.
  const connected = await Promise.all(
    users.map((u) => h.addin('POST', '/connect', { person: u.person, body: { apiKey: u.apiKey } })),
  );
  expect(connected.filter((a) => a.status !== 200).map((a) => a.text)).toEqual([]);
}, 120_000);

afterAll(async () => {
  watcher.stop();
  await h?.close();
});

/** Marker indices mentioned in an answer: each must be the asking user's own. */
function markersIn(text: string): number[] {
  return [...text.matchAll(/Load(?:Marker|Task)-(\d+)-/g)].map((m) => Number(m[1]));
}

type Operation = 'bot projects' | 'bot my tasks' | 'bot create' | 'add-in projects' | 'add-in create' | 'add-in me';
const OPERATIONS: Operation[] = [
  'bot projects',
  'bot my tasks',
  'bot create',
  'add-in projects',
  'add-in create',
  'add-in me',
];

/** Runs one operation; returns what the person saw, or throws with the reason it was an error. */
async function operate(user: User, operation: Operation, serial: number): Promise<string> {
  const locale = user.index % 2 === 0 ? 'en-US' : 'de-DE';
  switch (operation) {
    case 'bot projects': {
      const answer = await h.message(user.person, locale === 'en-US' ? 'projects' : 'projekte', locale);
      if (answer.status !== 200) throw new Error(`${operation}: HTTP ${answer.status}`);
      const text = cardText(cardsOf(answer.activities)[0]);
      if (!text.includes(user.marker)) throw new Error(`${operation}: own project missing: ${text.slice(0, 200)}`);
      return text;
    }
    case 'bot my tasks': {
      const answer = await h.message(user.person, locale === 'en-US' ? 'my tasks' : 'meine aufgaben', locale);
      if (answer.status !== 200 || cardsOf(answer.activities).length !== 1)
        throw new Error(`${operation}: HTTP ${answer.status}`);
      return cardText(cardsOf(answer.activities)[0]);
    }
    case 'bot create': {
      const name = `LoadTask-${user.index}-${serial}`;
      const answer = await h.execute(
        user.person,
        'task.create',
        { name, projectId: user.markerProjectId, effort: '1' },
        locale,
      );
      const text = cardText(answer.card);
      if (
        answer.status !== 200 ||
        !text.includes(name) ||
        !answer.card ||
        JSON.stringify(answer.card).includes('"Input.Text"')
      )
        throw new Error(`${operation}: not created (HTTP ${answer.status}): ${text.slice(0, 200)}`);
      user.acknowledgedCreates.add(name);
      return text;
    }
    case 'add-in projects': {
      const answer = await h.addin('GET', `/projects?q=${encodeURIComponent('LoadMarker')}`, {
        person: user.person,
        locale,
      });
      if (answer.status !== 200) throw new Error(`${operation}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
      const names = (answer.body.items as { name: string }[]).map((p) => p.name);
      if (!names.includes(user.marker)) throw new Error(`${operation}: own project missing`);
      return names.join('\n');
    }
    case 'add-in create': {
      const name = `LoadTask-${user.index}-${serial}`;
      const answer = await h.addin('POST', '/tasks', {
        person: user.person,
        locale,
        body: {
          name,
          projectId: user.markerProjectId,
          startDateTime: '2026-06-01T08:00:00Z',
          endDateTime: '2026-06-01T16:00:00Z',
          workAmount: 2,
          descriptionHtml: `<p>Mail for ${user.marker}</p>`,
        },
      });
      if (answer.status !== 200 || answer.body.task?.name !== name)
        throw new Error(`${operation}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
      user.acknowledgedCreates.add(name);
      return answer.text;
    }
    case 'add-in me': {
      const answer = await h.addin('GET', '/me', { person: user.person, locale });
      if (answer.status !== 200 || !answer.body.connected) throw new Error(`${operation}: HTTP ${answer.status}`);
      const expected = h.sandbox.accounts[user.index]!.displayName;
      if (answer.body.user.displayName !== expected)
        throw new Error(`${operation}: connected as ${answer.body.user.displayName}, expected ${expected}`);
      return answer.text;
    }
  }
}

describe(`${USERS} people at once for ${DURATION_MS / 1000} s`, () => {
  it(
    'zero errors and no cross-user data',
    async () => {
      const errors: string[] = [];
      const leaks: string[] = [];
      const latencies: number[] = [];
      const counts = new Map<Operation, number>();
      const started = Date.now();
      const stopAt = started + DURATION_MS;
      const random = seededRandom(20261123);

      const simulate = async (user: User) => {
        // Spread the first requests over the first think interval, like people arriving.
        await new Promise((resolve) => setTimeout(resolve, random() * THINK_MS[1]));
        let serial = 0;
        while (Date.now() < stopAt) {
          const operation = OPERATIONS[Math.floor(random() * OPERATIONS.length)]!;
          const begin = Date.now();
          try {
            const seen = await operate(user, operation, serial++);
            const foreign = markersIn(seen).filter((index) => index !== user.index);
            if (foreign.length)
              leaks.push(`user ${user.index} saw data of users ${foreign.join(', ')} in ${operation}`);
          } catch (error) {
            errors.push(`user ${user.index}: ${(error as Error).message}`);
          }
          latencies.push(Date.now() - begin);
          counts.set(operation, (counts.get(operation) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, THINK_MS[0] + random() * (THINK_MS[1] - THINK_MS[0])));
        }
      };
      await Promise.all(users.map(simulate));
      const elapsed = Date.now() - started;

      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
      const total = latencies.length;
      console.log(
        `load: ${USERS} users, ${total} operations in ${elapsed} ms (${((total * 1000) / elapsed).toFixed(1)}/s), ` +
          `latency p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${latencies[total - 1]} ms, ` +
          `errors ${errors.length}, by kind ${JSON.stringify(Object.fromEntries(counts))}`,
      );

      expect(errors.slice(0, 10)).toEqual([]);
      expect(watcher.crashes.map(String)).toEqual([]);
      expect(leaks.slice(0, 10)).toEqual([]);
      expect(total).toBeGreaterThanOrEqual(USERS * MIN_OPERATIONS_PER_USER);
      expect(elapsed).toBeGreaterThanOrEqual(DURATION_MS);

      // Every acknowledged create is in its owner's account exactly once, and only there.
      const throttled = h.sandbox.requestLog.entries().filter((e) => e.status === 429).length;
      expect(throttled).toBe(0);
      for (const user of users) {
        const names = h.sandbox
          .data(user.apiKey)
          .list('Task')
          .map((task) => String(task.Name));
        const mine = names.filter((name) => name.startsWith(`LoadTask-${user.index}-`));
        expect(names.length, `account of user ${user.index}`).toBe(mine.length);
        expect(new Set(mine).size, `duplicates for user ${user.index}`).toBe(mine.length);
        expect([...mine].sort()).toEqual([...user.acknowledgedCreates].sort());
      }
    },
    DURATION_MS + 45_000,
  );
});
