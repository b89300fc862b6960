/**
 * Encryption of stored InLoox keys: AES-256-GCM under KEY_ENCRYPTION_KEY, bound to the identity.
 *
 * Sealed format (one binary value): version byte (1) | IV (12 bytes, random per write) | auth tag (16) | ciphertext.
 * The identity's storage key is the GCM additional authenticated data, so a row copied onto another
 * person's row fails to decrypt instead of handing them someone else's key.
 * Every row also records the key id (a fingerprint of the encryption key) so a wrong or rotated key gives a
 * clear error and rotation can tell which rows are already under the new key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open as fsOpen, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type AppConfig } from '../config';
import { AppError } from '../errors/app-error';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'key-encryption.key';

/**
 * Raised when stored data cannot be decrypted. Carries no key material; the message is for operators' logs, and
 * the person is told their stored connection is unusable (an operator problem, not theirs).
 */
export class KeyStoreCryptoError extends AppError {
  constructor(message: string) {
    super('connection_unreadable', { detail: message });
    this.name = 'KeyStoreCryptoError';
  }
}

const KEY_FORMAT_HELP =
  'must be exactly 32 random bytes, encoded as base64 (44 characters) or hex (64 characters). ' +
  'Generate one with: openssl rand -base64 32';

/** Parses a 32-byte key given as hex or base64 (standard or URL-safe). The value never appears in errors. */
export function parseEncryptionKey(raw: string, name = 'KEY_ENCRYPTION_KEY'): Buffer {
  const text = raw.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    key = Buffer.from(text, 'hex');
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const decoded = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    // Round-trip check rejects strings Node would decode leniently (wrong padding, stray bits).
    const canonical = decoded.toString('base64').replace(/=+$/, '');
    if (canonical === text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')) key = decoded;
  }
  if (!key || key.length !== KEY_BYTES) throw new ConfigError(`${name} ${KEY_FORMAT_HELP}`);
  return key;
}

export function generateEncryptionKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Non-secret fingerprint of an encryption key, stored next to each row (16 hex characters). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('inloox-m365/key-id/v1').update(key).digest('hex').slice(0, 16);
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new KeyStoreCryptoError('Encryption key must be 32 bytes');
}

export function seal(key: Buffer, plaintext: string, associatedData: string): Buffer {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

export function open(key: Buffer, sealed: Buffer, associatedData: string): string {
  assertKey(key);
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) {
    throw new KeyStoreCryptoError('Stored connection has an unknown format');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const ciphertext = sealed.subarray(1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyStoreCryptoError('Stored connection failed its integrity check (wrong key, tampered or moved row)');
  }
}

/**
 * The key that encrypts stored InLoox keys. KEY_ENCRYPTION_KEY wins; production refuses to run without it;
 * local mode reads or creates `<dataDir>/key-encryption.key` (mode 0600).
 */
export async function resolveEncryptionKey(
  config: Pick<AppConfig, 'mode' | 'keyEncryptionKey' | 'dataDir'>,
): Promise<Buffer> {
  if (config.keyEncryptionKey) return parseEncryptionKey(config.keyEncryptionKey);
  if (config.mode === 'production') {
    throw new ConfigError(
      'KEY_ENCRYPTION_KEY is required in production (32 random bytes, base64). See docs/configuration.md.',
    );
  }
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // Write a complete temp file, then link it into place: a parallel start never sees a half-written key,
  // and link() fails with EEXIST instead of overwriting a key that already protects data.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fsOpen(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${generateEncryptionKey().toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  // Tighten permissions even if the file was created by hand with looser ones.
  await chmod(file, 0o600);
  return parseEncryptionKey(await readFile(file, 'utf8'), file);
}

/**
 * Local mode's other key files, for reading only: `key-encryption.key.new` (a rotation that committed its rows but
 * died before renaming the file) and `.previous` (the key before the last rotation). Missing files are skipped.
 */
export async function resolveFallbackKeys(config: Pick<AppConfig, 'keyEncryptionKey' | 'dataDir'>): Promise<Buffer[]> {
  if (config.keyEncryptionKey) return [];
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  const keys: Buffer[] = [];
  for (const candidate of [`${file}.new`, `${file}.previous`]) {
    const text = await readFile(candidate, 'utf8').catch(() => undefined);
    if (text !== undefined) keys.push(parseEncryptionKey(text, candidate));
  }
  return keys;
}
