import type pg from 'pg';
import { PostgresStore } from '../db/postgres-store';
import type { ConnectionRow } from './codec';
import { MIGRATION_NAMESPACE, type ConnectionRows } from './rows';

const MIGRATIONS = [
  {
    id: '001-connections',
    sql: `CREATE TABLE connections (
      identity_hash text PRIMARY KEY,
      key_id text NOT NULL,
      secret bytea NOT NULL,
      connected_at timestamptz NOT NULL,
      needs_reconnect boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  },
];

interface PgRow {
  identity_hash: string;
  key_id: string;
  secret: Buffer;
  connected_at: Date;
  needs_reconnect: boolean;
}

const COLUMNS = 'identity_hash, key_id, secret, connected_at, needs_reconnect';

function fromPg(row: PgRow): ConnectionRow {
  return {
    identityHash: row.identity_hash,
    keyId: row.key_id,
    secret: row.secret,
    connectedAt: row.connected_at.toISOString(),
    needsReconnect: row.needs_reconnect,
  };
}

/** PostgreSQL backend for several server instances; every write is a committed statement before it resolves. */
export class PostgresConnectionRows extends PostgresStore implements ConnectionRows {
  constructor(urlOrPool: string | pg.Pool) {
    super(urlOrPool, MIGRATION_NAMESPACE, MIGRATIONS);
  }

  async upsert(row: ConnectionRow): Promise<void> {
    await this.pool.query(
      `INSERT INTO connections (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (identity_hash) DO UPDATE SET key_id = EXCLUDED.key_id, secret = EXCLUDED.secret,
         connected_at = EXCLUDED.connected_at, needs_reconnect = EXCLUDED.needs_reconnect, updated_at = now()`,
      [row.identityHash, row.keyId, row.secret, row.connectedAt, row.needsReconnect],
    );
  }

  async find(identityHash: string): Promise<ConnectionRow | undefined> {
    const { rows } = await this.pool.query<PgRow>(`SELECT ${COLUMNS} FROM connections WHERE identity_hash = $1`, [
      identityHash,
    ]);
    return rows[0] ? fromPg(rows[0]) : undefined;
  }

  async remove(identityHash: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM connections WHERE identity_hash = $1', [identityHash]);
    return (result.rowCount ?? 0) > 0;
  }

  async markNeedsReconnect(identityHash: string, connectedAt?: string): Promise<boolean> {
    const result =
      connectedAt === undefined
        ? await this.pool.query(
            'UPDATE connections SET needs_reconnect = true, updated_at = now() WHERE identity_hash = $1',
            [identityHash],
          )
        : await this.pool.query(
            `UPDATE connections SET needs_reconnect = true, updated_at = now()
             WHERE identity_hash = $1 AND connected_at = $2::timestamptz`,
            [identityHash, connectedAt],
          );
    return (result.rowCount ?? 0) > 0;
  }

  async rewriteAll(transform: (row: ConnectionRow) => ConnectionRow | undefined): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Blocks concurrent connects until the rewrite commits, so no row is written under the old key meanwhile.
      await client.query('LOCK TABLE connections IN EXCLUSIVE MODE');
      const { rows } = await client.query<PgRow>(`SELECT ${COLUMNS} FROM connections`);
      let written = 0;
      for (const raw of rows) {
        const next = transform(fromPg(raw));
        if (!next) continue;
        await client.query(
          'UPDATE connections SET key_id = $1, secret = $2, updated_at = now() WHERE identity_hash = $3',
          [next.keyId, next.secret, next.identityHash],
        );
        written++;
      }
      await client.query('COMMIT');
      return written;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async keyIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ key_id: string }>('SELECT DISTINCT key_id FROM connections');
    return rows.map((row) => row.key_id);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM connections');
    return Number(rows[0]?.n ?? 0);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM connections LIMIT 1');
  }
}
