/**
 * The pg-boss job queue on a real PostgreSQL: a backlog is worked off without waiting the polling interval after
 * every batch, and a failing job is retried alone, not with the jobs that happened to share its batch.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../shared/db/postgres';
import { PgBossJobQueue } from '../../shared/notify/queue-pgboss';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

let postgres: StartedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  postgres = await startPostgres();
  pool = createPostgresPool(postgres.url);
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
});

async function until(condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('PgBossJobQueue', () => {
  it('works off a backlog batch after batch, and retries only the job that failed', async () => {
    // A polling interval far longer than the test: only fetching again at once after a full batch gets through.
    const queue = new PgBossJobQueue({ pool, pollingIntervalSeconds: 30 });
    await queue.start();
    const handled = new Map<string, number>();
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => ({ key: `person-${i}`, data: { who: `person-${i}` } }));
      await queue.send('backlog', jobs);
      await queue.work<{ who: string }>('backlog', 8, async ({ who }) => {
        handled.set(who, (handled.get(who) ?? 0) + 1);
        if (who === 'person-7') throw new Error('InLoox is down for this one');
      });
      await until(() => handled.size === 40, 15_000);
      expect(handled.size).toBe(40);
      // Only the failed job waits for its retry; the jobs that shared its batch are done.
      const states = async () =>
        (
          await pool.query<{ key: string; state: string }>(
            "SELECT singleton_key AS key, state FROM pgboss.job WHERE name = 'backlog' ORDER BY singleton_key",
          )
        ).rows;
      let rows = await states();
      for (let waited = 0; rows.filter((r) => r.state === 'completed').length < 39 && waited < 5_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        rows = await states();
      }
      expect(rows.filter((row) => row.state !== 'completed')).toEqual([{ key: 'person-7', state: 'retry' }]);
      expect([...handled.values()].every((times) => times === 1)).toBe(true);
    } finally {
      await queue.stop();
    }
  }, 60_000);
});
