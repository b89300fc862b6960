import type Database from 'better-sqlite3';
import { SqliteStore } from '../db/sqlite-store';
import type { ConnectionRow } from './codec';
import { MIGRATION_NAMESPACE, type ConnectionRows } from './rows';

const MIGRATIONS = [
  {
    id: '001-connections',
    sql: `CREATE TABLE connections (
      identity_hash TEXT PRIMARY KEY,
      key_id TEXT NOT NULL,
      secret BLOB NOT NULL,
      connected_at TEXT NOT NULL,
      needs_reconnect INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL
    ) WITHOUT ROWID`,
  },
];

interface SqliteRow {
  identity_hash: string;
  key_id: string;
  secret: Buffer;
  connected_at: string;
  needs_reconnect: number;
}

function fromSqlite(row: SqliteRow): ConnectionRow {
  return {
    identityHash: row.identity_hash,
    keyId: row.key_id,
    secret: row.secret,
    connectedAt: row.connected_at,
    needsReconnect: row.needs_reconnect === 1,
  };
}

/** SQLite backend (better-sqlite3, WAL, synchronous=FULL): each write is on disk before it resolves. */
export class SqliteConnectionRows extends SqliteStore implements ConnectionRows {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    super(file, MIGRATION_NAMESPACE, MIGRATIONS, 'Key store');
  }

  /** Prepared once per SQL text and reused. */
  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.handle.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async upsert(row: ConnectionRow): Promise<void> {
    this.prepare(
      `INSERT INTO connections (identity_hash, key_id, secret, connected_at, needs_reconnect, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (identity_hash) DO UPDATE SET key_id = excluded.key_id, secret = excluded.secret,
           connected_at = excluded.connected_at, needs_reconnect = excluded.needs_reconnect,
           updated_at = excluded.updated_at`,
    ).run(
      row.identityHash,
      row.keyId,
      row.secret,
      row.connectedAt,
      row.needsReconnect ? 1 : 0,
      new Date().toISOString(),
    );
  }

  async find(identityHash: string): Promise<ConnectionRow | undefined> {
    const row = this.prepare(
      'SELECT identity_hash, key_id, secret, connected_at, needs_reconnect FROM connections WHERE identity_hash = ?',
    ).get(identityHash) as SqliteRow | undefined;
    return row ? fromSqlite(row) : undefined;
  }

  async remove(identityHash: string): Promise<boolean> {
    return this.prepare('DELETE FROM connections WHERE identity_hash = ?').run(identityHash).changes > 0;
  }

  async markNeedsReconnect(identityHash: string, connectedAt?: string): Promise<boolean> {
    const now = new Date().toISOString();
    const result =
      connectedAt === undefined
        ? this.prepare('UPDATE connections SET needs_reconnect = 1, updated_at = ? WHERE identity_hash = ?').run(
            now,
            identityHash,
          )
        : this.prepare(
            'UPDATE connections SET needs_reconnect = 1, updated_at = ? WHERE identity_hash = ? AND connected_at = ?',
          ).run(now, identityHash, connectedAt);
    return result.changes > 0;
  }

  async rewriteAll(transform: (row: ConnectionRow) => ConnectionRow | undefined): Promise<number> {
    const db = this.handle;
    const rewrite = db.transaction(() => {
      const rows = db
        .prepare('SELECT identity_hash, key_id, secret, connected_at, needs_reconnect FROM connections')
        .all() as SqliteRow[];
      const update = db.prepare(
        'UPDATE connections SET key_id = ?, secret = ?, updated_at = ? WHERE identity_hash = ?',
      );
      const now = new Date().toISOString();
      let written = 0;
      for (const raw of rows) {
        const next = transform(fromSqlite(raw));
        if (!next) continue;
        update.run(next.keyId, next.secret, now, next.identityHash);
        written++;
      }
      return written;
    });
    return rewrite.immediate();
  }

  async count(): Promise<number> {
    return (this.prepare('SELECT count(*) AS n FROM connections').get() as { n: number }).n;
  }

  async keyIds(): Promise<string[]> {
    return this.prepare('SELECT DISTINCT key_id FROM connections').pluck().all() as string[];
  }

  async ping(): Promise<void> {
    this.prepare('SELECT 1 FROM connections LIMIT 1').get();
  }

  override async close(): Promise<void> {
    this.statements.clear();
    await super.close();
  }
}
