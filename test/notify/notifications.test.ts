import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, cardText, startBotHarness, type BotHarness } from '../bot/harness';
import { assertValidCard } from '../helpers/cards';
import { account, clock, INTERVAL_MS, notifierFor, proactiveCards, type Clock } from './setup';
import type { Notifier } from '../../shared/notify/notifier';
import { createInLooxClientFactory } from '../../shared/inloox/client';

let bot: BotHarness;

beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(async () => {
  await bot?.close();
});

/** A person connected in Teams with `apiKey`, whose first check (the baseline) has run. */
async function connectedPerson(apiKey: string, locale = 'en-US') {
  const user = bot.newUser();
  await bot.connect(user, apiKey);
  await bot.message('hello', { user, locale });
  const time = clock(Date.now() + 2 * 60_000);
  const notifier = notifierFor(bot, time);
  await notifier.start({ timer: false });
  await notifier.runDue();
  return { user, time, notifier };
}

async function nextCheck(notifier: Notifier, time: Clock) {
  time.advance(INTERVAL_MS);
  await notifier.runDue();
}

/** Runs the next check and returns the one valid card it sent the person (since connector log entry `log`). */
async function onlyCardOfNextCheck(
  { user, time, notifier }: Awaited<ReturnType<typeof connectedPerson>>,
  log: number,
): Promise<Record<string, unknown>> {
  await nextCheck(notifier, time);
  const cards = proactiveCards(bot, user, log);
  expect(cards).toHaveLength(1);
  await assertValidCard(cards[0]!);
  return cards[0]!;
}

describe('new assignments', () => {
  it('sends nothing at the first check, then one card per new assignment with task, project, due, who and actions', async () => {
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-ben');
    expect(proactiveCards(bot, user, log)).toEqual([]);
    const ben = account(bot, 'demo-key-ben');
    const taskId = ben.assign('Review launch plan', '2031-03-14T12:00:00Z');
    const card = await onlyCardOfNextCheck({ user, time, notifier }, log);
    const text = cardText(card);
    expect(text).toContain('New task assigned to you');
    expect(text).toContain('Review launch plan');
    expect(text).toContain(ben.projectName);
    expect(text).toContain('14 Mar 2031');
    expect(text).toContain(ben.colleagueName);
    expect(actionsOf(card)).toContainEqual({ verb: 'task.complete', title: 'Done', data: { taskId } });
    expect(actionsOf(card)).toContainEqual({ verb: 'timer.start', title: 'Start timer', data: { taskId } });
    expect(JSON.stringify(card)).toContain(`/task/${taskId}`);
    // Nothing new: nothing sent.
    await nextCheck(notifier, time);
    expect(proactiveCards(bot, user, log)).toHaveLength(1);
    await notifier.stop();
  });

  it('groups several new assignments into one card and ignores tasks the person assigned to themselves', async () => {
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-ben');
    const ben = account(bot, 'demo-key-ben');
    ben.assign('Group A', null);
    ben.assign('Group B', '2031-01-01T09:00:00Z');
    ben.assign('Group C', '2031-01-02T09:00:00Z');
    ben.assign('My own reminder', null, ben.contactId);
    const card = await onlyCardOfNextCheck({ user, time, notifier }, log);
    const text = cardText(card);
    expect(text).toContain('3 new tasks assigned to you');
    for (const name of ['Group A', 'Group B', 'Group C']) expect(text).toContain(name);
    expect(text).not.toContain('My own reminder');
    expect(text).toContain('no date');
    expect(actionsOf(card).filter((a) => a.verb === 'task.complete')).toHaveLength(3);
    await notifier.stop();
  });

  it('writes German cards to a German-speaking person', async () => {
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-anna', 'de-DE');
    account(bot, 'demo-key-anna').assign('Angebot prüfen', '2031-03-14T12:00:00Z');
    const card = await onlyCardOfNextCheck({ user, time, notifier }, log);
    const text = cardText(card);
    expect(text).toContain('Neue Aufgabe für Sie');
    expect(text).toContain('Zugewiesen von');
    expect(text).toContain('14.03.2031');
    await notifier.stop();
  });
});

describe('a colleague assigns through InLoox', () => {
  it('Emily (her own key in Anna’s account) assigns a task to Anna: Anna gets the card naming Emily', async () => {
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-anna', 'de-DE');
    const anna = account(bot, 'demo-key-anna');
    const emily = createInLooxClientFactory({
      baseUrl: bot.sandboxBaseUrl,
      rateLimit: { calls: 100, windowMs: 60_000 },
    })('demo-key-emily');
    const task = await emily.createTask({
      Name: 'Budget freigeben',
      ProjectId: anna.projectId,
      ContactId: anna.contactId,
    });
    const card = await onlyCardOfNextCheck({ user, time, notifier }, log);
    expect(cardText(card)).toContain('Budget freigeben');
    expect(cardText(card)).toContain('Emily Clarke');
    expect(actionsOf(card)).toContainEqual({
      verb: 'task.complete',
      title: 'Erledigt',
      data: { taskId: task.TaskItemId },
    });
    await notifier.stop();
  });
});

describe('due date moved', () => {
  it('says from when to when', async () => {
    const ben = account(bot, 'demo-key-ben');
    const taskId = ben.assign('Moving target', '2031-05-04T12:00:00Z');
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-ben');
    ben.moveDue(taskId, '2031-05-11T12:00:00Z');
    const card = await onlyCardOfNextCheck({ user, time, notifier }, log);
    const text = cardText(card);
    expect(text).toContain('Due date moved');
    expect(text).toContain('Moving target');
    expect(text).toContain('4 May 2031 → 11 May 2031');
    await notifier.stop();
  });
});

describe('uninstall and Teams refusing', () => {
  it('forgets the conversation when the app is uninstalled, and sends nothing more', async () => {
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-ben');
    const { status } = await bot.post({
      type: 'installationUpdate',
      action: 'remove',
      channelId: 'msteams',
      serviceUrl: bot.serviceUrl,
      from: { id: `29:${user.objectId}`, aadObjectId: user.objectId },
      recipient: { id: '28:inloox-bot' },
      conversation: { id: `a:${user.objectId}`, conversationType: 'personal', tenantId: user.tenantId },
      channelData: { tenant: { id: user.tenantId } },
    });
    expect(status).toBe(200);
    expect(await bot.notify.get(user)).toBeUndefined();
    account(bot, 'demo-key-ben').assign('After uninstall', null);
    await nextCheck(notifier, time);
    expect(proactiveCards(bot, user, log)).toEqual([]);
    await notifier.stop();
  });

  it('forgets the conversation when Teams answers 403 (the app was removed)', async () => {
    const { user, time, notifier } = await connectedPerson('demo-key-ben');
    account(bot, 'demo-key-ben').assign('Refused', null);
    bot.connectorStatus(() => ({ status: 403 }));
    try {
      await nextCheck(notifier, time);
    } finally {
      bot.connectorStatus(undefined);
    }
    expect(await bot.notify.get(user)).toBeUndefined();
    await notifier.stop();
  });

  it('waits out a 429 per Retry-After and delivers the card once', async () => {
    const log = bot.connectorLog.length;
    const { user, time, notifier } = await connectedPerson('demo-key-ben');
    account(bot, 'demo-key-ben').assign('Throttled once', null);
    let refusals = 0;
    bot.connectorStatus(() => (refusals++ < 2 ? { status: 429, retryAfter: '0' } : undefined));
    try {
      await nextCheck(notifier, time);
    } finally {
      bot.connectorStatus(undefined);
    }
    expect(refusals).toBe(3);
    const cards = proactiveCards(bot, user, log);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toContain('Throttled once');
    await notifier.stop();
  });
});
