/**
 * Turns a StoredConnection into the row both backends persist, and back.
 *
 * Rows are keyed by a SHA-256 hash of identityKey(identity) rather than the raw tenant/object ids: the database
 * alone does not reveal who uses the product, while lookups stay a single indexed equality. Everything about the
 * InLoox side (the key, contact id, name, e-mail) is inside the AES-256-GCM sealed payload; only the timestamps,
 * the reconnect flag and the key id are plain.
 */
import { createHash } from 'node:crypto';
import { identityKey, type UserIdentity } from '../identity';
import { KeyStoreCryptoError, keyIdOf, open, seal } from './crypto';
import type { StoredConnection } from './types';

export interface ConnectionRow {
  identityHash: string;
  keyId: string;
  secret: Buffer;
  /** ISO 8601, UTC, millisecond precision. */
  connectedAt: string;
  needsReconnect: boolean;
}

interface SealedPayload {
  apiKey: string;
  inlooxContactId: string;
  inlooxDisplayName: string;
  inlooxEmail: string | null;
}

export function identityHash(identity: UserIdentity): string {
  return createHash('sha256')
    .update(`inloox-m365/identity/v1:${identityKey(identity)}`)
    .digest('hex');
}

function associatedData(hash: string): string {
  return `inloox-m365/connection/v1:${hash}`;
}

export function normalizeTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError('connectedAt must be an ISO 8601 timestamp');
  return date.toISOString();
}

export function encodeRow(key: Buffer, identity: UserIdentity, connection: StoredConnection): ConnectionRow {
  const hash = identityHash(identity);
  const payload: SealedPayload = {
    apiKey: connection.apiKey,
    inlooxContactId: connection.inlooxContactId,
    inlooxDisplayName: connection.inlooxDisplayName,
    inlooxEmail: connection.inlooxEmail ?? null,
  };
  return {
    identityHash: hash,
    keyId: keyIdOf(key),
    secret: seal(key, JSON.stringify(payload), associatedData(hash)),
    connectedAt: normalizeTimestamp(connection.connectedAt),
    needsReconnect: connection.needsReconnect,
  };
}

/** Decrypts a row with whichever of `keys` (by key id) sealed it. */
export function decodeRow(keys: Map<string, Buffer>, row: ConnectionRow): StoredConnection {
  const key = keys.get(row.keyId);
  if (!key) {
    throw new KeyStoreCryptoError(
      `Stored connection was encrypted with another key (key id ${row.keyId}); check KEY_ENCRYPTION_KEY`,
    );
  }
  const payload = JSON.parse(open(key, row.secret, associatedData(row.identityHash))) as SealedPayload;
  return {
    apiKey: payload.apiKey,
    inlooxContactId: payload.inlooxContactId,
    inlooxDisplayName: payload.inlooxDisplayName,
    inlooxEmail: payload.inlooxEmail,
    connectedAt: row.connectedAt,
    needsReconnect: row.needsReconnect,
  };
}

/** Re-seals a row under `newKey` (same identity binding); `keys` must hold the key that sealed it. */
export function resealRow(keys: Map<string, Buffer>, newKey: Buffer, row: ConnectionRow): ConnectionRow {
  const key = keys.get(row.keyId);
  if (!key) {
    throw new KeyStoreCryptoError(`A stored connection was encrypted with an unknown key (key id ${row.keyId})`);
  }
  const plaintext = open(key, row.secret, associatedData(row.identityHash));
  return { ...row, keyId: keyIdOf(newKey), secret: seal(newKey, plaintext, associatedData(row.identityHash)) };
}
