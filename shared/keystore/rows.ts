import type { ConnectionRow } from './codec';

/** Storage of sealed connection rows; the only part that differs between SQLite and PostgreSQL. */
export interface ConnectionRows {
  /** Runs schema migrations. */
  init(): Promise<void>;
  /** Inserts or replaces the row; durable (committed and synced) when it resolves. */
  upsert(row: ConnectionRow): Promise<void>;
  find(identityHash: string): Promise<ConnectionRow | undefined>;
  remove(identityHash: string): Promise<boolean>;
  /** Sets the reconnect flag; when connectedAt is given only if the row is still that connection. */
  markNeedsReconnect(identityHash: string, connectedAt?: string): Promise<boolean>;
  /** Passes every row through `transform` in one transaction and writes back the rows it returns. */
  rewriteAll(transform: (row: ConnectionRow) => ConnectionRow | undefined): Promise<number>;
  count(): Promise<number>;
  /** The distinct key ids the stored rows are sealed under. */
  keyIds(): Promise<string[]>;
  /** One trivial read of the connections table; rejects when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATION_NAMESPACE = 'keystore';
