import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

describe('startPostgres test helper', () => {
  let server: StartedPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('serves a real, empty, writable database on 127.0.0.1', async () => {
    expect(server.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/app$/);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows[0]?.db).toBe('app');
      await client.query('CREATE TABLE t (v int)');
      await client.query('INSERT INTO t VALUES (41), (1)');
      const sum = await client.query<{ s: string }>('SELECT sum(v) AS s FROM t');
      expect(Number(sum.rows[0]?.s)).toBe(42);
    } finally {
      await client.end();
    }
  });

  it('creates further isolated databases on the same server', async () => {
    const url = await server.createDatabase('second');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't'",
      );
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await client.end();
    }
  });
});
