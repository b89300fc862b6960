import { SqliteStore } from '../db/sqlite-store';
import { stateKeyHash } from './hash';
import { MIGRATION_NAMESPACE, SWEEP_EVERY, type StateStore } from './types';

const MIGRATIONS = [
  {
    id: '001-state-entries',
    sql: `CREATE TABLE state_entries (
      namespace TEXT NOT NULL,
      key_hash TEXT NOT NULL,
      value TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      PRIMARY KEY (namespace, key_hash)
    ) WITHOUT ROWID`,
  },
];

const expiry = (ttlMs: number) => new Date(Date.now() + ttlMs).toISOString();

/** SQLite backend: its own connection to the key store's file (WAL lets several connections and processes share it). */
export class SqliteStateStore extends SqliteStore implements StateStore {
  private writes = 0;

  constructor(file: string) {
    super(file, MIGRATION_NAMESPACE, MIGRATIONS, 'State store');
  }

  override async init(): Promise<void> {
    if (this.isOpen) return;
    await super.init();
    this.sweep();
  }

  private sweep(): void {
    this.handle.prepare('DELETE FROM state_entries WHERE expires_at <= ?').run(new Date().toISOString());
  }

  private wrote(): void {
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    const row = this.handle
      .prepare('SELECT value FROM state_entries WHERE namespace = ? AND key_hash = ? AND expires_at > ?')
      .get(namespace, stateKeyHash(namespace, key), new Date().toISOString()) as { value: string } | undefined;
    return row?.value;
  }

  async put(namespace: string, key: string, value: string, ttlMs: number): Promise<void> {
    this.handle
      .prepare(
        `INSERT INTO state_entries (namespace, key_hash, value, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (namespace, key_hash) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      )
      .run(namespace, stateKeyHash(namespace, key), value, expiry(ttlMs));
    this.wrote();
  }

  async putIfAbsent(
    namespace: string,
    key: string,
    value: string,
    ttlMs: number,
  ): Promise<{ inserted: true } | { inserted: false; value: string }> {
    const db = this.handle;
    const hash = stateKeyHash(namespace, key);
    const claim = db.transaction(() => {
      const now = new Date().toISOString();
      const live = db
        .prepare('SELECT value FROM state_entries WHERE namespace = ? AND key_hash = ? AND expires_at > ?')
        .get(namespace, hash, now) as { value: string } | undefined;
      if (live) return { inserted: false as const, value: live.value };
      db.prepare(
        `INSERT INTO state_entries (namespace, key_hash, value, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (namespace, key_hash) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      ).run(namespace, hash, value, expiry(ttlMs));
      return { inserted: true as const };
    });
    // IMMEDIATE takes the write lock before the read, so two processes cannot both see "absent".
    const result = claim.immediate();
    if (result.inserted) this.wrote();
    return result;
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.handle
      .prepare('DELETE FROM state_entries WHERE namespace = ? AND key_hash = ?')
      .run(namespace, stateKeyHash(namespace, key));
  }
}
