import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool, isPostgresUrl, runPostgresMigrations } from '../../shared/db/postgres';
import { openSqliteDatabase, runSqliteMigrations } from '../../shared/db/sqlite';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';

const first = [{ id: '001', sql: 'CREATE TABLE items (id integer PRIMARY KEY)' }];
const second = [...first, { id: '002', sql: 'ALTER TABLE items ADD COLUMN name text' }];
const broken = [...second, { id: '003', sql: 'CREATE TABLE half (id integer)' }, { id: '004', sql: 'NOT SQL' }];

let tempRoot: string;
let postgres: StartedPostgres;
beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(tmpdir(), 'db-migrations-'));
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
  await rm(tempRoot, { recursive: true, force: true });
});

describe('isPostgresUrl', () => {
  it('recognises postgres:// and postgresql:// only', () => {
    expect(isPostgresUrl('postgres://u:p@h/db')).toBe(true);
    expect(isPostgresUrl(' POSTGRESQL://h/db')).toBe(true);
    expect(isPostgresUrl('data/inloox.sqlite')).toBe(false);
    expect(isPostgresUrl('/var/lib/postgres://odd.sqlite')).toBe(false);
  });
});

describe('SQLite migrations', () => {
  it('opens durably (WAL, synchronous=FULL) and applies each migration once, in order', () => {
    const db = openSqliteDatabase(path.join(tempRoot, 'a', 'b', 'x.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(runSqliteMigrations(db, 'items', first)).toEqual(['001']);
      expect(runSqliteMigrations(db, 'items', second)).toEqual(['002']);
      expect(runSqliteMigrations(db, 'items', second)).toEqual([]);
      expect(runSqliteMigrations(db, 'other', [{ id: '001', sql: 'CREATE TABLE other (v text)' }])).toEqual(['001']);
      db.prepare('INSERT INTO items (id, name) VALUES (1, ?)').run('one');

      expect(() => runSqliteMigrations(db, 'items', broken)).toThrow();
      // All or nothing: 003 did not stay behind.
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT id FROM schema_migrations WHERE namespace = 'items' ORDER BY id").all()).toEqual([
        { id: '001' },
        { id: '002' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('PostgreSQL migrations', () => {
  it('apply each migration once, in order, all or nothing, also with concurrent starts', async () => {
    const url = await postgres.createDatabase('migrations');
    const pools = [createPostgresPool(url), createPostgresPool(url), createPostgresPool(url)];
    try {
      const results = await Promise.all(pools.map((pool) => runPostgresMigrations(pool, 'items', second)));
      expect(results.flat().sort()).toEqual(['001', '002']);
      const pool = pools[0]!;
      await pool.query("INSERT INTO items (id, name) VALUES (1, 'one')");

      await expect(runPostgresMigrations(pool, 'items', broken)).rejects.toThrow();
      const half = await pool.query("SELECT to_regclass('half') AS t");
      expect(half.rows[0]?.t).toBeNull();
      const ids = await pool.query("SELECT id FROM schema_migrations WHERE namespace = 'items' ORDER BY id");
      expect(ids.rows.map((row) => row.id)).toEqual(['001', '002']);
      expect(
        await runPostgresMigrations(
          pool,
          'other',
          first.map((m) => ({ ...m, sql: 'CREATE TABLE other (v text)' })),
        ),
      ).toEqual(['001']);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
