/**
 * PostgreSQL plumbing shared by every part that stores data in PostgreSQL (key store, rate limiter…):
 * pool creation and ordered, once-only schema migrations that are safe when several server instances start at once.
 */
import pg from 'pg';

export interface Migration {
  /** Unique within its namespace and never changed once released, e.g. "001-connections". */
  id: string;
  sql: string;
}

export { isPostgresUrl } from './url';

/** A pool whose idle-connection errors (server restart, network drop) are reported instead of crashing the process. */
export function createPostgresPool(
  url: string,
  options: { max?: number; onConnectionLost?: (error: Error) => void } = {},
): pg.Pool {
  // A bounded wait for a connection: with PostgreSQL down, requests fail after 10 s instead of hanging.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => {
    // pg error messages carry no credentials; the URL (with password) is never logged.
    if (options.onConnectionLost) options.onConnectionLost(error);
    else console.warn(`PostgreSQL connection lost: ${error.message}`);
  });
  return pool;
}

// One lock for every namespace keeps the creation of the bookkeeping table race-free too.
const MIGRATION_LOCK = 7_302_155_041;

/**
 * Applies the migrations of `namespace` that are not applied yet, in order, in one transaction.
 * A transaction-scoped advisory lock makes concurrent starts of several instances wait for each other.
 */
export async function runPostgresMigrations(
  pool: pg.Pool,
  namespace: string,
  migrations: Migration[],
): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         namespace text NOT NULL,
         id text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (namespace, id)
       )`,
    );
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations WHERE namespace = $1', [
      namespace,
    ]);
    const done = new Set(rows.map((row) => row.id));
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (namespace, id) VALUES ($1, $2)', [namespace, migration.id]);
      applied.push(migration.id);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
