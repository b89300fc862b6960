/**
 * A crashed instance's check is picked up again: two instances on one PostgreSQL with pg-boss; the first takes the
 * person's check and its process is killed (SIGKILL) while the check waits for InLoox; after the job's expiry the
 * second instance runs it, and the person gets the card exactly once. Short expiry and maintenance in this test only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../shared/db/postgres';
import { PgBossJobQueue } from '../../shared/notify/queue-pgboss';
import { CHECK_JOB } from '../../shared/notify/notifier';
import { assertValidCard } from '../helpers/cards';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';
import { until } from '../helpers/until';
import { cardText, startBotHarness, type BotHarness } from '../bot/harness';
import type { CrashInstanceSettings } from './children/crash-instance';
import { account, clock, INTERVAL_MS, notifierFor, proactiveCards } from './setup';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXPIRE_S = 2;

let postgres: StartedPostgres;
let bot: BotHarness;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  bot = await startBotHarness({ databaseUrl: postgres.url });
}, 120_000);
afterAll(async () => {
  await bot?.close();
  for (const pool of pools) await pool.end();
  await postgres?.stop();
});

function newPool(): pg.Pool {
  const pool = createPostgresPool(postgres.url);
  pools.push(pool);
  return pool;
}

describe('an instance crashing in the middle of a check (pg-boss)', () => {
  it('leaves the job to expire, another instance runs it, and the person gets the card once', async () => {
    const user = bot.newUser();
    await bot.connect(user, 'demo-key-ben');
    await bot.message('hello', { user });
    const log = bot.connectorLog.length;
    const time = clock(Date.now() + 2 * 60_000);
    const first = notifierFor(bot, time);
    await first.start({ timer: false });
    await first.runDue();
    await first.stop();
    expect((await bot.notify.get(user))?.snapshot).toBeDefined();
    account(bot, 'demo-key-ben').assign('Picked up after a crash', null);
    time.advance(INTERVAL_MS);

    // InLoox as the crashing instance sees it: takes the request and never answers.
    const held: Socket[] = [];
    const blackHole = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as AddressInfo).port;
    let child: ChildProcess | undefined;
    const survivor = notifierFor(bot, time, {
      queue: new PgBossJobQueue({
        pool: newPool(),
        expireInSeconds: EXPIRE_S,
        pollingIntervalSeconds: 0.5,
        maintenanceIntervalSeconds: 1,
      }),
    });
    try {
      const settings: CrashInstanceSettings = {
        databaseUrl: postgres.url,
        keyEncryptionKey: bot.encryptionKey.toString('base64'),
        inlooxBaseUrl: `http://127.0.0.1:${port}/api/odata/`,
        dataDir: bot.dataDir,
        now: time.now(),
        expireInSeconds: EXPIRE_S,
      };
      child = fork(path.join(HERE, 'children/crash-instance.ts'), [JSON.stringify(settings)], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      // The first instance has taken the job and its check is waiting for InLoox: kill it there.
      await until(() => held.length > 0, 60_000);
      const jobs = newPool();
      const states = async () =>
        (
          await jobs.query<{ state: string; retry_count: number }>(
            'SELECT state, retry_count FROM pgboss.job WHERE name = $1',
            [CHECK_JOB],
          )
        ).rows;
      expect(await states()).toEqual([{ state: 'active', retry_count: 0 }]);
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      expect(proactiveCards(bot, user, log)).toEqual([]);

      await survivor.start({ timer: false });
      await until(() => proactiveCards(bot, user, log).length > 0);
      // Time for a second card to show up, should there be one.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const cards = proactiveCards(bot, user, log);
      expect(cards).toHaveLength(1);
      await assertValidCard(cards[0]!);
      expect(cardText(cards[0])).toContain('Picked up after a crash');
      // The same job, run a second time after it expired, not a new one.
      expect(await states()).toEqual([{ state: 'completed', retry_count: 1 }]);
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await survivor.stop();
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  }, 120_000);
});
