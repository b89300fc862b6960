/** "more" continues a list whichever app instance answers it: the list position is in the database, not in memory. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../sandbox/server';
import { assertValidCard } from '../helpers/cards';
import { cardText, cardsOf, seedDatedProjects, startBotHarness, type BotHarness, type TeamsUser } from './harness';

const BEN = DEMO_USERS.find((u) => u.firstName === 'Ben')!;

let first: BotHarness;
let second: BotHarness;
let user: TeamsUser;

async function say(instance: BotHarness, text: string, locale = 'en-US') {
  const cards = cardsOf(await instance.message(text, { user, locale }));
  expect(cards).toHaveLength(1);
  await assertValidCard(cards[0]);
  return cardText(cards[0]);
}

beforeAll(async () => {
  first = await startBotHarness();
  second = await startBotHarness({ sameDataAs: first });
  user = first.newUser('Ben');
  await first.connect(user, BEN.apiKey);
  seedDatedProjects(first, BEN.apiKey, 'Scaled project', 2031);
});
afterAll(async () => {
  await second?.close();
  await first?.close();
});

describe('paging across app instances', () => {
  it('page 1 from one instance, "more" from another, and the end of the list is known to both', async () => {
    const page1 = await say(first, 'projects scaled');
    expect(page1).toContain('Scaled project 12');
    expect(page1).not.toContain('Scaled project 04');
    const page2 = await say(second, 'more');
    expect(page2).toContain('Scaled project 04');
    expect(page2).toContain('Scaled project 01');
    expect(page2).not.toContain('Scaled project 12');
    expect(await say(first, 'more')).toContain('nothing more');
    expect(await say(second, 'more')).toContain('nothing more');
  });

  it('"mehr" continues after the instance that served page 1 was replaced by a new one', async () => {
    expect(await say(second, 'projekte scaled', 'de-DE')).toContain('Scaled project 12');
    await second.close();
    second = await startBotHarness({ sameDataAs: first });
    const page2 = await say(second, 'mehr', 'de-DE');
    expect(page2).toContain('Scaled project 01');
  });

  it('keeps lists of different conversations apart', async () => {
    await say(first, 'projects scaled');
    const other = cardsOf(await second.message('more', { user, conversationId: 'a:another-chat' }));
    expect(cardText(other[0])).toContain('nothing more');
    expect(await say(second, 'more')).toContain('Scaled project 01');
  });
});
