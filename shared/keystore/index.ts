/**
 * The key store: per-person InLoox connections, sealed with AES-256-GCM, in SQLite (default) or PostgreSQL.
 *
 *   const store = await openKeyStore(config);            // resolves the key, picks the backend, migrates
 *   const store = createKeyStore({ databaseUrl, encryptionKey }); await store.init();
 */
import type pg from 'pg';
import type { AppConfig } from '../config';
import { initialised } from '../db/initialised';
import { isPostgresUrl } from '../db/postgres';
import { sqliteFileOf } from '../db/sqlite';
import type { UserIdentity } from '../identity';
import { decodeRow, encodeRow, identityHash, normalizeTimestamp, resealRow } from './codec';
import { keyIdOf, resolveEncryptionKey, resolveFallbackKeys } from './crypto';
import { OpenedRows } from './opened-rows';
import { PostgresConnectionRows } from './postgres-rows';
import type { ConnectionRows } from './rows';
import { SqliteConnectionRows } from './sqlite-rows';
import type { KeyStore, StoredConnection } from './types';

export {
  KeyStoreCryptoError,
  parseEncryptionKey,
  generateEncryptionKey,
  keyIdOf,
  resolveEncryptionKey,
} from './crypto';
export { identityHash } from './codec';
export type { KeyStore, StoredConnection, ConnectionInfo } from './types';

export interface KeyStoreOptions {
  /** postgres:// or postgresql:// URL → PostgreSQL; anything else is a SQLite file path (parent folder is created). */
  databaseUrl: string;
  /** 32-byte AES key (see parseEncryptionKey / resolveEncryptionKey). */
  encryptionKey: Buffer;
  /** Reuse an existing PostgreSQL pool instead of opening one (it is not closed by close()). */
  pool?: pg.Pool;
}

/** The store as created here: the KeyStore contract plus operator helpers. */
export interface ManagedKeyStore extends KeyStore {
  /** How many connections are stored. */
  count(): Promise<number>;
  /** Key ids of stored rows that the configured key cannot open (a wrong KEY_ENCRYPTION_KEY); empty when fine. */
  foreignKeyIds(): Promise<string[]>;
  /** Key id (fingerprint) of the configured encryption key. */
  keyId(): string;
  /** Resolves when the database answers a read of the connections table. */
  ping(): Promise<void>;
  /** True once the encryption key is resolved (after init). */
  keyLoaded(): boolean;
  /** How many decrypted connections are held in memory right now (opened-rows.ts). */
  openedInMemory(): number;
}

/** The app configuration (the key is resolved in init()), optionally with a PostgreSQL pool to share. */
type KeyConfig = Pick<AppConfig, 'mode' | 'keyEncryptionKey' | 'dataDir' | 'databaseUrl'> & { pool?: pg.Pool };

class EncryptedKeyStore implements ManagedKeyStore {
  private currentKey: Buffer | undefined;
  /** Keys that only read (local mode's `.new` and `.previous` key files); writes use currentKey. */
  private readOnlyKeys: Buffer[] = [];
  /** The keys that open rows, by key id; built once per key change, not per read. */
  private readKeys: Map<string, Buffer> | undefined;
  /** Connections decrypted recently, reused while their row is unchanged (opened-rows.ts). */
  private readonly opened = new OpenedRows();

  constructor(
    private readonly rows: ConnectionRows,
    private readonly keySource: Buffer | KeyConfig,
  ) {
    if (Buffer.isBuffer(keySource)) {
      if (keySource.length !== 32) throw new TypeError('The encryption key must be 32 bytes');
      this.currentKey = Buffer.from(keySource);
    }
  }

  private get key(): Buffer {
    if (!this.currentKey) throw new Error('Key store is not initialised (call init)');
    return this.currentKey;
  }

  private keyring(...extra: Buffer[]): Map<string, Buffer> {
    const keys = new Map<string, Buffer>();
    for (const key of [...this.readOnlyKeys, ...extra, this.key]) keys.set(keyIdOf(key), key);
    return keys;
  }

  async init(): Promise<void> {
    if (!this.currentKey && !Buffer.isBuffer(this.keySource)) {
      this.currentKey = await resolveEncryptionKey(this.keySource);
      this.readOnlyKeys = await resolveFallbackKeys(this.keySource);
      this.readKeys = undefined;
    }
    await this.rows.init();
  }

  async put(identity: UserIdentity, connection: StoredConnection): Promise<void> {
    const row = encodeRow(this.key, identity, connection);
    this.opened.forget(row.identityHash);
    await this.rows.upsert(row);
  }

  async get(identity: UserIdentity): Promise<StoredConnection | undefined> {
    const hash = identityHash(identity);
    const row = await this.rows.find(hash);
    if (!row) {
      this.opened.forget(hash);
      return undefined;
    }
    const known = this.opened.get(row);
    if (known) return known;
    this.readKeys ??= this.keyring();
    const connection = decodeRow(this.readKeys, row);
    this.opened.remember(row, connection);
    return { ...connection };
  }

  async delete(identity: UserIdentity): Promise<boolean> {
    const hash = identityHash(identity);
    this.opened.forget(hash);
    return this.rows.remove(hash);
  }

  async markNeedsReconnect(identity: UserIdentity, connectedAt?: string): Promise<void> {
    const hash = identityHash(identity);
    this.opened.forget(hash);
    await this.rows.markNeedsReconnect(hash, connectedAt === undefined ? undefined : normalizeTimestamp(connectedAt));
  }

  async rotate(newEncryptionKey: Buffer): Promise<number> {
    if (newEncryptionKey.length !== 32) throw new TypeError('The new encryption key must be 32 bytes');
    const newKey = Buffer.from(newEncryptionKey);
    const newKeyId = keyIdOf(newKey);
    // Rows already under the new key (an earlier, interrupted-and-rerun rotation) are left alone; every other row
    // must decrypt with the current key, or the whole transaction rolls back and nothing changes.
    const keys = this.keyring(newKey);
    const rotated = await this.rows.rewriteAll((row) =>
      row.keyId === newKeyId ? undefined : resealRow(keys, newKey, row),
    );
    this.currentKey = newKey;
    this.readKeys = undefined;
    this.opened.clear();
    return rotated;
  }

  count(): Promise<number> {
    return this.rows.count();
  }

  async foreignKeyIds(): Promise<string[]> {
    const known = this.keyring();
    return (await this.rows.keyIds()).filter((id) => !known.has(id));
  }

  keyId(): string {
    return keyIdOf(this.key);
  }

  ping(): Promise<void> {
    return this.rows.ping();
  }

  keyLoaded(): boolean {
    return this.currentKey !== undefined;
  }

  openedInMemory(): number {
    return this.opened.size;
  }

  close(): Promise<void> {
    this.opened.clear();
    return this.rows.close();
  }
}

/**
 * Creates the store for the backend `databaseUrl` names. Call init() before use: it runs migrations and, when
 * given the app configuration, resolves the encryption key (production requires KEY_ENCRYPTION_KEY).
 */
export function createKeyStore(options: KeyStoreOptions | KeyConfig): ManagedKeyStore {
  const url = options.databaseUrl.trim();
  const pool = options.pool;
  const rows = isPostgresUrl(url)
    ? new PostgresConnectionRows(pool ?? url)
    : new SqliteConnectionRows(sqliteFileOf(url));
  return new EncryptedKeyStore(rows, 'encryptionKey' in options ? options.encryptionKey : options);
}

/** createKeyStore + init in one step. */
export async function openKeyStore(options: KeyStoreOptions | KeyConfig): Promise<ManagedKeyStore> {
  return initialised(createKeyStore(options));
}
