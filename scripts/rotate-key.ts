/**
 * Re-encrypts every stored InLoox key under a new KEY_ENCRYPTION_KEY, in one transaction (all or nothing).
 *
 *   npm run rotate-key -- --new-key <base64 or hex of 32 bytes>
 *   NEW_KEY_ENCRYPTION_KEY=<…> npm run rotate-key
 *
 * Reads DATABASE_URL / KEY_ENCRYPTION_KEY / DATA_DIR like the server. Stop every server instance first, then
 * restart them with the new KEY_ENCRYPTION_KEY. In local mode without KEY_ENCRYPTION_KEY the key file in the
 * data folder is replaced too. Prints counts and key ids (fingerprints), never keys.
 */
import { link, open as fsOpen, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type AppConfig } from '../shared/config';
import { createKeyStore, keyIdOf, parseEncryptionKey, resolveEncryptionKey } from '../shared/keystore';
import { KEY_FILE_NAME } from '../shared/keystore/crypto';

export interface RotationResult {
  rotated: number;
  total: number;
  oldKeyId: string;
  newKeyId: string;
  keyFileUpdated: boolean;
}

async function writeKeyFile(file: string, key: Buffer): Promise<void> {
  const handle = await fsOpen(file, 'w', 0o600);
  try {
    await handle.writeFile(`${key.toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Rotates the store named by `config` to `newKey`. */
export async function rotateEncryptionKey(
  config: Pick<AppConfig, 'mode' | 'keyEncryptionKey' | 'dataDir' | 'databaseUrl'>,
  newKey: Buffer,
): Promise<RotationResult> {
  const oldKey = await resolveEncryptionKey(config);
  if (keyIdOf(oldKey) === keyIdOf(newKey)) throw new ConfigError('The new key is the same as the current key');
  const usesKeyFile = !config.keyEncryptionKey;
  const keyFile = path.join(config.dataDir, KEY_FILE_NAME);
  const pendingFile = `${keyFile}.new`;
  // Local mode: the new key is safely on disk before any row depends on it.
  if (usesKeyFile) await writeKeyFile(pendingFile, newKey);

  const store = createKeyStore({ databaseUrl: config.databaseUrl, encryptionKey: oldKey });
  try {
    await store.init();
    const rotated = await store.rotate(newKey);
    const total = await store.count();
    if (usesKeyFile) {
      // Keep the previous key next to it until the operator removes it; rename is atomic.
      await unlink(`${keyFile}.previous`).catch(() => undefined);
      await link(keyFile, `${keyFile}.previous`).catch(() => undefined);
      await rename(pendingFile, keyFile);
    }
    return { rotated, total, oldKeyId: keyIdOf(oldKey), newKeyId: keyIdOf(newKey), keyFileUpdated: usesKeyFile };
  } catch (error) {
    if (usesKeyFile) await unlink(pendingFile).catch(() => undefined);
    throw error;
  } finally {
    await store.close();
  }
}

function newKeyFromArgs(argv: string[], env: NodeJS.ProcessEnv): Buffer {
  let raw: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--new-key') raw = argv[++index];
    else if (arg.startsWith('--new-key=')) raw = arg.slice('--new-key='.length);
    else
      throw new ConfigError(`Unknown argument "${arg.startsWith('-') ? arg : '…'}". Usage: rotate-key --new-key <key>`);
  }
  raw ??= env.NEW_KEY_ENCRYPTION_KEY;
  if (!raw?.trim()) {
    throw new ConfigError(
      'Give the new key with --new-key <key> or NEW_KEY_ENCRYPTION_KEY (generate one with: openssl rand -base64 32)',
    );
  }
  return parseEncryptionKey(raw, 'The new key');
}

async function main(): Promise<void> {
  try {
    const newKey = newKeyFromArgs(process.argv.slice(2), process.env);
    const config = loadConfig();
    const backend = /^postgres(ql)?:\/\//i.test(config.databaseUrl) ? 'PostgreSQL' : `SQLite (${config.databaseUrl})`;
    const result = await rotateEncryptionKey(config, newKey);
    console.log(`Key store: ${backend}`);
    console.log(`Re-encrypted ${result.rotated} of ${result.total} stored connections.`);
    console.log(`Key id ${result.oldKeyId} -> ${result.newKeyId}.`);
    if (result.keyFileUpdated) {
      console.log(
        `Updated ${path.join(config.dataDir, KEY_FILE_NAME)} (previous key kept as ${KEY_FILE_NAME}.previous).`,
      );
    } else {
      console.log('Now set KEY_ENCRYPTION_KEY to the new key on every server instance and restart them.');
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    console.error(`Key rotation failed: ${message}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
