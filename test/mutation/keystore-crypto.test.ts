/** Key parsing, the sealed format and the key-file race of the key store's crypto, pinned to exact outcomes. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config';
import {
  KEY_FILE_NAME,
  KeyStoreCryptoError,
  keyIdOf,
  open,
  parseEncryptionKey,
  resolveEncryptionKey,
  resolveFallbackKeys,
  seal,
} from '../../shared/keystore/crypto';

const key = randomBytes(32);
/** 0xfb repeated: its base64 is '+/v7' repeated, so the URL-safe form has both '-' and '_' in it. */
const fixed = Buffer.alloc(32, 0xfb);

async function withDataDir<T>(run: (dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mutation-key-'));
  try {
    return await run(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('parseEncryptionKey', () => {
  it('refuses hex or base64 with anything before or after it', () => {
    const hex = key.toString('hex');
    const b64 = key.toString('base64');
    for (const raw of [`x${hex}`, `${hex}x`, `!${b64}`, `${b64}!`]) {
      expect(() => parseEncryptionKey(raw), raw).toThrow(ConfigError);
    }
    expect(parseEncryptionKey(` ${hex.toUpperCase()} `).equals(key)).toBe(true);
    expect(parseEncryptionKey(b64.replace(/=+$/, '')).equals(key)).toBe(true);
  });

  it('reads the URL-safe alphabet as the standard one', () => {
    const standard = fixed.toString('base64');
    expect(standard).toMatch(/\+/);
    expect(standard).toMatch(/\//);
    expect(parseEncryptionKey(fixed.toString('base64url')).equals(fixed)).toBe(true);
    expect(parseEncryptionKey(standard).equals(fixed)).toBe(true);
  });

  it('refuses 65 hex digits, although the last 64 of them are a key', () => {
    expect(() => parseEncryptionKey(`0${key.toString('hex')}`)).toThrow(ConfigError);
  });

  it('takes base64 padding left out, written once or twice, but not three times', () => {
    const bare = key.toString('base64').replace(/=+$/, '');
    for (const padding of ['', '=', '==']) expect(parseEncryptionKey(bare + padding).equals(key)).toBe(true);
    expect(() => parseEncryptionKey(`${bare}===`)).toThrow(ConfigError);
  });

  it('refuses base64 Node would only decode leniently (stray bits in the last character)', () => {
    const b64 = key.toString('base64'); // 43 characters + '=': the last character carries 2 unused bits
    const last = b64[42]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const stray = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(() => parseEncryptionKey(`${b64.slice(0, 42)}${stray}=`)).toThrow(ConfigError);
  });

  it('names the setting, never the value', () => {
    expect(() => parseEncryptionKey('short-secret', 'MY_KEY')).toThrow(/^MY_KEY /);
    try {
      parseEncryptionKey('short-secret');
    } catch (error) {
      expect((error as Error).message).toMatch(/^KEY_ENCRYPTION_KEY /);
      expect((error as Error).message).not.toContain('short-secret');
    }
  });
});

describe('sealed format', () => {
  it('derives the key id from a versioned hash, 16 hex characters', () => {
    const expected = createHash('sha256').update('inloox-m365/key-id/v1').update(key).digest('hex').slice(0, 16);
    expect(keyIdOf(key)).toBe(expected);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => seal(randomBytes(16), 'x', 'a')).toThrow('Encryption key must be 32 bytes');
    expect(() => open(randomBytes(31), seal(key, 'x', 'a'), 'a')).toThrow(KeyStoreCryptoError);
  });

  it('round-trips an empty text and non-ASCII text and associated data', () => {
    expect(open(key, seal(key, '', 'a'), 'a')).toBe('');
    expect(open(key, seal(key, 'Grüße €', 'Zuordnung ü'), 'Zuordnung ü')).toBe('Grüße €');
    expect(() => open(key, seal(key, 'x', 'Zuordnung ü'), 'Zuordnung u')).toThrow(KeyStoreCryptoError);
  });

  it('says which check failed: the format or the integrity', () => {
    const sealed = seal(key, 'secret', 'a');
    const format = 'Stored connection has an unknown format';
    expect(() => open(key, sealed.subarray(0, 28), 'a')).toThrow(format);
    const otherVersion = Buffer.from(sealed);
    otherVersion[0] = otherVersion[0]! + 1;
    expect(() => open(key, otherVersion, 'a')).toThrow(format);
    expect(() => open(randomBytes(32), sealed, 'a')).toThrow(
      'Stored connection failed its integrity check (wrong key, tampered or moved row)',
    );
    const error = (() => {
      try {
        open(key, sealed, 'b');
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.name).toBe('KeyStoreCryptoError');
  });
});

describe('resolveEncryptionKey', () => {
  it('leaves no file open behind it', async () => {
    await withDataDir(async (dataDir) => {
      const before = (await readdir('/proc/self/fd')).length;
      await resolveEncryptionKey({ mode: 'local', dataDir });
      await resolveEncryptionKey({ mode: 'local', dataDir });
      expect((await readdir('/proc/self/fd')).length).toBe(before);
    });
  });

  it('explains where to set the key in production', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mutation-key-'));
    try {
      await expect(resolveEncryptionKey({ mode: 'production', dataDir })).rejects.toThrow(
        'KEY_ENCRYPTION_KEY is required in production (32 random bytes, base64). See docs/configuration.md.',
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('parallel starts agree on one key file and leave no temp files', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mutation-key-'));
    try {
      const keys = await Promise.all(Array.from({ length: 4 }, () => resolveEncryptionKey({ mode: 'local', dataDir })));
      for (const other of keys) expect(other.equals(keys[0]!)).toBe(true);
      expect(await readdir(dataDir)).toEqual([KEY_FILE_NAME]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('resolveFallbackKeys', () => {
  const other = randomBytes(32);

  it('reads the interrupted rotation key first, then the previous key, and skips missing files', async () => {
    await withDataDir(async (dataDir) => {
      const file = path.join(dataDir, KEY_FILE_NAME);
      expect(await resolveFallbackKeys({ dataDir })).toEqual([]);
      await writeFile(`${file}.previous`, `${other.toString('base64')}\n`);
      expect(await resolveFallbackKeys({ dataDir })).toEqual([other]);
      await writeFile(`${file}.new`, key.toString('hex'));
      expect(await resolveFallbackKeys({ dataDir })).toEqual([key, other]);
    });
  });

  it('reads no file when KEY_ENCRYPTION_KEY is set', async () => {
    await withDataDir(async (dataDir) => {
      await writeFile(path.join(dataDir, `${KEY_FILE_NAME}.previous`), other.toString('base64'));
      expect(await resolveFallbackKeys({ dataDir, keyEncryptionKey: key.toString('base64') })).toEqual([]);
    });
  });

  it('names the malformed file, never its content', async () => {
    await withDataDir(async (dataDir) => {
      const broken = path.join(dataDir, `${KEY_FILE_NAME}.new`);
      await writeFile(broken, 'not-a-key');
      const error = await resolveFallbackKeys({ dataDir }).catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message.startsWith(`${broken} must be exactly 32 random bytes`)).toBe(true);
      expect((error as Error).message).not.toContain('not-a-key');
    });
  });
});
