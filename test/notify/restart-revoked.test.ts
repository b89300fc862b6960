import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, cardText, startBotHarness, type BotHarness } from '../bot/harness';
import { openNotifyStore } from '../../shared/notify';
import { account, clock, INTERVAL_MS, notifierFor, proactiveCards } from './setup';

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(async () => {
  await bot?.close();
});

async function person(apiKey: string) {
  const user = bot.newUser();
  await bot.connect(user, apiKey);
  await bot.message('hello', { user });
  return user;
}

describe('bad data never stops the others', () => {
  it('a revoked key pauses that person and tells them once; the others still get their cards', async () => {
    const log = bot.connectorLog.length;
    const revoked = await person('demo-key-ben');
    const fine = await person('demo-key-anna');
    const time = clock(Date.now() + 120_000);
    const notifier = notifierFor(bot, time);
    await notifier.start({ timer: false });
    await notifier.runDue();
    await bot.store.markNeedsReconnect(revoked);
    const anna = account(bot, 'demo-key-anna');
    anna.assign('Ohne Datum', null);
    // A task whose project is gone and whose date InLoox cannot read does not stop the check either.
    const data = bot.sandbox.data('demo-key-anna');
    const broken = anna.assign('Projekt gelöscht', null);
    data.put('Task', broken, { ...data.rawOne('Task', broken)!, ProjectId: '99999999-9999-4999-8999-999999999999' });
    time.advance(INTERVAL_MS);
    await notifier.runDue();
    time.advance(INTERVAL_MS);
    await notifier.runDue();

    const told = proactiveCards(bot, revoked, log);
    expect(told).toHaveLength(1);
    expect(cardText(told[0])).toContain('Notifications paused');
    expect(actionsOf(told[0]).map((a) => a.verb)).toEqual(['connect.show']);
    const annaCards = proactiveCards(bot, fine, log);
    expect(annaCards).toHaveLength(1);
    expect(cardText(annaCards[0])).toContain('Ohne Datum');
    expect(cardText(annaCards[0])).toContain('Projekt gelöscht');

    // Connecting again turns notifications back on, starting with a silent first check.
    await bot.connect(revoked, 'demo-key-ben');
    time.advance(INTERVAL_MS);
    await notifier.runDue();
    account(bot, 'demo-key-ben').assign('Back again', null);
    time.advance(INTERVAL_MS);
    await notifier.runDue();
    const after = proactiveCards(bot, revoked, log);
    expect(after).toHaveLength(2);
    expect(cardText(after[1])).toContain('Back again');
    await notifier.stop();
  });
});

describe('restart', () => {
  it('a card Teams could not take yet survives a restart and is sent exactly once', async () => {
    const log = bot.connectorLog.length;
    const user = await person('demo-key-ben');
    const time = clock(Date.now() + 120_000);
    const first = notifierFor(bot, time);
    await first.start({ timer: false });
    await first.runDue();
    account(bot, 'demo-key-ben').assign('Survives restart', null);
    bot.connectorStatus(() => ({ status: 429, retryAfter: '0' }));
    try {
      time.advance(INTERVAL_MS);
      await first.runDue();
    } finally {
      bot.connectorStatus(undefined);
    }
    await first.stop();
    expect(proactiveCards(bot, user, log)).toEqual([]);

    // A new process: its own connection to the same database.
    const store = await openNotifyStore({ databaseUrl: bot.databaseUrl });
    try {
      const second = notifierFor(bot, time, { store });
      await second.start({ timer: false });
      for (let i = 0; i < 3; i++) {
        time.advance(INTERVAL_MS);
        await second.runDue();
      }
      await second.stop();
    } finally {
      await store.close();
    }
    const cards = proactiveCards(bot, user, log);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain('Survives restart');
  });
});
