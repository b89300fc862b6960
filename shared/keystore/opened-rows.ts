/**
 * Decrypted connections, kept briefly in memory so a person's every turn does not decrypt their key again.
 *
 * An entry is used only while the stored row still holds exactly the ciphertext it was opened from: the row is
 * read on every lookup (another instance may have disconnected the person or stored a new key), only the
 * AES-GCM open and the JSON parse are saved. Bounded (least recently used go first) and short-lived; the store
 * drops a person's entry whenever it writes or deletes their row, and everything on key rotation and close.
 * Never logged or serialised.
 */
import { LRUCache } from 'lru-cache';
import type { ConnectionRow } from './codec';
import type { StoredConnection } from './types';

interface Opened {
  keyId: string;
  secret: Buffer;
  connection: StoredConnection;
}

export interface OpenedRowsOptions {
  /** Most people held at once. Default 1,000. */
  max?: number;
  /** How long one decryption is reused. Default 60 s. */
  ttlMs?: number;
}

export class OpenedRows {
  private readonly cache: LRUCache<string, Opened>;

  constructor(options: OpenedRowsOptions = {}) {
    this.cache = new LRUCache<string, Opened>({ max: options.max ?? 1_000, ttl: options.ttlMs ?? 60_000 });
  }

  /** The connection of `row` as decrypted earlier from the very same ciphertext, with the row's current flags. */
  get(row: ConnectionRow): StoredConnection | undefined {
    const opened = this.cache.get(row.identityHash);
    if (!opened || opened.keyId !== row.keyId || !opened.secret.equals(row.secret)) return undefined;
    return { ...opened.connection, connectedAt: row.connectedAt, needsReconnect: row.needsReconnect };
  }

  remember(row: ConnectionRow, connection: StoredConnection): void {
    this.cache.set(row.identityHash, { keyId: row.keyId, secret: Buffer.from(row.secret), connection });
  }

  forget(identityHash: string): void {
    this.cache.delete(identityHash);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}
