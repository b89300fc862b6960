import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config';
import {
  KEY_FILE_NAME,
  KeyStoreCryptoError,
  keyIdOf,
  open,
  parseEncryptionKey,
  resolveEncryptionKey,
  seal,
} from '../../shared/keystore/crypto';

describe('parseEncryptionKey', () => {
  const key = randomBytes(32);

  it('accepts 32 bytes as base64, URL-safe base64 and hex', () => {
    expect(parseEncryptionKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseEncryptionKey(`  ${key.toString('base64')}\n`).equals(key)).toBe(true);
  });

  it.each([
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['short hex', randomBytes(31).toString('hex')],
    ['a passphrase', 'correct horse battery staple!!'],
    ['empty', ''],
    ['base64 with junk', `${key.toString('base64')}$`],
  ])('rejects %s with a clear message that does not echo the value', (_label, value) => {
    let caught: unknown;
    try {
      parseEncryptionKey(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toMatch(/KEY_ENCRYPTION_KEY must be exactly 32 random bytes/);
    if (value.trim()) expect(message).not.toContain(value.trim());
  });
});

describe('seal / open', () => {
  const key = randomBytes(32);

  it('round-trips and uses a fresh IV every time', () => {
    const a = seal(key, 'secret-api-key', 'user-a');
    const b = seal(key, 'secret-api-key', 'user-a');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('secret-api-key'))).toBe(false);
    expect(open(key, a, 'user-a')).toBe('secret-api-key');
    expect(open(key, b, 'user-a')).toBe('secret-api-key');
  });

  it('refuses another identity (AAD), another key and any flipped bit', () => {
    const sealed = seal(key, 'secret-api-key', 'user-a');
    expect(() => open(key, sealed, 'user-b')).toThrow(KeyStoreCryptoError);
    expect(() => open(randomBytes(32), sealed, 'user-a')).toThrow(KeyStoreCryptoError);
    for (const index of [0, 5, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => open(key, tampered, 'user-a')).toThrow(KeyStoreCryptoError);
    }
    expect(() => open(key, sealed.subarray(0, 10), 'user-a')).toThrow(KeyStoreCryptoError);
  });

  it('derives a stable, non-secret key id', () => {
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(Buffer.from(key))).toBe(keyIdOf(key));
    expect(keyIdOf(randomBytes(32))).not.toBe(keyIdOf(key));
    expect(key.toString('hex')).not.toContain(keyIdOf(key));
  });
});

describe('resolveEncryptionKey', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'keystore-crypto-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses to run in production without KEY_ENCRYPTION_KEY', async () => {
    const dataDir = await tempDir();
    await expect(resolveEncryptionKey({ mode: 'production', dataDir })).rejects.toThrow(ConfigError);
    await expect(stat(path.join(dataDir, KEY_FILE_NAME))).rejects.toThrow();
  });

  it('uses KEY_ENCRYPTION_KEY when given, in either mode, and writes no file', async () => {
    const dataDir = await tempDir();
    const key = randomBytes(32);
    for (const mode of ['production', 'local'] as const) {
      const resolved = await resolveEncryptionKey({ mode, dataDir, keyEncryptionKey: key.toString('base64') });
      expect(resolved.equals(key)).toBe(true);
    }
    await expect(stat(path.join(dataDir, KEY_FILE_NAME))).rejects.toThrow();
  });

  it('in local mode generates a key file with mode 0600 once and reuses it', async () => {
    const dataDir = path.join(await tempDir(), 'nested', 'data');
    const first = await resolveEncryptionKey({ mode: 'local', dataDir });
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.length).toBe(32);
    expect(parseEncryptionKey(await readFile(file, 'utf8')).equals(first)).toBe(true);
    const again = await Promise.all([1, 2, 3].map(() => resolveEncryptionKey({ mode: 'local', dataDir })));
    for (const key of again) expect(key.equals(first)).toBe(true);
  });

  it('tightens a hand-made key file to 0600 and rejects a malformed one clearly', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, KEY_FILE_NAME);
    const key = randomBytes(32);
    await writeFile(file, key.toString('hex'), { mode: 0o644 });
    expect((await resolveEncryptionKey({ mode: 'local', dataDir })).equals(key)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFile(file, 'not a key');
    await expect(resolveEncryptionKey({ mode: 'local', dataDir })).rejects.toThrow(/must be exactly 32 random bytes/);
  });
});

describe('KeyStoreCryptoError', () => {
  it('tells the person in both languages without technical detail', () => {
    const error = new KeyStoreCryptoError('Stored connection was encrypted with another key (key id 0123456789abcdef)');
    expect(error.userMessage('en')).toMatch(/cannot be read/);
    expect(error.userMessage('de')).toMatch(/kann gerade nicht gelesen werden/);
    for (const locale of ['en', 'de'] as const) expect(error.userMessage(locale)).not.toContain('0123456789abcdef');
  });
});
