/** The row codec of the key store: what is sealed, what stays plain, and which key and identity a row is bound to. */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeRow, encodeRow, identityHash, normalizeTimestamp, resealRow } from '../../shared/keystore/codec';
import { KeyStoreCryptoError, keyIdOf } from '../../shared/keystore/crypto';
import type { StoredConnection } from '../../shared/keystore/types';

const identity = { tenantId: 'Tenant-A', objectId: 'Object-1' };
const connection: StoredConnection = {
  apiKey: 'secret-api-key-123',
  inlooxContactId: 'c-1',
  inlooxDisplayName: 'Ada Lovelace',
  inlooxEmail: 'ada@example.com',
  connectedAt: '2026-05-04T10:00:00+02:00',
  needsReconnect: true,
};

describe('key store row codec', () => {
  const key = randomBytes(32);
  const keys = new Map([[keyIdOf(key), key]]);

  it('hashes the identity case-insensitively under a versioned prefix', () => {
    const expected = createHash('sha256').update('inloox-m365/identity/v1:tenant-a:object-1').digest('hex');
    expect(identityHash(identity)).toBe(expected);
    expect(identityHash({ tenantId: 'tenant-a', objectId: 'OBJECT-1' })).toBe(expected);
  });

  it('keeps only timestamps, the reconnect flag and the key id plain, and reads everything back', () => {
    const row = encodeRow(key, identity, connection);
    expect(row).toMatchObject({
      identityHash: identityHash(identity),
      keyId: keyIdOf(key),
      connectedAt: '2026-05-04T08:00:00.000Z',
      needsReconnect: true,
    });
    const secret = row.secret.toString('latin1');
    for (const value of ['secret-api-key-123', 'Ada', 'ada@example.com', 'c-1']) expect(secret).not.toContain(value);
    expect(decodeRow(keys, row)).toEqual({ ...connection, connectedAt: '2026-05-04T08:00:00.000Z' });
    expect(decodeRow(keys, encodeRow(key, identity, { ...connection, needsReconnect: false })).needsReconnect).toBe(
      false,
    );
  });

  it('stores a missing e-mail as null', () => {
    const { inlooxEmail: _, ...withoutEmail } = connection;
    expect(decodeRow(keys, encodeRow(key, identity, withoutEmail)).inlooxEmail).toBeNull();
  });

  it('refuses a row moved to another identity', () => {
    const row = encodeRow(key, identity, connection);
    const moved = { ...row, identityHash: identityHash({ tenantId: 'Tenant-A', objectId: 'Object-2' }) };
    expect(() => decodeRow(keys, moved)).toThrow(KeyStoreCryptoError);
  });

  it('names the key id when a row was sealed with a key it does not have', () => {
    const row = encodeRow(randomBytes(32), identity, connection);
    expect(() => decodeRow(keys, row)).toThrow(
      `Stored connection was encrypted with another key (key id ${row.keyId}); check KEY_ENCRYPTION_KEY`,
    );
    expect(() => resealRow(keys, key, row)).toThrow(
      `A stored connection was encrypted with an unknown key (key id ${row.keyId})`,
    );
  });

  it('reseals under a new key, readable only with the new key, bound to the same identity', () => {
    const row = encodeRow(key, identity, connection);
    const newKey = randomBytes(32);
    const resealed = resealRow(keys, newKey, row);
    expect(resealed).toMatchObject({ identityHash: row.identityHash, keyId: keyIdOf(newKey), needsReconnect: true });
    expect(resealed.secret.equals(row.secret)).toBe(false);
    expect(decodeRow(new Map([[keyIdOf(newKey), newKey]]), resealed).apiKey).toBe('secret-api-key-123');
    expect(() => decodeRow(keys, resealed)).toThrow(KeyStoreCryptoError);
  });

  it('normalizes timestamps to UTC ISO and refuses unreadable ones', () => {
    expect(normalizeTimestamp('2026-01-01T01:00:00+01:00')).toBe('2026-01-01T00:00:00.000Z');
    expect(() => normalizeTimestamp('yesterday')).toThrow('connectedAt must be an ISO 8601 timestamp');
    expect(() => encodeRow(key, identity, { ...connection, connectedAt: 'x' })).toThrow(TypeError);
  });
});
