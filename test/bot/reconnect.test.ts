/** A person whose key InLoox refused is flagged for reconnection: the bot asks them to connect, as if not connected. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/server';
import { assertValidCard } from '../helpers/cards';
import { cardText, cardsOf, startBotHarness, type BotHarness, type TeamsUser } from './harness';

const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;
let bot: BotHarness;
let flagged: TeamsUser;
let connected: TeamsUser;

beforeAll(async () => {
  bot = await startBotHarness();
  flagged = bot.newUser('Flagged');
  connected = bot.newUser('Connected');
  await bot.connect(flagged, BEN.apiKey);
  await bot.connect(connected, BEN.apiKey);
  await bot.store.markNeedsReconnect(flagged);
});
afterAll(async () => bot?.close());

/** True when the card asks for an InLoox API key (an input for it and a connect action). */
function asksForKey(card: Record<string, unknown>): boolean {
  const json = JSON.stringify(card);
  return /"type":"Input.Text"/.test(json) && /"verb":"connect\.submit"/.test(json);
}

describe('a person flagged for reconnection', () => {
  it.each([
    ['en-US', 'projects'],
    ['de-DE', 'projekte'],
    ['en-US', 'my tasks'],
  ])('gets the connect card for "%s %s", not their data', async (locale, text) => {
    const cards = cardsOf(await bot.message(text, { user: flagged, locale }));
    expect(cards).toHaveLength(1);
    await assertValidCard(cards[0]);
    expect(asksForKey(cards[0]!)).toBe(true);
    // The same command for a connected person lists InLoox data instead (the check can tell the two apart).
    const normal = cardsOf(await bot.message(text, { user: connected, locale }));
    expect(asksForKey(normal[0]!)).toBe(false);
    expect(cardText(normal[0])).not.toBe(cardText(cards[0]));
  });

  it('gets the connect card from a card action', async () => {
    const card = await bot.execute('projects.list', { search: '' }, { user: flagged });
    await assertValidCard(card);
    expect(asksForKey(card)).toBe(true);
    expect(asksForKey(await bot.execute('projects.list', { search: '' }, { user: connected }))).toBe(false);
  });

  it('is reported as not connected, and is connected again after a new connect', async () => {
    const status = await bot.connections.status(flagged);
    expect(status?.needsReconnect).toBe(true);
    await bot.connect(flagged, BEN.apiKey);
    const cards = cardsOf(await bot.message('projects', { user: flagged }));
    expect(asksForKey(cards[0]!)).toBe(false);
  });
});
