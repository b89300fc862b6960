/** InLoox failures, malformed requests and authentication, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/server';
import { assertValidCard } from '../helpers/cards';
import { cardText, cardsOf, startBotHarness, type BotHarness, type TeamsUser } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;

beforeAll(async () => {
  bot = await startBotHarness();
  ben = bot.newUser('Ben');
  await bot.connect(ben, BEN.apiKey);
});
afterAll(async () => bot?.close());

async function reply(text: string, locale = 'en-US', user = ben) {
  const cards = cardsOf(await bot.message(text, { user, locale }));
  expect(cards).toHaveLength(1);
  await assertValidCard(cards[0]);
  return cardText(cards[0]);
}

describe('InLoox errors become friendly cards', () => {
  afterAll(() => bot.sandbox.faults.clear());

  it.each([
    [403, {}, 'en-US', 'You do not have permission to do this in InLoox.'],
    [403, {}, 'de-DE', 'Sie haben in InLoox keine Berechtigung dafür.'],
    [429, { 'Retry-After': '42' }, 'en-US', 'Please try again in 42 s'],
    [429, { 'Retry-After': '42' }, 'de-DE', 'Bitte versuchen Sie es in 42 s erneut'],
    [503, {}, 'en-US', 'InLoox is not reachable at the moment'],
    [500, {}, 'de-DE', 'InLoox ist im Moment nicht erreichbar'],
  ])('%i → card (%s, %s)', async (status, headers, locale, expected) => {
    bot.sandbox.faults.clear();
    bot.sandbox.faults.add({ path: 'Project', status, headers });
    const text = await reply(locale.startsWith('de') ? 'projekte' : 'projects', locale);
    expect(text).toContain(expected);
    bot.sandbox.faults.clear();
  });

  it('a dropped connection or malformed answer is "unavailable", not a crash', async () => {
    bot.sandbox.faults.add({ path: 'Task', drop: true });
    expect(await reply('tasks')).toContain('InLoox is not reachable');
    bot.sandbox.faults.clear();
    bot.sandbox.faults.add({ path: 'Task', malformedJson: true });
    expect(await reply('my tasks')).toContain('InLoox is not reachable');
    bot.sandbox.faults.clear();
  });

  it('a revoked key asks to connect again (connect card), in German too', async () => {
    const user = bot.newUser();
    await bot.connect(user, BEN.apiKey);
    bot.sandbox.faults.add({ path: 'Project', status: 401, times: 1 });
    const text = await reply('projekte', 'de-DE', user);
    expect(text).toContain('Zugriffstoken nicht akzeptiert');
    expect(text).toContain('Persönliches Zugriffstoken');
    const next = await reply('projects', 'en-US', user);
    expect(next).toContain('InLoox rejected your access token. Please connect again.');
  });

  it('a failed create says so and keeps the entered values', async () => {
    bot.sandbox.faults.add({ method: 'POST', path: 'Task', status: 503 });
    const card = await bot.execute(
      'task.create',
      { name: 'Important task', effort: '2', description: 'Do not lose me' },
      { user: ben },
    );
    bot.sandbox.faults.clear();
    await assertValidCard(card);
    expect(cardText(card)).toContain('The item was not created: InLoox is not reachable');
    expect(JSON.stringify(card)).toContain('"value":"Important task"');
    expect(JSON.stringify(card)).toContain('"value":"Do not lose me"');
    bot.sandbox.faults.add({ method: 'POST', path: 'Project', status: 403 });
    const project = await bot.execute(
      'project.create',
      { name: 'Forbidden project', priority: '1' },
      { user: ben, locale: 'de-DE' },
    );
    bot.sandbox.faults.clear();
    expect(cardText(project)).toContain('Das Element wurde nicht erstellt: Sie haben in InLoox keine Berechtigung');
    expect(JSON.stringify(project)).toContain('"value":"Forbidden project"');
  });
});

describe('malformed requests', () => {
  it('answers 400 with a JSON error (never a stack) for bodies that are not activities', async () => {
    for (const body of [
      '{not json',
      '[]',
      '"text"',
      JSON.stringify({ text: 'no type' }),
      JSON.stringify({ type: 'message', text: 'no serviceUrl' }),
    ]) {
      const { status, body: answer } = await bot.post(body);
      expect(status, body).toBe(400);
      expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:\d+/);
      expect((answer as { error: string }).error).toBeTruthy();
    }
  });

  it('handles an activity with odd fields without crashing', async () => {
    const { status, body } = await bot.post({
      type: 'message',
      serviceUrl: 'http://127.0.0.1:1/',
      deliveryMode: 'expectReplies',
      channelId: 'msteams',
      text: 42,
      value: ['x'],
      from: 'nobody',
      conversation: { id: 'c' },
      recipient: { id: 'bot' },
      locale: { evil: true },
    });
    expect(status).toBe(200);
    const cards = cardsOf((body as { activities: Record<string, unknown>[] }).activities);
    expect(cards).toHaveLength(1);
    await assertValidCard(cards[0]);
  });

  it('unknown invokes are not a 500', async () => {
    const { status } = await bot.invoke('composeExtension/fetchTask', { commandId: 'somethingElse' }, { user: ben });
    expect(status).toBe(200);
    const other = await bot.invoke('some/unknownInvoke', {}, { user: ben });
    expect(other.status).toBeLessThan(500 + 2);
    expect(other.status).not.toBe(500);
  });
});

describe('authentication', () => {
  it('with MicrosoftAppId set, unauthenticated requests are rejected', async () => {
    const secured = await startBotHarness({
      env: {
        MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
        MicrosoftAppPassword: 'x',
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
    });
    try {
      const user = secured.newUser();
      const activity = {
        type: 'message',
        text: 'help',
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        from: { id: '29:x', aadObjectId: user.objectId },
        conversation: { id: 'c', tenantId: user.tenantId },
        recipient: { id: 'b' },
      };
      const anonymous = await secured.post(activity);
      expect(anonymous.status).toBe(401);
      const forged = await secured.post(activity, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' });
      expect(forged.status).toBe(401);
    } finally {
      await secured.close();
    }
  });

  it('in local mode, the Agents Playground identity (ids that are not GUIDs) can connect and use InLoox', async () => {
    const playground = {
      tenantId: '00000000-0000-0000-0000-0000000000001',
      objectId: '00000000-0000-0000-0000-0000000000020',
      name: 'Alex Wilber',
    };
    const connected = await bot.connect(playground, BEN.apiKey);
    expect(cardText(connected.value)).toContain('You are connected as Ben Carter');
    const replies = await bot.message('my tasks', { user: playground });
    expect(cardText(cardsOf(replies)[0])).toContain('My open tasks');
  });

  it('without it (local mode), anonymous requests from loopback are accepted', async () => {
    expect(bot.config.mode).toBe('local');
    const replies = await bot.message('help', { user: ben });
    expect(cardsOf(replies)).toHaveLength(1);
  });
});
