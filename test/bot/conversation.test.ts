/** Connecting and every chat command, over HTTP against the real app, sandbox and key store, in English and German. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '../../sandbox/server';
import { logger } from '../../server/telemetry/logger';
import { assertValidCard } from '../helpers/cards';
import {
  actionsOf,
  cardText,
  cardsOf,
  startBotHarness,
  seedDatedProjects,
  type BotHarness,
  type TeamsUser,
} from './harness';

let bot: BotHarness;
const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;
const ANNA = DEMO_USERS.find((u) => u.firstName === 'Anna')!;

beforeAll(async () => {
  bot = await startBotHarness();
});
afterAll(async () => bot?.close());

async function onlyCard(activities: Record<string, unknown>[]): Promise<Record<string, unknown>> {
  const cards = cardsOf(activities);
  expect(cards).toHaveLength(1);
  await assertValidCard(cards[0]);
  return cards[0]!;
}

async function say(text: string, user: TeamsUser, locale = 'en-US') {
  return onlyCard(await bot.message(text, { user, locale }));
}

describe('connecting', () => {
  it('welcomes on install with a Connect action', async () => {
    const user = bot.newUser();
    const { status, body } = await bot.post({
      type: 'conversationUpdate',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:1/',
      deliveryMode: 'expectReplies',
      locale: 'de-DE',
      from: { id: `29:${user.objectId}`, aadObjectId: user.objectId },
      recipient: { id: '28:inloox-bot' },
      conversation: { id: `a:${user.objectId}`, conversationType: 'personal', tenantId: user.tenantId },
      membersAdded: [{ id: '28:inloox-bot' }],
    });
    expect(status).toBe(200);
    const card = await onlyCard((body as { activities: Record<string, unknown>[] }).activities);
    expect(cardText(card)).toContain('Willkommen bei InLoox für Teams');
    expect(actionsOf(card).map((a) => a.verb)).toContain('connect.show');
  });

  it('greets a person who speaks first and offers to connect', async () => {
    const card = await say('hi', bot.newUser());
    expect(cardText(card)).toContain('Welcome to InLoox for Teams');
    expect(actionsOf(card)[0]).toMatchObject({ verb: 'connect.show', title: 'Connect' });
  });

  it('shows a password input with how-to, connects, names the InLoox user and never echoes the key', async () => {
    const user = bot.newUser();
    const card = await say('connect', user);
    const input = (card.body as Record<string, unknown>[]).find((e) => e.type === 'Input.Text')!;
    expect(input).toMatchObject({ id: 'apiKey', style: 'password', isRequired: true, label: 'Personal access token' });
    expect(cardText(card)).toContain('Personal Access Tokens');

    const connected = await bot.connect(user, BEN.apiKey);
    expect(connected.statusCode).toBe(200);
    await assertValidCard(connected.value);
    expect(cardText(connected.value)).toContain('You are connected as Ben Carter');
    expect(JSON.stringify(connected)).not.toContain(BEN.apiKey);
    expect(
      (await bot.connections.status({ tenantId: user.tenantId, objectId: user.objectId }))?.inlooxDisplayName,
    ).toBe('Ben Carter');
  });

  it('connects through the Action.Submit fallback too, replacing the card in place without the key', async () => {
    const user = bot.newUser();
    const before = bot.connectorLog.length;
    const { status } = await bot.submit(
      { verb: 'connect.submit', apiKey: BEN.apiKey },
      { user, replyToId: 'connect-card-1', locale: 'de-DE' },
    );
    expect(status).toBe(200);
    const sent = bot.connectorLog.slice(before);
    expect(sent.map((entry) => [entry.method, entry.activityId])).toEqual([['PUT', 'connect-card-1']]);
    const card = (sent[0]!.activity.attachments as { content: unknown }[])[0]!.content;
    await assertValidCard(card);
    expect(cardText(card)).toContain('Sie sind verbunden als Ben Carter');
    expect(JSON.stringify(sent)).not.toContain(BEN.apiKey);
  });

  it('refuses a wrong key with the connect card again, without the key', async () => {
    const user = bot.newUser();
    const answer = await bot.connect(user, 'wrong-key-123456');
    await assertValidCard(answer.value);
    expect(cardText(answer.value)).toContain('InLoox did not accept this token');
    expect(JSON.stringify(answer)).not.toContain('wrong-key-123456');
    expect(await bot.connections.status({ tenantId: user.tenantId, objectId: user.objectId })).toBeUndefined();
  });

  it('refuses a key typed into the chat with advice and never logs it', async () => {
    const key = 'Zq8vN3xK9pL2mR7tW4yB6cD1fG5hJ0s';
    const logged: string[] = [];
    const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      }),
    );
    // Server logs are JSON lines on stdout; capture them at every level.
    const level = logger.level;
    logger.level = 'debug';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      const user = bot.newUser();
      const card = await say(key, user);
      expect(cardText(card)).toContain('looks like an access token');
      expect(JSON.stringify(card)).not.toContain(key);
      const de = await say(`mein token ${key}`, user, 'de-DE');
      expect(cardText(de)).toContain('Bitte keine Token im Chat senden');
      expect(await bot.connections.status({ tenantId: user.tenantId, objectId: user.objectId })).toBeUndefined();
    } finally {
      spies.forEach((spy) => spy.mockRestore());
      stdout.mockRestore();
      logger.level = level;
    }
    expect(logged.join('\n')).toContain('"event":"bot_turn"');
    expect(logged.join('\n')).not.toContain(key);
  });

  it('disconnects, and then every InLoox command answers with the connect card (en and de)', async () => {
    const user = bot.newUser();
    await bot.connect(user, BEN.apiKey);
    const gone = await say('disconnect', user);
    expect(cardText(gone)).toContain('Your InLoox token was removed');
    const again = await say('trennen', user, 'de-DE');
    expect(cardText(again)).toContain('Sie waren nicht verbunden');
    for (const command of [
      'projects',
      'project Website',
      'tasks',
      'my tasks',
      'task CMS',
      'new task',
      'new project',
      'more',
    ]) {
      const card = await say(command, user);
      if (command === 'more') {
        expect(cardText(card)).toContain('nothing more');
        continue;
      }
      expect(cardText(card), command).toContain('You are not connected to InLoox yet');
      expect((card.body as Record<string, unknown>[]).some((e) => e.id === 'apiKey')).toBe(true);
    }
    for (const command of ['projekte', 'meine aufgaben', 'neue aufgabe', 'neues projekt', 'aufgaben']) {
      expect(cardText(await say(command, user, 'de-DE')), command).toContain(
        'Sie sind noch nicht mit InLoox verbunden',
      );
    }
  });

  it('answers activities without a Microsoft 365 identity clearly', async () => {
    const replies = await bot.message('projects', { user: { tenantId: '', objectId: '', name: 'x' } });
    const card = await onlyCard(replies);
    expect(cardText(card)).toContain('could not tell who you are');
  });
});

describe('commands (connected)', () => {
  let en: TeamsUser;
  let de: TeamsUser;
  beforeAll(async () => {
    en = bot.newUser('Ben');
    de = bot.newUser('Anna');
    await bot.connect(en, BEN.apiKey);
    await bot.connect(de, ANNA.apiKey);
  });

  it('help and hilfe list the commands in the right language', async () => {
    expect(cardText(await say('help', en))).toContain('my tasks');
    const card = await say('hilfe', de, 'de-DE');
    expect(cardText(card)).toContain('meine aufgaben');
    expect(cardText(card)).toContain('Was ich kann');
  });

  it('unknown text gets a short help with the closest command', async () => {
    const card = await say('projcts', en);
    expect(cardText(card)).toContain('Did you mean "projects"?');
    const card2 = await say('aufgabn', de, 'de-DE');
    expect(cardText(card2)).toContain('Meinten Sie „aufgaben“?');
  });

  it('projects: newest first, searchable, with paging by "more" and the More button', async () => {
    seedDatedProjects(bot, BEN.apiKey, 'Paging project', 2030);
    const first = await say('projects paging', en);
    const text = cardText(first);
    expect(text).toContain('Projects matching "paging"');
    expect(text.indexOf('Paging project 12')).toBeLessThan(text.indexOf('Paging project 11'));
    expect(text).not.toContain('Paging project 04');
    const more = actionsOf(first).find((a) => a.verb === 'projects.list')!;
    expect(more.data).toEqual({ search: 'paging', skip: 8 });
    const second = await say('more', en);
    expect(cardText(second)).toContain('Paging project 04');
    expect(cardText(second)).toContain('Paging project 01');
    expect(actionsOf(second).some((a) => a.verb === 'projects.list')).toBe(false);
    expect(cardText(await say('more', en))).toContain('nothing more');
    const viaButton = await bot.execute('projects.list', more.data, { user: en });
    await assertValidCard(viaButton);
    expect(cardText(viaButton)).toContain('Paging project 01');
  });

  it('projekte in German with German dates', async () => {
    const card = await say('projekte', de, 'de-DE');
    expect(cardText(card)).toContain('Projekte');
    expect(cardText(card)).toMatch(/\d{2}\.\d{2}\.\d{4}/);
  });

  it('project <name or number> shows details: dates, status, progress, manager, members, open tasks, actions', async () => {
    const card = await say('project Website Relaunch', en);
    const text = cardText(card);
    for (const expected of [
      'Website Relaunch',
      'Start',
      'End',
      'Progress',
      'Manager',
      'Members',
      'Open tasks',
      'Set up CMS',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Define sitemap');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(
      expect.arrayContaining([
        'project.addMember',
        'project.comment',
        'project.edit',
        'project.archive',
        'project.delete',
        'task.show',
      ]),
    );
    expect(card.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'project.show' } });
    const byNumber = await say('projekt 2026-001', de, 'de-DE');
    expect(cardText(byNumber)).toContain('Projekt 2026-001');
    expect(cardText(byNumber)).toContain('Offene Aufgaben');
    expect(cardText(await say('project does-not-exist-xyz', en))).toContain('No project matches');
  });

  it('tasks [text] and my tasks: open tasks, mine by due date', async () => {
    const all = cardText(await say('tasks', en));
    expect(all).toContain('Open tasks');
    expect(all).not.toContain('Define sitemap');
    const search = cardText(await say('tasks cms', en));
    expect(search).toContain('Set up CMS');
    expect(search).not.toContain('Go-live checklist');
    const mine = await say('my tasks', en);
    const dues = actionsOf(mine).filter((a) => a.verb === 'task.show');
    expect(dues.length).toBeGreaterThan(1);
    const api = await bot.connections.apiFor({ tenantId: en.tenantId, objectId: en.objectId });
    const me = await api.me();
    const ends: number[] = [];
    for (const action of dues) {
      const task = await api.getTask(String(action.data.taskId));
      expect(task.ContactId).toBe(me.ContactId);
      expect(task.IsDone).toBe(false);
      ends.push(new Date(task.EndDateTime ?? 0).getTime());
    }
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
    expect(cardText(await say('meine aufgaben', de, 'de-DE'))).toContain('Meine offenen Aufgaben');
  });

  it('task <name> shows the task card with actions and refresh', async () => {
    const card = await say('task Set up CMS', en);
    const text = cardText(card);
    expect(text).toContain('Set up CMS');
    expect(text).toContain('2026-001 · Website Relaunch');
    expect(text).toContain('16 h');
    expect(actionsOf(card).map((a) => a.verb)).toEqual([
      'timer.start',
      'time.log',
      'fields.edit',
      'task.complete',
      'task.edit',
      'task.comment',
      'task.delete',
    ]);
    expect(card.refresh).toMatchObject({ action: { verb: 'task.show' } });
    const de1 = await say('aufgabe Flyer drucken lassen', de, 'de-DE');
    expect(cardText(de1)).toContain('Als erledigt markieren');
    expect(cardText(de1)).toContain('Std.');
    expect(cardText(await say('task nothing-like-this', en))).toContain('No task matches');
  });

  it('new task / neues projekt open the forms prefilled with the name', async () => {
    const form = await say('new task Call Contoso', en);
    const inputs = JSON.stringify(form);
    expect(inputs).toContain('"value":"Call Contoso"');
    for (const id of ['name', 'projectId', 'start', 'end', 'effort', 'assigneeId', 'description'])
      expect(inputs).toContain(`"id":"${id}"`);
    expect(inputs).toContain('"choices.data":{"type":"Data.Query","dataset":"projects"}');
    expect(inputs).toContain('"choices.data":{"type":"Data.Query","dataset":"contacts"}');
    const project = await say('neues projekt Messe 2027', de, 'de-DE');
    expect(cardText(project)).toContain('Neues Projekt');
    expect(JSON.stringify(project)).toContain('"value":"Messe 2027"');
    for (const label of ['Niedrig', 'Normal', 'Hoch', 'Kunde', 'Beschreibung'])
      expect(cardText(project)).toContain(label);
  });
});
