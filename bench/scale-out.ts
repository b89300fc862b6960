/**
 * Scale-out: two product instances (child processes, createServices + createApp) sharing one real PostgreSQL
 * (key store and per-key limiter) behind a round-robin proxy on loopback. Throughput of one instance vs two, both
 * behind the same proxy code, in one run; then, with a real small limit on both instances and the sandbox, one
 * user's burst through the proxy must stay within the per-key limit across both instances.
 */
import { randomBytes } from 'node:crypto';
import { startPostgres } from '../test/helpers/postgres';
import { startChild } from './lib/child';
import { connectUser, inParallel, messageActivity, newUsers, openConnections, postActivity } from './lib/activities';
import { runLoad, type LoadResult } from './lib/load';
import {
  benchKeys,
  RAISED_RATE_LIMIT,
  startProduct,
  startSandbox,
  stopAll,
  type SandboxLogEntry,
  type ServerReady,
} from './lib/stack';
import { maxInWindow } from './throttle';

export interface ScaleCell extends LoadResult {
  instances: 1 | 2;
  scenario: 'help' | 'my tasks';
}

export interface ScaleOutResult {
  postgres: string;
  cells: ScaleCell[];
  /** two-instance rps / one-instance rps per scenario and concurrency. */
  speedup: { scenario: string; connections: number; ratio: number }[];
  sharedLimit: {
    limit: { calls: number; windowMs: number };
    actions: number;
    completed: number;
    servedByInstance: number[];
    inlooxCalls: number;
    responses429: number;
    maxCallsInWindow: number;
    elapsedMs: number;
  };
}

export async function benchScaleOut(options: {
  concurrencies: number[];
  durationS: number;
  warmupS: number;
  limit: { calls: number; windowMs: number };
  log: (line: string) => void;
}): Promise<ScaleOutResult> {
  const postgres = await startPostgres();
  const running: { stop(): Promise<void> }[] = [];
  try {
    const version = await postgresVersion(postgres.url);
    // ---- throughput ----
    const keys = benchKeys(10, 'scale-key');
    const sandbox = await startSandbox(keys, 'off');
    running.push(sandbox);
    const keyEncryptionKey = randomBytes(32).toString('base64');
    // One after the other: the first creates the schema.
    const a = await startProduct({
      inlooxBaseUrl: sandbox.ready.baseUrl,
      rateLimit: RAISED_RATE_LIMIT,
      databaseUrl: postgres.url,
      keyEncryptionKey,
    });
    running.push(a);
    const b = await startProduct({
      inlooxBaseUrl: sandbox.ready.baseUrl,
      rateLimit: RAISED_RATE_LIMIT,
      databaseUrl: postgres.url,
      keyEncryptionKey,
    });
    running.push(b);
    const one = await startChild<ServerReady>('proxy.ts', { BENCH_UPSTREAMS: a.ready.baseUrl });
    running.push(one);
    const two = await startChild<ServerReady>('proxy.ts', { BENCH_UPSTREAMS: `${a.ready.baseUrl},${b.ready.baseUrl}` });
    running.push(two);

    const users = newUsers(100);
    // Connected through the two-instance proxy: each instance stores half, and both must read all of them.
    await inParallel(users.length, 10, (i) =>
      connectUser(two.ready.baseUrl, users[i]!, sandbox.ready.keys[i % keys.length]!),
    );
    const bodies = {
      help: users.map((u) => messageActivity(u, 'help')),
      'my tasks': users.map((u) => messageActivity(u, 'my tasks')),
    };
    for (const body of bodies['my tasks'].slice(0, 4)) {
      const answer = await postActivity(two.ready.baseUrl, body);
      if (answer.status !== 200 || !/My tasks|My open tasks/i.test(answer.body))
        throw new Error(`my tasks through the proxy: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
    const cells: ScaleCell[] = [];
    for (const scenario of ['help', 'my tasks'] as const) {
      for (const connections of options.concurrencies) {
        for (const instances of [1, 2] as const) {
          const proxy = instances === 1 ? one : two;
          const result = await runLoad({
            url: `${proxy.ready.baseUrl}/api/messages`,
            bodies: bodies[scenario],
            connections,
            durationS: options.durationS,
            warmupS: options.warmupS,
          });
          cells.push({ instances, scenario, ...result });
          options.log(
            `  ${instances} instance(s) ${scenario.padEnd(9)} c=${String(connections).padStart(3)}  ${String(result.rps).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  non2xx ${result.non2xx}  errors ${result.errors}`,
          );
        }
      }
    }
    const speedup = cells
      .filter((c) => c.instances === 2)
      .map((c) => {
        const single = cells.find(
          (s) => s.instances === 1 && s.scenario === c.scenario && s.connections === c.connections,
        )!;
        return {
          scenario: c.scenario,
          connections: c.connections,
          ratio: Math.round((c.rps / single.rps) * 100) / 100,
        };
      });
    await stopAll(running.splice(0));

    // ---- the per-key limit across both instances ----
    const limited = await postgres.createDatabase('bench_limit');
    const limitSandbox = await startSandbox(benchKeys(1, 'shared-limit-key'), options.limit);
    running.push(limitSandbox);
    const rateLimit = { calls: options.limit.calls, windowS: options.limit.windowMs / 1000 };
    const a2 = await startProduct({
      inlooxBaseUrl: limitSandbox.ready.baseUrl,
      rateLimit,
      databaseUrl: limited,
      keyEncryptionKey,
    });
    running.push(a2);
    const b2 = await startProduct({
      inlooxBaseUrl: limitSandbox.ready.baseUrl,
      rateLimit,
      databaseUrl: limited,
      keyEncryptionKey,
    });
    running.push(b2);
    const proxy = await startChild<ServerReady>('proxy.ts', {
      BENCH_UPSTREAMS: `${a2.ready.baseUrl},${b2.ready.baseUrl}`,
    });
    running.push(proxy);
    const [user] = newUsers(1);
    await connectUser(proxy.ready.baseUrl, user!, limitSandbox.ready.keys[0]!);
    await new Promise((resolve) => setTimeout(resolve, options.limit.windowMs + 200));
    await limitSandbox.call('resetRateLimit');
    await limitSandbox.call('clear');
    const actions = options.limit.calls * 3;
    const pool = await openConnections(proxy.ready.baseUrl, actions);
    const servedBefore = await proxy.call<number[]>('served');
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: actions }, () => pool.post(messageActivity(user!, 'my tasks'))),
    );
    const elapsedMs = Math.round(performance.now() - started);
    pool.close();
    const servedAfter = await proxy.call<number[]>('served');
    const log = await limitSandbox.call<SandboxLogEntry[]>('log');
    return {
      postgres: version,
      cells,
      speedup,
      sharedLimit: {
        limit: options.limit,
        actions,
        completed: answers.filter(
          (r) => r.status === 200 && /My tasks|My open tasks/i.test(r.body) && !/try again/i.test(r.body),
        ).length,
        servedByInstance: servedAfter.map((n, i) => n - (servedBefore[i] ?? 0)),
        inlooxCalls: log.length,
        responses429: log.filter((e) => e.status === 429).length,
        maxCallsInWindow: maxInWindow(
          log.map((e) => e.timestamp),
          options.limit.windowMs,
        ),
        elapsedMs,
      },
    };
  } finally {
    await stopAll(running);
    await postgres.stop();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]!.server_version;
  } finally {
    await client.end();
  }
}
