/**
 * Proactive notifications (new assignments, due date moves, the daily digest):
 *
 *   const store = await openNotifyStore({ databaseUrl });   // SQLite file or postgres:// URL, migrated
 */
import type pg from 'pg';
import { initialised } from '../db/initialised';
import { isPostgresUrl } from '../db/postgres';
import { sqliteFileOf } from '../db/sqlite';
import { rememberLessOften } from './remember-throttle';
import type { NotifyStore } from './store';
import { PostgresNotifyStore } from './store-postgres';
import { SqliteNotifyStore } from './store-sqlite';

export type { NotifyStore } from './store';
export * from './types';

export function openNotifyStore(options: { databaseUrl: string; pool?: pg.Pool }): Promise<NotifyStore> {
  const url = options.databaseUrl.trim();
  return initialised(
    isPostgresUrl(url) ? new PostgresNotifyStore(options.pool ?? url) : new SqliteNotifyStore(sqliteFileOf(url)),
  ).then((store) => rememberLessOften(store));
}
