import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxInWindow } from '../../bench/throttle';
import { PostgresLimiterStore, RateLimiter } from '../../shared/inloox/limiter';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

let server: StartedPostgres;
const pools: pg.Pool[] = [];

function pool(): pg.Pool {
  const p = new pg.Pool({ connectionString: server.url, max: 4 });
  p.on('error', () => undefined); // idle clients see the server stop at the end
  pools.push(p);
  return p;
}

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  await Promise.allSettled(pools.map((p) => p.end()));
  await server?.stop();
});

describe('PostgresLimiterStore', () => {
  it('two server instances sharing one database stay under one budget per key together', async () => {
    const admin = pool();
    const table = 'limiter_shared';
    // Audit every grant with the database clock (the limiter deletes expired rows as it goes).
    await new PostgresLimiterStore(admin, { table }).init();
    await admin.query(`CREATE TABLE grants (key_hash text, taken_at timestamptz)`);
    await admin.query(`CREATE FUNCTION audit_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO grants VALUES (NEW.key_hash, NEW.taken_at); RETURN NEW; END $$`);
    await admin.query(`CREATE TRIGGER audit AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_grant()`);

    const calls = 5;
    const windowMs = 700;
    const instanceA = new RateLimiter({ calls, windowMs, store: new PostgresLimiterStore(pool(), { table }) });
    const instanceB = new RateLimiter({ calls, windowMs, store: new PostgresLimiterStore(pool(), { table }) });
    const orderA: number[] = [];
    // 3x the budget for one key, split across both instances, plus another key that must not be slowed down.
    const burst = Array.from({ length: calls * 3 }, (_, i) =>
      (i % 2 === 0 ? instanceA : instanceB).acquire('key-one').then(() => {
        if (i % 2 === 0) orderA.push(i);
      }),
    );
    const other = Array.from({ length: calls }, () => instanceB.acquire('key-two'));
    await Promise.all([...burst, ...other]);

    const { rows } = await admin.query<{ key_hash: string; ms: string }>(
      `SELECT key_hash, extract(epoch FROM taken_at) * 1000 AS ms FROM grants`,
    );
    const one = rows.filter((r) => r.key_hash === 'key-one').map((r) => Number(r.ms));
    const two = rows.filter((r) => r.key_hash === 'key-two').map((r) => Number(r.ms));
    expect(one).toHaveLength(calls * 3);
    expect(two).toHaveLength(calls);
    expect(maxInWindow(one, windowMs)).toBe(calls);
    // Within one instance, callers are served first come, first served.
    expect(orderA).toEqual([...orderA].sort((a, b) => a - b));
  });

  it('a database outage falls back to the in-memory window instead of failing calls', async () => {
    const broken = new pg.Pool({ connectionString: server.url.replace(/\/app$/, '/no_such_db'), max: 1 });
    broken.on('error', () => undefined);
    pools.push(broken);
    const errors: unknown[] = [];
    const limiter = new RateLimiter({
      calls: 3,
      windowMs: 200,
      store: new PostgresLimiterStore(broken),
      onStoreError: (e) => errors.push(e),
    });
    await Promise.all(Array.from({ length: 3 }, () => limiter.acquire('k')));
    expect(errors.length).toBeGreaterThan(0);
  });
});
