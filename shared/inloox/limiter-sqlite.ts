/**
 * The limiter's sliding-window log in the product's SQLite file (the default, single-instance store), so a server
 * restarted in the middle of a burst still knows the calls of the last window and never lets InLoox see one too
 * many. Several processes on one host may share the file: a take is one IMMEDIATE transaction.
 */
import type Database from 'better-sqlite3';
import { openSqliteDatabase, runSqliteMigrations } from '../db/sqlite';
import type { LimiterStore, TakeResult } from './limiter';

const MIGRATIONS = [
  {
    id: '001-rate-calls',
    sql: `CREATE TABLE rate_calls (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      key_hash TEXT NOT NULL,
      taken_at REAL NOT NULL
    );
    CREATE INDEX rate_calls_key_time ON rate_calls (key_hash, taken_at)`,
  },
  {
    // Counting a key's rows on every take cost time in proportion to the window's calls (thousands when the limit is
    // raised); triggers keep the count per key, also for rows written by a process without this code.
    id: '002-rate-counts',
    sql: `CREATE TABLE rate_counts (key_hash TEXT PRIMARY KEY, used INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO rate_counts (key_hash, used) SELECT key_hash, count(*) FROM rate_calls GROUP BY key_hash;
    CREATE TRIGGER rate_calls_counted AFTER INSERT ON rate_calls BEGIN
      INSERT INTO rate_counts (key_hash, used) VALUES (NEW.key_hash, 1)
        ON CONFLICT (key_hash) DO UPDATE SET used = used + 1;
    END;
    CREATE TRIGGER rate_calls_uncounted AFTER DELETE ON rate_calls BEGIN
      UPDATE rate_counts SET used = used - 1 WHERE key_hash = OLD.key_hash;
    END;
    CREATE TRIGGER rate_calls_moved AFTER UPDATE OF key_hash ON rate_calls BEGIN
      UPDATE rate_counts SET used = used - 1 WHERE key_hash = OLD.key_hash;
      INSERT INTO rate_counts (key_hash, used) VALUES (NEW.key_hash, 1)
        ON CONFLICT (key_hash) DO UPDATE SET used = used + 1;
    END`,
  },
];

export class SqliteLimiterStore implements LimiterStore {
  private db: Database.Database | undefined;
  private takeTransaction: ((keyId: string, calls: number, windowMs: number) => TakeResult) | undefined;
  private restamp: Database.Statement | undefined;
  private takes = 0;

  /** `file`: the SQLite file of the key store (DATABASE_URL), or ':memory:' for tests. */
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  private open(): Database.Database {
    if (this.db) return this.db;
    const db = openSqliteDatabase(this.file);
    // A killed process must not forget a granted call; WAL with NORMAL keeps every commit across a process crash
    // and spares an fsync per InLoox call (only a power cut could lose the last few grants).
    db.pragma('synchronous = NORMAL');
    runSqliteMigrations(db, 'limiter', MIGRATIONS);
    const expire = db.prepare('DELETE FROM rate_calls WHERE key_hash = ? AND taken_at <= ?');
    const count = db.prepare('SELECT used FROM rate_counts WHERE key_hash = ?').pluck();
    const insert = db.prepare('INSERT INTO rate_calls (key_hash, taken_at) VALUES (?, ?)');
    const nthNewest = db
      .prepare('SELECT taken_at FROM rate_calls WHERE key_hash = ? ORDER BY taken_at DESC LIMIT 1 OFFSET ?')
      .pluck();
    const take = db.transaction((keyId: string, calls: number, windowMs: number): TakeResult => {
      const now = this.now();
      expire.run(keyId, now - windowMs);
      if (((count.get(keyId) as number | undefined) ?? 0) < calls) {
        return { ok: true, slotId: String(insert.run(keyId, now).lastInsertRowid) };
      }
      const frees = nthNewest.get(keyId, calls - 1) as number;
      return { ok: false, retryInMs: Math.max(1, Math.ceil(frees + windowMs - now)) };
    });
    this.takeTransaction = (keyId, calls, windowMs) => take.immediate(keyId, calls, windowMs);
    this.restamp = db.prepare('UPDATE rate_calls SET taken_at = max(taken_at, ?) WHERE id = ? AND key_hash = ?');
    this.db = db;
    return db;
  }

  async tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult> {
    const db = this.open();
    const result = this.takeTransaction!(keyId, calls, windowMs);
    // Keys that are never used again would keep their last rows; sweep every key now and then.
    if (++this.takes % 500 === 0) {
      db.prepare('DELETE FROM rate_calls WHERE taken_at <= ?').run(this.now() - windowMs);
      db.prepare('DELETE FROM rate_counts WHERE used <= 0').run();
    }
    return result;
  }

  async release(keyId: string, slotId: string): Promise<void> {
    this.open();
    this.restamp!.run(this.now(), Number(slotId), keyId);
  }

  /** Calls currently counted in the window of a key (tests and diagnostics). */
  inWindow(keyId: string, windowMs: number): number {
    return this.open()
      .prepare('SELECT count(*) FROM rate_calls WHERE key_hash = ? AND taken_at > ?')
      .pluck()
      .get(keyId, this.now() - windowMs) as number;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.restamp = undefined;
  }
}
