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

/** A store that opens on first use, for a composition that was not handed one (tests mounting single routers). */
export function lazyFilingStore(options: FilingStoreOptions): FilingStore {
  let opened: Promise<FilingStore> | undefined;
  const store = () => (opened ??= openFilingStore(options));
  return {
    init: async () => void (await store()),
    remember: async (person, message, target) => (await store()).remember(person, message, target),
    lookup: async (person, message) => (await store()).lookup(person, message),
    forgetPerson: async (person) => (await store()).forgetPerson(person),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
