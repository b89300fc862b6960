/**
 * The state store: short-lived entries in the key store's database (SQLite by default, PostgreSQL with
 * DATABASE_URL=postgres://…), so they hold across instances and restarts.
 *
 *   const state = await openStateStore({ databaseUrl });   // picks the backend, migrates
 */
import type pg from 'pg';
import { initialised } from '../db/initialised';
import { isPostgresUrl } from '../db/postgres';
import { sqliteFileOf } from '../db/sqlite';
import { PostgresStateStore } from './postgres';
import { SqliteStateStore } from './sqlite';
import type { StateStore } from './types';

export type { StateStore } from './types';

export interface StateStoreOptions {
  /** postgres:// or postgresql:// URL → PostgreSQL; anything else is a SQLite file path. */
  databaseUrl: string;
  /** Reuse an existing PostgreSQL pool (it is not closed by close()). */
  pool?: pg.Pool;
}

export function createStateStore(options: StateStoreOptions): StateStore {
  const url = options.databaseUrl.trim();
  return isPostgresUrl(url) ? new PostgresStateStore(options.pool ?? url) : new SqliteStateStore(sqliteFileOf(url));
}

export async function openStateStore(options: StateStoreOptions): Promise<StateStore> {
  return initialised(createStateStore(options));
}
