import type { UserIdentity } from '../identity';

/** What is known about a person's InLoox connection, without the key. */
export interface ConnectionInfo {
  /** InLoox contact id of the connected user (from UserInfo/Me()). */
  inlooxContactId: string;
  inlooxDisplayName: string;
  inlooxEmail?: string | null;
  connectedAt: string;
  /** Set when InLoox rejected the key later (401): the person must connect again. */
  needsReconnect: boolean;
}

export interface StoredConnection extends ConnectionInfo {
  apiKey: string;
}

/**
 * Per-person InLoox API keys, encrypted at rest (AES-256-GCM under KEY_ENCRYPTION_KEY).
 * Two backends: SQLite (default) and PostgreSQL (DATABASE_URL=postgres://…).
 */
export interface KeyStore {
  /** Runs schema migrations; call once at start. */
  init(): Promise<void>;
  put(identity: UserIdentity, connection: StoredConnection): Promise<void>;
  get(identity: UserIdentity): Promise<StoredConnection | undefined>;
  delete(identity: UserIdentity): Promise<boolean>;
  /**
   * Flags the connection as needing reconnection. With `connectedAt`, only if the stored connection is still the
   * one connected at that time (a late 401 from an old key must not flag a fresh connection).
   */
  markNeedsReconnect(identity: UserIdentity, connectedAt?: string): Promise<void>;
  /** Re-encrypts every stored key under a new encryption key; returns how many were re-encrypted. */
  rotate(newEncryptionKey: Buffer): Promise<number>;
  close(): Promise<void>;
}
