import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, cardsOf, cardText, startBotHarness, type BotHarness } from '../bot/harness';
import { assertValidCard } from '../helpers/cards';
import { account, clock, notifierFor, proactiveCards } from './setup';

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(async () => {
  await bot?.close();
});

describe('daily digest', () => {
  it('comes at the chosen time in the person’s time zone, on weekdays, with overdue, today and this week', async () => {
    const data = bot.sandbox.data('demo-key-ben');
    const ben = account(bot, 'demo-key-ben');
    for (const task of data.raw('Task'))
      if (task.ContactId === ben.contactId) data.remove('Task', String(task.TaskItemId));
    const overdue = ben.assign('Overdue report', '2031-03-07T10:00:00Z');
    ben.assign('Today call', '2031-03-10T15:00:00Z');
    ben.assign('Week review', '2031-03-13T10:00:00Z');
    ben.assign('Later', '2031-03-20T10:00:00Z');
    ben.assign('Someday', null);

    const user = bot.newUser();
    await bot.connect(user, 'demo-key-ben');
    await bot.message('hello', { user, timeZone: 'Europe/Berlin' });
    const log = bot.connectorLog.length;
    const time = clock(Date.parse('2031-03-09T12:00:00Z')); // Sunday
    const notifier = notifierFor(bot, time);
    await notifier.start({ timer: false });
    await notifier.runDue();

    time.set('2031-03-10T07:29:00Z'); // Monday 08:29 in Berlin
    await notifier.runDue();
    expect(proactiveCards(bot, user, log)).toEqual([]);

    time.set('2031-03-10T07:35:00Z'); // 08:35: the first check after 08:30
    await notifier.runDue();
    const cards = proactiveCards(bot, user, log);
    expect(cards).toHaveLength(1);
    await assertValidCard(cards[0]);
    const text = cardText(cards[0]);
    expect(text).toContain('Your tasks today');
    expect(text).toMatch(/Overdue \(1\)[\s\S]*Overdue report[\s\S]*Due today \(1\)[\s\S]*Today call/);
    expect(text).toMatch(/Due this week \(1\)[\s\S]*Week review/);
    expect(text).not.toContain('Later');
    expect(text).not.toContain('Someday');
    expect(actionsOf(cards[0])).toContainEqual({ verb: 'task.complete', title: 'Done', data: { taskId: overdue } });

    time.set('2031-03-10T12:00:00Z'); // later the same day: no second digest
    await notifier.runDue();
    time.set('2031-03-15T07:35:00Z'); // Saturday: weekdays only
    await notifier.runDue();
    time.set('2031-03-16T07:35:00Z'); // Sunday
    await notifier.runDue();
    expect(proactiveCards(bot, user, log)).toHaveLength(1);

    // Every day at 07:00: the Sunday digest comes at 07:05 Berlin (06:05 UTC).
    await bot.execute(
      'notify.save',
      { assignments: 'true', dueChanges: 'true', digest: 'true', digestTime: '07:00', weekdaysOnly: 'false' },
      { user },
    );
    time.set('2031-03-22T22:00:00Z');
    await notifier.runDue();
    time.set('2031-03-23T06:05:00Z');
    await notifier.runDue();
    expect(proactiveCards(bot, user, log)).toHaveLength(2);

    // Nothing due: no digest.
    for (const task of data.raw('Task'))
      if (task.ContactId === ben.contactId) data.remove('Task', String(task.TaskItemId));
    time.set('2031-03-24T06:05:00Z');
    await notifier.runDue();
    expect(proactiveCards(bot, user, log)).toHaveLength(2);
    await notifier.stop();
  });
});

describe('notification settings', () => {
  it('shows and saves each kind and the digest time, in English', async () => {
    const user = bot.newUser();
    const [card] = cardsOf(await bot.message('notifications', { user }));
    const text = cardText(card);
    expect(text).toContain('New tasks assigned to me');
    expect(text).toContain('Daily digest of my due tasks');
    expect(JSON.stringify(card)).toContain('"value":"08:30"');
    const saved = await bot.execute(
      'notify.save',
      { assignments: 'false', dueChanges: 'true', digest: 'true', digestTime: '07:15', weekdaysOnly: 'false' },
      { user },
    );
    expect(cardText(saved)).toContain('Notification settings saved.');
    expect((await bot.notify.get(user))?.settings).toEqual({
      assignments: false,
      dueChanges: true,
      digest: true,
      digestTime: '07:15',
      weekdaysOnly: false,
    });
  });

  it('speaks German and refuses a bad time without changing anything', async () => {
    const user = bot.newUser();
    const [card] = cardsOf(await bot.message('benachrichtigungen', { user, locale: 'de-DE' }));
    expect(cardText(card)).toContain('Neue Aufgaben, die mir zugewiesen werden');
    const refused = await bot.execute(
      'notify.save',
      { assignments: 'false', digestTime: '25:99' },
      { user, locale: 'de-DE' },
    );
    expect(cardText(refused)).toContain('Geben Sie die Uhrzeit als HH:MM ein');
    expect((await bot.notify.get(user))?.settings.assignments).toBe(true);
    const english = await bot.execute('notify.save', { digestTime: 'soon' }, { user });
    expect(cardText(english)).toContain('Enter the digest time as HH:MM');
  });

  it('sends no assignment card when assignments are off, and no flood after switching back on', async () => {
    const user = bot.newUser();
    await bot.connect(user, 'demo-key-ben');
    await bot.message('hello', { user });
    const log = bot.connectorLog.length;
    const time = clock(Date.now() + 120_000);
    const notifier = notifierFor(bot, time);
    await notifier.start({ timer: false });
    await notifier.runDue();
    const off = { assignments: 'false', dueChanges: 'false', digest: 'false' };
    await bot.execute('notify.save', off, { user });
    const ben = account(bot, 'demo-key-ben');
    ben.assign('While off', null);
    time.advance(300_000);
    await notifier.runDue();
    await bot.execute('notify.save', { assignments: 'true' }, { user });
    time.advance(300_000);
    await notifier.runDue();
    expect(proactiveCards(bot, user, log)).toEqual([]);
    ben.assign('After switching on', null);
    time.advance(300_000);
    await notifier.runDue();
    const cards = proactiveCards(bot, user, log);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain('After switching on');
    expect(cardText(cards[0])).not.toContain('While off');
    await notifier.stop();
  });

  it('tells a person who has no chat with the bot yet where to start', async () => {
    const user = bot.newUser();
    const card = await bot.execute(
      'notify.settings',
      {},
      { user, extra: { conversation: { id: 'x', conversationType: 'channel', tenantId: user.tenantId } } },
    );
    expect(cardText(card)).toContain('Send me a message in our personal chat first');
  });
});
