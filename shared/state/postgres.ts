import type pg from 'pg';
import { PostgresStore } from '../db/postgres-store';
import { stateKeyHash } from './hash';
import { MIGRATION_NAMESPACE, SWEEP_EVERY, type StateStore } from './types';

const MIGRATIONS = [
  {
    id: '001-state-entries',
    sql: `CREATE TABLE state_entries (
      namespace text NOT NULL,
      key_hash text NOT NULL,
      value text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (namespace, key_hash)
    )`,
  },
];

/** PostgreSQL backend, shared by every instance; each write is one committed statement. */
export class PostgresStateStore extends PostgresStore implements StateStore {
  private writes = 0;

  constructor(urlOrPool: string | pg.Pool) {
    super(urlOrPool, MIGRATION_NAMESPACE, MIGRATIONS);
  }

  override async init(): Promise<void> {
    await super.init();
    await this.sweep();
  }

  private async sweep(): Promise<void> {
    await this.pool.query('DELETE FROM state_entries WHERE expires_at <= now()');
  }

  private async wrote(): Promise<void> {
    if (++this.writes % SWEEP_EVERY === 0) await this.sweep();
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>(
      'SELECT value FROM state_entries WHERE namespace = $1 AND key_hash = $2 AND expires_at > now()',
      [namespace, stateKeyHash(namespace, key)],
    );
    return rows[0]?.value;
  }

  async put(namespace: string, key: string, value: string, ttlMs: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO state_entries (namespace, key_hash, value, expires_at)
         VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (namespace, key_hash) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [namespace, stateKeyHash(namespace, key), value, ttlMs],
    );
    await this.wrote();
  }

  async putIfAbsent(
    namespace: string,
    key: string,
    value: string,
    ttlMs: number,
  ): Promise<{ inserted: true } | { inserted: false; value: string }> {
    const hash = stateKeyHash(namespace, key);
    // An expired entry is taken over; a live one is left alone and no row comes back.
    const claimed = await this.pool.query(
      `INSERT INTO state_entries (namespace, key_hash, value, expires_at)
         VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (namespace, key_hash) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
         WHERE state_entries.expires_at <= now()
       RETURNING 1`,
      [namespace, hash, value, ttlMs],
    );
    if ((claimed.rowCount ?? 0) > 0) {
      await this.wrote();
      return { inserted: true };
    }
    const { rows } = await this.pool.query<{ value: string }>(
      'SELECT value FROM state_entries WHERE namespace = $1 AND key_hash = $2',
      [namespace, hash],
    );
    return { inserted: false, value: rows[0]?.value ?? value };
  }

  async delete(namespace: string, key: string): Promise<void> {
    await this.pool.query('DELETE FROM state_entries WHERE namespace = $1 AND key_hash = $2', [
      namespace,
      stateKeyHash(namespace, key),
    ]);
  }
}
