/**
 * SQLite plumbing shared by every part that stores data in the default SQLite file:
 * opening with durable settings and ordered, once-only schema migrations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from './postgres';

export type { Migration };

/**
 * Opens (creating the parent folder) a SQLite database in WAL mode with synchronous=FULL, so a write is on disk
 * before it returns and a killed process never loses an acknowledged write. busy_timeout lets several
 * processes on one host share the file.
 */
export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  switchToWal(db);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Switching to WAL needs a moment of exclusive access, and SQLite answers SQLITE_BUSY at once (without the busy
 * timeout) when another process opens the same new file at that moment; so the switch is retried for up to 5 s.
 */
function switchToWal(db: Database.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw error;
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

/** Applies the migrations of `namespace` that are not applied yet, in order, in one write transaction. */
export function runSqliteMigrations(db: Database.Database, namespace: string, migrations: Migration[]): string[] {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      namespace TEXT NOT NULL,
      id TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (namespace, id)
    )`);
    const done = new Set(
      (db.prepare('SELECT id FROM schema_migrations WHERE namespace = ?').all(namespace) as { id: string }[]).map(
        (row) => row.id,
      ),
    );
    const applied: string[] = [];
    const record = db.prepare('INSERT INTO schema_migrations (namespace, id, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      db.exec(migration.sql);
      record.run(namespace, migration.id, new Date().toISOString());
      applied.push(migration.id);
    }
    return applied;
  });
  // IMMEDIATE takes the write lock up front, so two processes starting together apply each migration once.
  return apply.immediate();
}

/** The SQLite file a `DATABASE_URL` names: a plain path, `sqlite:…` or `file:…`. */
export function sqliteFileOf(databaseUrl: string): string {
  return databaseUrl.trim().replace(/^(sqlite|file):(\/\/)?/i, '');
}

/** Opens the database and applies the migrations of `namespace`; a failed migration closes it again. */
export function openMigratedSqliteDatabase(
  file: string,
  namespace: string,
  migrations: Migration[],
): Database.Database {
  const db = openSqliteDatabase(file);
  try {
    runSqliteMigrations(db, namespace, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
