/**
 * Re-encrypts every stored InLoox key under a new KEY_ENCRYPTION_KEY, in one transaction (all or nothing).
 *
 *   NEW_KEY_ENCRYPTION_KEY=<base64 or hex of 32 bytes> npm run rotate-key
 *
 * The new key comes from the environment only: on the command line it would sit in the shell history and be
 * visible to every user of the machine in the process list.
 *
 * Reads DATABASE_URL / KEY_ENCRYPTION_KEY / DATA_DIR like the server. Stop every server instance first, then
 * restart them with the new KEY_ENCRYPTION_KEY. In local mode without KEY_ENCRYPTION_KEY the key file in the
 * data folder is replaced too: the new key goes to `key-encryption.key.new` before any row depends on it, and that
 * file is only removed when nothing was committed; the server reads with `.new` and `.previous` as fallbacks, so a
 * crash between the database commit and the rename loses nothing. Prints counts and key ids, never keys.
 */
import { link, open as fsOpen, readFile, rename, unlink } from 'node:fs/promises';
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
  if (usesKeyFile) {
    // An earlier run may have committed rows under the key in `.new` and died before the rename: that file can be
    // the only copy of the key those rows need, so it is never replaced by another key.
    const pending = await readFile(pendingFile, 'utf8').catch(() => undefined);
    if (pending !== undefined && keyIdOf(parseEncryptionKey(pending, pendingFile)) !== keyIdOf(newKey)) {
      throw new ConfigError(
        `${pendingFile} holds the key of an unfinished rotation. Finish it first: run again with that key as ` +
          'NEW_KEY_ENCRYPTION_KEY (the file contains it).',
      );
    }
    // The new key is safely on disk before any row depends on it.
    if (pending === undefined) await writeKeyFile(pendingFile, newKey);
  }

  const store = createKeyStore({ databaseUrl: config.databaseUrl, encryptionKey: oldKey });
  let committed = false;
  try {
    await store.init();
    const rotated = await store.rotate(newKey);
    committed = true;
    const total = await store.count();
    if (usesKeyFile) {
      // Keep the previous key next to it until the operator removes it; rename is atomic.
      await unlink(`${keyFile}.previous`).catch(() => undefined);
      await link(keyFile, `${keyFile}.previous`).catch(() => undefined);
      await rename(pendingFile, keyFile);
    }
    return { rotated, total, oldKeyId: keyIdOf(oldKey), newKeyId: keyIdOf(newKey), keyFileUpdated: usesKeyFile };
  } catch (error) {
    // Before the commit no row needs the new key; after it, `.new` may be its only copy and stays.
    if (usesKeyFile && !committed && !(await rowsUnder(config.databaseUrl, oldKey, newKey))) {
      await unlink(pendingFile).catch(() => undefined);
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** Whether any stored row is sealed under `key` (then its key file must not be deleted). */
async function rowsUnder(databaseUrl: string, someKey: Buffer, key: Buffer): Promise<boolean> {
  const store = createKeyStore({ databaseUrl, encryptionKey: someKey });
  try {
    await store.init();
    return (await store.foreignKeyIds()).includes(keyIdOf(key));
  } catch {
    return true; // unknown: keep the file
  } finally {
    await store.close();
  }
}

function newKeyFromEnvironment(argv: string[], env: NodeJS.ProcessEnv): Buffer {
  if (argv.length > 0) {
    throw new ConfigError(
      'rotate-key takes no arguments: give the new key as NEW_KEY_ENCRYPTION_KEY (a key on the command line ends up ' +
        'in the shell history and the process list).',
    );
  }
  const raw = env.NEW_KEY_ENCRYPTION_KEY;
  if (!raw?.trim()) {
    throw new ConfigError('Give the new key as NEW_KEY_ENCRYPTION_KEY (generate one with: openssl rand -base64 32)');
  }
  return parseEncryptionKey(raw, 'NEW_KEY_ENCRYPTION_KEY');
}

async function main(): Promise<void> {
  try {
    const newKey = newKeyFromEnvironment(process.argv.slice(2), process.env);
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
