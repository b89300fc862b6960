/** Every button of every card names a verb the router knows, with data the router's schema for that verb accepts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERB_SPECS, commandHelp } from '../../bot/registry';
import { DEMO_USERS } from '../../sandbox/server';
import { toSubmitOnly, welcomeCard, type AdaptiveCardJson, type CardAction } from '../../shared/cards';
import { isVerb } from '../../shared/cards/verbs';
import { assertValidCard } from '../helpers/cards';
import { everyCard } from './card-fixtures';
import { actionsOf, cardText, cardsOf, startBotHarness, type BotHarness } from './harness';

interface SentAction {
  kind: 'Action.Execute' | 'Action.Submit' | 'refresh';
  verb: unknown;
  data: Record<string, unknown>;
}

/** Every Execute (with its Submit fallback) and Submit of a card, and its refresh action. */
function sentActions(card: unknown): SentAction[] {
  const found: SentAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const data = (record.data ?? {}) as Record<string, unknown>;
    if (record.type === 'Action.Execute') found.push({ kind: 'Action.Execute', verb: record.verb, data });
    if (record.type === 'Action.Submit') {
      const { verb, ...rest } = data;
      found.push({ kind: 'Action.Submit', verb, data: rest });
    }
    Object.values(record).forEach(walk);
  };
  walk(card);
  const refresh = (card as { refresh?: { action?: { verb?: unknown; data?: Record<string, unknown> } } }).refresh;
  if (refresh?.action) found.push({ kind: 'refresh', verb: refresh.action.verb, data: refresh.action.data ?? {} });
  return found;
}

describe('card verbs', () => {
  for (const locale of ['en', 'de'] as const) {
    it(`every action of every card routes to a verb whose schema accepts its data (${locale})`, () => {
      const seen = new Set<string>();
      for (const [name, card] of everyCard(locale)) {
        for (const variant of [card, toSubmitOnly(card)]) {
          const actions = sentActions(variant);
          for (const action of actions) {
            expect(isVerb(action.verb), `${name}: ${String(action.verb)}`).toBe(true);
            const spec = VERB_SPECS[action.verb as keyof typeof VERB_SPECS];
            const parsed = spec.data.safeParse(action.data);
            expect(parsed.success, `${name}: ${String(action.verb)} ${JSON.stringify(action.data)}`).toBe(true);
            seen.add(String(action.verb));
          }
        }
      }
      // The fixtures cover the cards' buttons broadly enough to have reached most verbs.
      expect(seen.size).toBeGreaterThanOrEqual(25);
    });
  }

  it('finds a verb the router does not know, and data its schema refuses', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      actions: [
        { type: 'Action.Execute', verb: 'task.shwo', data: {} },
        { type: 'Action.Execute', verb: 'task.show', data: { taskId: 'not-a-guid' } },
      ],
    };
    const [misspelt, badData] = sentActions(card);
    expect(isVerb(misspelt!.verb)).toBe(false);
    expect(VERB_SPECS['task.show'].data.safeParse(badData!.data).success).toBe(false);
  });

  it('a misspelt verb does not type-check', () => {
    // @ts-expect-error "task.shwo" is not one of the router's verbs
    const wrong: CardAction = { title: 'Show', verb: 'task.shwo', data: {} };
    expect(isVerb(wrong.verb)).toBe(false);
  });
});

describe("the welcome card's buttons", () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(async () => bot?.close());

  async function welcome(user: ReturnType<BotHarness['newUser']>, locale: string): Promise<AdaptiveCardJson> {
    const cards = cardsOf(await bot.message(locale === 'de-DE' ? 'hallo' : 'hello', { user, locale }));
    expect(cards).toHaveLength(1);
    return cards[0] as AdaptiveCardJson;
  }

  for (const locale of ['en-US', 'de-DE']) {
    it(`each leads to a working card, connected or not (${locale})`, async () => {
      const user = bot.newUser();
      const before = await welcome(user, locale);
      await bot.connect(user, DEMO_USERS[0]!.apiKey);
      const after = await welcome(user, locale);
      const buttons = [...actionsOf(before), ...actionsOf(after)];
      expect(buttons.map((button) => button.verb)).toEqual([
        'connect.show',
        'help',
        'tasks.list',
        'projects.list',
        'task.new',
      ]);
      for (const button of buttons) {
        const answer = await bot.execute(button.verb, button.data, { user, locale });
        await assertValidCard(answer);
        const text = cardText(answer);
        expect(text, button.verb).not.toMatch(/card action is not known|Kartenaktion ist unbekannt/);
        expect(text, button.verb).not.toMatch(/Invalid input|Ungültige Eingabe|went wrong|schiefgelaufen/);
      }
    });
  }

  it('the welcome card built without the bot carries only known verbs', () => {
    for (const locale of ['en', 'de'] as const)
      for (const connectedAs of [undefined, 'Alex'])
        for (const action of sentActions(welcomeCard({ locale }, { commands: commandHelp(locale), connectedAs })))
          expect(isVerb(action.verb), String(action.verb)).toBe(true);
  });
});
