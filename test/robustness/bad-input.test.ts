/**
 * More than a thousand generated malformed or hostile activities and add-in requests (wrong types, missing fields,
 * huge strings, unicode edge cases, foreign ids, query injection in search text). Nothing answers 5xx, nothing
 * rejects unhandled, and every $filter that reaches InLoox parses as OData with user text only inside string
 * literals. Replay a run with ROBUSTNESS_SEED=<seed printed below>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, cardsOf } from '../bot/harness';
import {
  generateActivity,
  generateAddinRequest,
  INJECTIONS,
  type GeneratedActivity,
  type GeneratedAddinRequest,
  type IdPool,
} from './generators';
import { filterOf, parsesAsOData, skeleton, stringLiterals } from './odata-filters';
import { seededRandom, startRobustHarness, watchProcessCrashes, type Person, type RobustHarness } from './harness';

const SEED = Number(process.env.ROBUSTNESS_SEED) || Math.floor(Math.random() * 2 ** 31);
const ACTIVITIES = 750;
const ADDIN_REQUESTS = 350;
const CONCURRENCY = 4;
/** Safety stop for a very busy machine (unloaded, the run takes a few seconds); at least 1,000 must have run. */
const BUDGET_MS = 150_000;

let h: RobustHarness;
let ben: Person;
let stranger: Person;
const ids: IdPool = { own: [], foreign: [] };
let annaBefore: string;
const watcher = watchProcessCrashes();

function annaSnapshot(): string {
  const data = h.sandbox.data('demo-key-anna');
  const rows = (set: string) =>
    data
      .list(set)
      .map((row) => JSON.stringify(row))
      .sort();
  return JSON.stringify([rows('Project'), rows('Task')]);
}

beforeAll(async () => {
  console.log(`bad-input seed: ${SEED} (replay with ROBUSTNESS_SEED=${SEED})`);
  h = await startRobustHarness({ env: { INLOOX_TIMEOUT_MS: '10000' } });
  ben = h.newPerson('Ben');
  stranger = h.newPerson('Not connected');
  await h.services.connections.connect(ben, 'demo-key-ben');
  const benData = h.sandbox.data('demo-key-ben');
  const annaData = h.sandbox.data('demo-key-anna');
  ids.own = [
    ...benData.list('Project').map((p) => String(p.ProjectId)),
    ...benData.list('Task').map((t) => String(t.TaskItemId)),
  ];
  ids.foreign = [
    ...annaData.list('Project').map((p) => String(p.ProjectId)),
    ...annaData.list('Task').map((t) => String(t.TaskItemId)),
    ...annaData.list('Contact').map((c) => String(c.ContactId)),
  ];
  annaBefore = annaSnapshot();
});

afterAll(async () => {
  watcher.stop();
  await h?.close();
});

interface Failure {
  label: string;
  status: number;
  detail: string;
}

/** 5xx answers the API documents for a healthy InLoox: none. (502/503 only when InLoox or sign-in is down.) */
function isAcceptable(status: number): boolean {
  return status > 0 && status < 500;
}

const STACK = /\bat (async )?[\w.<>]+ \(|\.ts:\d+:\d+|node_modules/;

const timings = new Map<string, number[]>();
function timed(label: string, started: number): void {
  const key = label.split(' ').slice(0, 2).join(' ');
  timings.set(key, [...(timings.get(key) ?? []), Date.now() - started]);
}

async function sendActivity(generated: GeneratedActivity, failures: Failure[]): Promise<void> {
  const started = Date.now();
  const answer = await h.postActivity(generated.body);
  timed(generated.label, started);
  if (!isAcceptable(answer.status) || STACK.test(answer.text)) {
    failures.push({ label: generated.label, status: answer.status, detail: answer.text.slice(0, 300) });
    return;
  }
  const cards = [
    ...cardsOf((answer.body?.activities ?? []) as Record<string, unknown>[]),
    ...(answer.body?.type === 'application/vnd.microsoft.card.adaptive' ? [answer.body.value] : []),
  ];
  for (const card of cards) {
    const text = cardText(card);
    // The generic "something went wrong" card means an input reached a code path that threw unexpectedly.
    if (/An unexpected error occurred|Ein unerwarteter Fehler/i.test(text))
      failures.push({
        label: generated.label,
        status: answer.status,
        detail: `unexpected-error card: ${text.slice(0, 200)}`,
      });
  }
}

async function sendAddin(generated: GeneratedAddinRequest, failures: Failure[]): Promise<void> {
  const started = Date.now();
  const answer = await h.addin(generated.method, generated.path, {
    ...(generated.authenticated ? { person: ben } : {}),
    ...(generated.body !== undefined ? { body: generated.body } : {}),
    ...(generated.rawBody !== undefined ? { rawBody: generated.rawBody } : {}),
  });
  timed(generated.label, started);
  const problem = !isAcceptable(answer.status)
    ? 'status'
    : STACK.test(answer.text)
      ? 'stack trace'
      : // 431: Node's own header-size limit refuses a 100,000-character URL before the app sees it.
        answer.status >= 400 && answer.status !== 431 && typeof answer.body?.error?.message !== 'string'
        ? 'no error message'
        : undefined;
  if (problem)
    failures.push({
      label: `${generated.label} (${problem})`,
      status: answer.status,
      detail: answer.text.slice(0, 300),
    });
}

/** Runs `count` jobs with a few in flight at once, within the time budget. Returns how many ran. */
async function runPool(count: number, job: (index: number) => Promise<void>, deadline: number): Promise<number> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      const index = next++;
      await job(index);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return done;
}

/** Keeps Ben connected: a generated connect.submit with a junk key must not have cost him his connection. */
async function benIsStillConnected(): Promise<boolean> {
  const status = await h.services.connections.status(ben);
  return !!status && !status.needsReconnect;
}

describe(`malformed and hostile input (seed ${SEED})`, () => {
  const allowedSkeletons = new Set<string>();

  it('learns the $filter shapes of benign searches on every search path', async () => {
    h.sandbox.requestLog.clear();
    for (const text of ['abc', 'Website Relaunch', '2024', 'P-2024-001', ' ', '']) {
      for (const command of ['projects', 'tasks', 'project', 'task', 'aufgaben', 'projekte']) {
        expect((await h.message(ben, `${command} ${text}`)).status).toBe(200);
      }
      for (const dataset of ['projects', 'contacts']) {
        const answer = await h.postActivity(
          h.activity(ben, 'invoke', { name: 'application/search', value: { queryText: text, dataset } }),
        );
        expect(answer.status).toBe(200);
      }
      const extension = await h.postActivity(
        h.activity(ben, 'invoke', {
          name: 'composeExtension/query',
          value: { commandId: 'searchInLoox', parameters: [{ name: 'query', value: text }] },
        }),
      );
      expect(extension.status).toBe(200);
      for (const list of ['/projects', '/contacts', '/tasks']) {
        expect((await h.addin('GET', `${list}?q=${encodeURIComponent(text)}`, { person: ben })).status).toBe(200);
      }
    }
    for (const command of ['projects', 'tasks', 'my tasks']) await h.message(ben, command);
    for (const entry of h.sandbox.requestLog.entries()) {
      const filter = filterOf(entry);
      if (filter) allowedSkeletons.add(skeleton(filter.decoded));
    }
    expect(allowedSkeletons.size).toBeGreaterThan(2);
  });

  it(
    `${ACTIVITIES} activities and ${ADDIN_REQUESTS} add-in requests: no 5xx, no crash, no unescaped query`,
    async () => {
      h.sandbox.requestLog.clear();
      const random = seededRandom(SEED);
      const activities = Array.from({ length: ACTIVITIES }, () =>
        generateActivity(
          random,
          (type, fields, locale) => h.activity(random() < 0.9 ? ben : stranger, type, fields, locale),
          ids,
        ),
      );
      const requests = Array.from({ length: ADDIN_REQUESTS }, () => generateAddinRequest(random, ids));
      // The one injection the issue names, on every search path, so its escaping is always checked.
      const injection = INJECTIONS[0]!;
      activities.push(
        {
          label: 'injection message',
          body: h.activity(ben, 'message', { text: `projects ${injection}` }),
          search: injection,
        },
        {
          label: 'injection task search',
          body: h.activity(ben, 'message', { text: `aufgaben ${injection}` }),
          search: injection,
        },
      );
      requests.push({
        label: 'injection GET /projects',
        method: 'GET',
        path: `/projects?q=${encodeURIComponent(injection)}`,
        search: injection,
        authenticated: true,
      });

      const failures: Failure[] = [];
      const lostConnection: string[] = [];
      const started = Date.now();
      const deadline = started + BUDGET_MS;
      // Both kinds interleaved, so each is covered even if the safety stop cuts the run short.
      const jobs: (() => Promise<'activity' | 'addin'>)[] = [];
      for (let i = 0; i < Math.max(activities.length, requests.length); i++) {
        const activity = activities[i];
        const request = requests[i];
        if (activity)
          jobs.push(async () => {
            await sendActivity(activity, failures);
            if (!(await benIsStillConnected())) {
              lostConnection.push(`${activity.label}: ${JSON.stringify(activity.body).slice(0, 300)}`);
              await h.services.connections.connect(ben, 'demo-key-ben');
            }
            return 'activity';
          });
        if (request)
          jobs.push(async () => {
            await sendAddin(request, failures);
            return 'addin';
          });
      }
      let sentActivities = 0;
      let sentAddin = 0;
      await runPool(
        jobs.length,
        async (i) => {
          if ((await jobs[i]!()) === 'activity') sentActivities++;
          else sentAddin++;
        },
        deadline,
      );
      console.log(
        `bad-input: ${sentActivities} activities, ${sentAddin} add-in requests in ${Date.now() - started} ms, seed ${SEED}`,
      );
      const slowest = [...timings]
        .map(([label, ms]) => ({
          label,
          n: ms.length,
          avg: Math.round(ms.reduce((a, b) => a + b, 0) / ms.length),
          max: Math.max(...ms),
        }))
        .sort((a, b) => b.avg - a.avg)
        .slice(0, 6);
      console.log('bad-input slowest kinds (ms):', JSON.stringify(slowest));
      expect(failures, JSON.stringify(failures.slice(0, 5), null, 1)).toEqual([]);
      expect(watcher.crashes.map(String)).toEqual([]);
      expect(lostConnection).toEqual([]);
      expect(sentActivities + sentAddin).toBeGreaterThanOrEqual(1000);

      // Every $filter InLoox received parses, and has a shape a benign search has: user text stayed in literals.
      const filters = h.sandbox.requestLog
        .entries()
        .map(filterOf)
        .filter((f) => f !== undefined);
      expect(filters.length).toBeGreaterThan(50);
      const unparsable: string[] = [];
      const foreignShapes: string[] = [];
      for (const { raw, decoded } of filters) {
        if (!parsesAsOData(raw)) unparsable.push(raw);
        if (!allowedSkeletons.has(skeleton(decoded))) foreignShapes.push(decoded);
      }
      expect(unparsable.slice(0, 5)).toEqual([]);
      expect(foreignShapes.slice(0, 5)).toEqual([]);

      // The named injection reached InLoox, and only as the whole content of an escaped string literal.
      const decoded = filters.map((f) => f.decoded);
      const literals = decoded.flatMap(stringLiterals);
      expect(literals).toContain(injection);
      expect(decoded.some((f) => f.includes(`'${injection.replace(/'/g, "''")}'`))).toBe(true);
      expect(decoded.filter((f) => / or true or /.test(f.replace(/'(?:[^']|'')*'/g, "''")))).toEqual([]);

      // Foreign ids never touched the other account.
      expect(annaSnapshot()).toBe(annaBefore);
    },
    BUDGET_MS + 30_000,
  );

  it('the server still answers normally afterwards', async () => {
    // The run may have deleted Ben's own projects (foreign and own ids are both fair game): search a fresh one.
    h.sandbox.data('demo-key-ben').create('Project', { Name: 'After the storm' });
    const answer = await h.message(ben, 'projects storm');
    expect(answer.status).toBe(200);
    expect(cardText(cardsOf(answer.activities)[0])).toContain('After the storm');
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});
