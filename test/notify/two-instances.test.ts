import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, startBotHarness, type BotHarness, type TeamsUser } from '../bot/harness';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';
import { until } from '../helpers/until';
import { createPostgresPool } from '../../shared/db/postgres';
import { PgBossJobQueue } from '../../shared/notify/queue-pgboss';
import type { Notifier } from '../../shared/notify/notifier';
import type pg from 'pg';
import { account, clock, INTERVAL_MS, notifierFor, proactiveCards } from './setup';

let postgres: StartedPostgres;
let one: BotHarness;
let two: BotHarness;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  one = await startBotHarness({ databaseUrl: postgres.url });
  two = await startBotHarness({ sameDataAs: one });
}, 120_000);
afterAll(async () => {
  await two?.close();
  await one?.close();
  for (const pool of pools) await pool.end();
  await postgres?.stop();
});

describe('two instances on one PostgreSQL (pg-boss)', () => {
  it('check each person once and send each card once', async () => {
    const people: { user: TeamsUser; bot: BotHarness; key: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const bot = i % 2 ? two : one;
      const key = i % 3 ? 'demo-key-ben' : 'demo-key-anna';
      const user = bot.newUser();
      await bot.connect(user, key);
      await bot.message('hello', { user });
      people.push({ user, bot, key });
    }
    const time = clock(Date.now() + 120_000);
    const notifiers: Notifier[] = [one, two].map((bot) => {
      const pool = createPostgresPool(postgres.url);
      pools.push(pool);
      return notifierFor(bot, time, { queue: new PgBossJobQueue({ pool, pollingIntervalSeconds: 0.5 }) });
    });
    await Promise.all(notifiers.map((n) => n.start({ timer: false })));
    try {
      await Promise.all(notifiers.map((n) => n.tick()));
      await until(async () =>
        (await Promise.all(people.map(async (p) => (await one.notify.get(p.user))?.snapshot))).every(Boolean),
      );
      account(one, 'demo-key-ben').assign('Shared news B', null);
      account(one, 'demo-key-anna').assign('Shared news A', null);
      time.advance(INTERVAL_MS);
      await Promise.all(notifiers.map((n) => n.tick()));
      const cards = () => people.map((p) => proactiveCards(p.bot, p.user));
      await until(() => cards().every((list) => list.length >= 1));
      // Time for a duplicate to show up, should there be one.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (const [i, list] of cards().entries()) {
        expect(list).toHaveLength(1);
        expect(cardText(list[0])).toContain(people[i]!.key === 'demo-key-ben' ? 'Shared news B' : 'Shared news A');
      }
      // Both ticked again at once within the same interval: nobody is checked twice.
      await Promise.all(notifiers.map((n) => n.tick()));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(cards().every((list) => list.length === 1)).toBe(true);
    } finally {
      await Promise.all(notifiers.map((n) => n.stop()));
    }
  }, 120_000);
});
