/** Project requests over HTTP: the `requests` command and the request card's verbs, in English and German. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import {
  actionsOf,
  cardsOf,
  cardText,
  connectNewUser,
  startBotHarness,
  type BotHarness,
  type TeamsUser,
} from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let jonas: TeamsUser;
let anna: TeamsUser;
let emily: TeamsUser;

beforeAll(async () => {
  bot = await startBotHarness();
  ben = await connectNewUser(bot, 'Ben', 'demo-key-ben');
  jonas = await connectNewUser(bot, 'Jonas', 'demo-key-jonas');
  anna = await connectNewUser(bot, 'Anna', 'demo-key-anna');
  emily = await connectNewUser(bot, 'Emily', 'demo-key-emily');
});
afterAll(async () => bot?.close());

const apiOf = (user: TeamsUser): Promise<InLooxApi> => bot.connections.apiFor(user);
const teamsId = (user: TeamsUser) => `29:${user.objectId}`;

async function requestCards(user: TeamsUser, text: string, locale = 'en-US') {
  const cards = cardsOf(await bot.message(text, { user, locale }));
  for (const card of cards) await assertValidCard(card);
  return cards;
}

function cardFor(cards: Record<string, unknown>[], name: string) {
  const card = cards.find((c) => cardText(c).includes(name));
  if (!card) throw new Error(`no card for ${name}`);
  return card;
}

function verbs(card: unknown): string[] {
  return actionsOf(card).map((a) => a.verb);
}

async function run(user: TeamsUser, verb: string, data: Record<string, unknown>, options = {}) {
  const card = await bot.execute(verb, data, { user, ...options });
  await assertValidCard(card);
  return card;
}

/** The refresh a Teams client sends when it shows the card again (adaptiveCard/action, trigger automatic). */
async function refresh(user: TeamsUser, card: Record<string, unknown>, locale = 'en-US') {
  const action = (card.refresh as { action: { verb: string; data: Record<string, unknown> } }).action;
  return run(user, action.verb, action.data, { trigger: 'automatic', locale });
}

describe('requests command', () => {
  it('lists the open requests I review with what was asked and Approve / Reject', async () => {
    const cards = await requestCards(ben, 'requests');
    expect(cards.map(cardText).filter((text) => text.includes('Project request'))).toHaveLength(2);
    const pilot = cardFor(cards, 'Mobile App Pilot');
    const text = cardText(pilot);
    for (const expected of ['Project request', 'Open', 'Olivia Brown', 'Asked by', 'field-service app', 'Reviewers'])
      expect(text).toContain(expected);
    expect(verbs(pilot)).toEqual(['request.approve', 'request.reject']);
    expect(pilot.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'request.show' },
      userIds: [teamsId(ben)],
    });
  });

  it('answers in German to "anträge"', async () => {
    const cards = await requestCards(anna, 'anträge', 'de-DE');
    const portal = cardFor(cards, 'Kundenportal 2.0');
    expect(cardText(portal)).toContain('Projektantrag');
    expect(cardText(portal)).toContain('Beantragt von');
    expect(actionsOf(portal).map((a) => a.title)).toEqual(['Genehmigen', 'Ablehnen']);
  });

  it('leaves out requests I neither review nor manage', async () => {
    bot.sandbox.data('demo-key-ben').create('Project', { Name: 'Ben only request', IsRequest: true });
    expect(cardText(cardFor(await requestCards(ben, 'requests'), 'Ben only request'))).toContain('Approve');
    const jonasCards = await requestCards(jonas, 'requests');
    expect(jonasCards.map(cardText).some((text) => text.includes('Ben only request'))).toBe(false);
    expect(jonasCards).toHaveLength(2);
  });
});

describe('two reviewers decide one request', () => {
  it('one approves; the other card refreshes to "approved by" and cannot decide again', async () => {
    const benCard = cardFor(await requestCards(ben, 'requests'), 'Mobile App Pilot');
    const jonasCard = cardFor(await requestCards(jonas, 'anträge', 'de-DE'), 'Mobile App Pilot');
    const data = actionsOf(benCard).find((a) => a.verb === 'request.approve')!.data;

    const confirm = await run(ben, 'request.approve', data);
    expect(cardText(confirm)).toContain('Approve this request?');
    expect(verbs(confirm)).toEqual(['request.approve.confirm', 'request.show']);
    const approved = await run(ben, 'request.approve.confirm', data);
    expect(cardText(approved)).toContain('Approved by Ben Carter.');
    expect(verbs(approved)).toEqual([]);
    const stored = await (await apiOf(ben)).getProject(String(data.projectId));
    expect(stored).toMatchObject({ IsRequest: false, LastChangedByName: 'Ben Carter' });

    const refreshed = await refresh(jonas, jonasCard, 'de-DE');
    expect(cardText(refreshed)).toContain('Genehmigt von Ben Carter.');
    expect(verbs(refreshed)).toEqual([]);
    expect((refreshed.refresh as { userIds: string[] }).userIds).toEqual([teamsId(jonas)]);

    // Jonas's old card still has the buttons: pressing them is refused with the decision, nothing is sent.
    const jonasData = actionsOf(jonasCard).find((a) => a.verb === 'request.reject')!.data;
    bot.sandbox.requestLog.clear();
    const late = await run(jonas, 'request.approve.confirm', jonasData, { locale: 'de-DE' });
    expect(cardText(late)).toContain('bereits entschieden');
    expect(cardText(late)).toContain('Genehmigt von Ben Carter.');
    const rejectLate = await run(jonas, 'request.reject', jonasData);
    expect(cardText(rejectLate)).toContain('already been decided');
    expect(verbs(rejectLate)).toEqual([]);
    const writes = bot.sandbox.requestLog.entries().filter((e) => e.method !== 'GET' && !e.url.startsWith('/_sandbox'));
    expect(writes).toEqual([]);
    expect((await (await apiOf(jonas)).getProject(String(data.projectId))).LastChangedByName).toBe('Ben Carter');
  });

  it('keeps every reviewer who had the card in the refresh list', async () => {
    const cards = await requestCards(anna, 'requests');
    const card = cardFor(cards, 'Mobile App Pilot');
    const data = actionsOf(card)[0]!.data;
    const seenByEmily = await refresh(emily, card);
    expect((seenByEmily.refresh as { userIds: string[] }).userIds).toEqual([teamsId(anna), teamsId(emily)]);
    expect(data.viewers).toEqual([teamsId(anna)]);
  });
});

describe('rejecting with a reason', () => {
  it('rejects in German, stores the reason as a comment, and the English reviewer sees who rejected', async () => {
    const card = cardFor(await requestCards(anna, 'anträge', 'de-DE'), 'Kundenportal 2.0');
    const data = actionsOf(card).find((a) => a.verb === 'request.reject')!.data;
    const form = await run(anna, 'request.reject', data, { locale: 'de-DE' });
    expect(cardText(form)).toContain('Begründung (optional)');
    expect(verbs(form)).toEqual(['request.reject.confirm', 'request.show']);

    const tooLong = await run(
      anna,
      'request.reject.confirm',
      { ...data, reason: 'x'.repeat(1001) },
      { locale: 'de-DE' },
    );
    expect(cardText(tooLong)).toContain('höchstens 1000 Zeichen');
    const api = await apiOf(anna);
    expect((await api.getProject(String(data.projectId))).IsArchived).toBe(false);

    const rejected = await run(
      anna,
      'request.reject.confirm',
      { ...data, reason: 'Kein Budget <b>2026</b>' },
      { locale: 'de-DE' },
    );
    expect(cardText(rejected)).toContain('Abgelehnt von Anna Schmidt.');
    expect(verbs(rejected)).toEqual([]);
    const notes = bot.sandbox
      .data('demo-key-anna')
      .list('ProjectNote')
      .filter((n) => n.ProjectId === data.projectId);
    expect(notes.map((n) => n.Note)).toEqual(['Projektantrag abgelehnt: Kein Budget <b>2026</b>']);

    const emilysView = await run(emily, 'request.show', { projectId: data.projectId }, { trigger: 'automatic' });
    expect(cardText(emilysView)).toContain('Rejected by Anna Schmidt.');
    const again = await run(emily, 'request.reject.confirm', { ...data, reason: 'again' });
    expect(cardText(again)).toContain('already been decided');
    const after = bot.sandbox
      .data('demo-key-anna')
      .list('ProjectNote')
      .filter((n) => n.ProjectId === data.projectId);
    expect(after).toHaveLength(1);
  });
});

describe('nothing left to decide', () => {
  it('says so in English and German once every request is decided', async () => {
    for (const card of await requestCards(ben, 'requests')) {
      const reject = actionsOf(card).find((a) => a.verb === 'request.reject');
      if (reject)
        expect(cardText(await run(ben, 'request.reject.confirm', reject.data))).toContain('Rejected by Ben Carter.');
    }
    expect(cardText((await requestCards(ben, 'requests'))[0])).toContain('no open project requests');
    expect(cardText((await requestCards(jonas, 'anträge', 'de-DE'))[0])).toContain('keine offenen Projektanträge');
    const notes = bot.sandbox.data('demo-key-ben').list('ProjectNote');
    expect(notes.some((n) => String(n.Note).includes('rejected'))).toBe(false);
  });
});

describe('bad card data', () => {
  it('an id that is not a GUID is a clear error, not a 500', async () => {
    const card = await run(ben, 'request.approve.confirm', { projectId: 'nope' });
    expect(cardText(card)).toMatch(/not valid|invalid|ungültig/i);
  });

  it('a request InLoox no longer has reads as such, in both languages', async () => {
    const gone = { projectId: '00000000-0000-4000-8000-000000000000' };
    expect(cardText(await run(ben, 'request.show', gone))).toContain('no longer exists');
    expect(cardText(await run(ben, 'request.approve', gone, { locale: 'de-DE' }))).toContain('nicht mehr');
  });
});
