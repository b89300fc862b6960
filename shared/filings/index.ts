/**
 * The filing memory: which mail or Teams message a person already filed to which InLoox task or project, in the
 * product's database (SQLite by default, PostgreSQL with DATABASE_URL=postgres://…), so it holds across restarts
 * and instances.
 */
import type pg from 'pg';
import { initialised } from '../db/initialised';
import { isPostgresUrl } from '../db/postgres';
import { sqliteFileOf } from '../db/sqlite';
import { PostgresFilingStore } from './postgres';
import { SqliteFilingStore } from './sqlite';
import type { FilingStore } from './types';

export type * from './types';
export { appointmentKey } from './keys';

export interface FilingStoreOptions {
  /** postgres:// or postgresql:// URL → PostgreSQL; anything else is a SQLite file path. */
  databaseUrl: string;
  /** Reuse an existing PostgreSQL pool (it is not closed by close()). */
  pool?: pg.Pool;
}

export async function openFilingStore(options: FilingStoreOptions): Promise<FilingStore> {
  const url = options.databaseUrl.trim();
  return initialised(
    isPostgresUrl(url) ? new PostgresFilingStore(options.pool ?? url) : new SqliteFilingStore(sqliteFileOf(url)),
  );
}
