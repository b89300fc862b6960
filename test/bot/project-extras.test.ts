/** Favorites, numbers, categories, locks, copies and the AI description, over HTTP in English and German. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardsOf, cardText, type BotHarness, type TeamsUser, startWithBenAndAnna } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let anna: TeamsUser;
let benApi: InLooxApi;
let annaApi: InLooxApi;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  ({ bot, ben, anna, benApi, annaApi } = await startWithBenAndAnna());
});
afterAll(async () => bot?.close());

async function run(verb: string, data: Record<string, unknown>, user: TeamsUser, locale = 'en-US') {
  const card = await bot.execute(verb, data, { user, locale });
  await assertValidCard(card);
  return card;
}

async function say(text: string, user: TeamsUser, locale = 'en-US') {
  const cards = cardsOf(await bot.message(text, { user, locale }));
  expect(cards).toHaveLength(1);
  await assertValidCard(cards[0]!);
  return cards[0]!;
}

const projectIdOf = async (api: InLooxApi, name: string) => (await api.findProject(name))!.ProjectId;

describe('favorites', () => {
  it('"favorites" lists only my starred projects, marked with a star (en)', async () => {
    const text = cardText(await say('favorites', ben));
    expect(text).toContain('My favorite projects');
    expect(text).toMatch(/★ \S+ · Website Relaunch/);
    expect(text).toMatch(/★ \S+ · Messestand Hannover 2026/);
    expect(text).not.toContain('ERP-Einführung');
  });

  it('"favoriten" answers in German, and an account without favorites says how to add one', async () => {
    const text = cardText(await say('favoriten', anna, 'de-DE'));
    expect(text).toContain('Meine Favoriten');
    expect(text).toContain('Website Relaunch');
    const website = await projectIdOf(annaApi, 'Website Relaunch');
    const messe = await projectIdOf(annaApi, 'Messestand Hannover 2026');
    await annaApi.setFavorite(website, false);
    await annaApi.setFavorite(messe, false);
    expect(cardText(await say('favoriten', anna, 'de-DE'))).toContain('Noch keine Favoriten');
    await annaApi.setFavorite(website, true);
    await annaApi.setFavorite(messe, true);
  });

  it('stars from the project card: the card shows the state and offers the opposite (en)', async () => {
    const erp = await projectIdOf(benApi, 'ERP-Einführung');
    const before = await run('project.show', { projectId: erp }, ben);
    expect(cardText(before)).not.toContain('★ Favorite');
    const star = actionsOf(before).find((a) => a.verb === 'project.favorite')!;
    expect(star).toMatchObject({ title: '☆ Star', data: { projectId: erp, favorite: true } });

    const after = await run('project.favorite', star.data, ben);
    const text = cardText(after);
    expect(text).toContain('Added to your favorites.');
    expect(text).toContain('★ Favorite');
    expect(actionsOf(after).find((a) => a.verb === 'project.favorite')).toMatchObject({
      title: '★ Unstar',
      data: { projectId: erp, favorite: false },
    });
    expect((await benApi.getProject(erp)).IsFavorite).toBe(true);

    const removed = await run('project.favorite', { projectId: erp, favorite: false }, ben);
    expect(cardText(removed)).toContain('Removed from your favorites.');
    expect((await benApi.getProject(erp)).IsFavorite).toBe(false);
  });

  it('unstars in German; starring twice is harmless', async () => {
    const messe = await projectIdOf(annaApi, 'Messestand Hannover 2026');
    const card = await run('project.favorite', { projectId: messe, favorite: false }, anna, 'de-DE');
    expect(cardText(card)).toContain('Aus Ihren Favoriten entfernt.');
    expect(actionsOf(card).find((a) => a.verb === 'project.favorite')!.title).toBe('☆ Favorit');
    await run('project.favorite', { projectId: messe, favorite: true }, anna, 'de-DE');
    const again = await run('project.favorite', { projectId: messe, favorite: true }, anna, 'de-DE');
    expect(cardText(again)).toContain('★ Favorit');
    expect((await annaApi.getProject(messe)).IsFavorite).toBe(true);
  });

  it('favorites come first in the typeahead and the static project choices', async () => {
    const search = await bot.invoke(
      'application/search',
      { dataset: 'projects', queryText: '', queryOptions: { skip: 0, top: 15 } },
      { user: ben },
    );
    const titles = (search.body.value as { results: { title: string }[] }).results.map((r) => r.title);
    expect(titles.slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Messestand Hannover 2026'),
        expect.stringContaining('Website Relaunch'),
      ]),
    );
    const form = await run('task.new', { name: '' }, ben);
    const choices = JSON.stringify(form);
    const position = (name: string) => choices.indexOf(name);
    expect(position('Website Relaunch')).toBeGreaterThan(0);
    expect(position('Website Relaunch')).toBeLessThan(position('ERP-Einführung'));
    expect(position('Messestand Hannover 2026')).toBeLessThan(position('ERP-Einführung'));
  });

  it('refuses tampered data and unknown projects with a clear card, changing nothing', async () => {
    const website = await projectIdOf(benApi, 'Website Relaunch');
    const tampered = await run('project.favorite', { projectId: website, favorite: 'yes' }, ben);
    expect(cardText(tampered)).toMatch(/cannot use/);
    expect((await benApi.getProject(website)).IsFavorite).toBe(true);
    const unknown = await run('project.favorite', { projectId: UNKNOWN, favorite: true }, ben, 'de-DE');
    expect(cardText(unknown)).toMatch(/nicht gefunden|nicht mehr/i);
  });
});

describe('locked projects, copies, numbers and categories', () => {
  it('a locked project’s card says so and offers no edits; edit and a stale update get the locked message', async () => {
    const locked = await projectIdOf(benApi, 'Annual Report 2025');
    const card = await run('project.show', { projectId: locked }, ben);
    expect(cardText(card)).toContain('🔒 Locked in InLoox: no changes');
    const verbs = actionsOf(card).map((a) => a.verb);
    expect(verbs).toEqual(expect.arrayContaining(['project.favorite', 'project.comment', 'project.copy']));
    for (const edit of ['project.edit', 'project.addMember', 'project.archive', 'project.delete'])
      expect(verbs).not.toContain(edit);
    const edit = await run('project.edit', { projectId: locked }, ben, 'de-DE');
    expect(cardText(edit)).toContain('Projekt ist gesperrt');
    const update = await run(
      'project.update',
      {
        projectId: locked,
        name: 'Changed',
        priority: '1',
        start: '2026-01-05',
        end: '2026-02-05',
      },
      ben,
    );
    expect(cardText(update)).toMatch(/is locked in InLoox, so it cannot be changed here/);
    expect((await benApi.getProject(locked)).Name).toBe('Annual Report 2025');
  });

  it('"Duplicate" makes one copy however often it is sent, and shows the copy’s card with its link (en, de)', async () => {
    const source = await benApi.findProject('Customer Onboarding Q1');
    const card = await run('project.show', { projectId: source!.ProjectId }, ben);
    const duplicate = actionsOf(card).find((a) => a.verb === 'project.copy')!;
    expect(duplicate.title).toBe('Duplicate');
    const first = await run('project.copy', duplicate.data, ben);
    const again = await run('project.copy', duplicate.data, ben);
    expect(cardText(first)).toContain('Copy created: this is the new project.');
    expect(cardText(first)).toContain('Customer Onboarding Q1 - Copy');
    expect(JSON.stringify(first)).toMatch(/"type":"Action.OpenUrl"[^}]*\/project\/[0-9a-f-]{36}/);
    expect(cardText(again)).toContain('Customer Onboarding Q1 - Copy');
    const copies = await benApi.listProjects({ search: 'Customer Onboarding Q1 - Copy' });
    expect(copies.items).toHaveLength(1);
    const copyId = copies.items[0]!.ProjectId;
    expect(copyId).not.toBe(source!.ProjectId);
    const renamed = await run(
      'project.update',
      { projectId: copyId, name: 'Customer Onboarding Q2', priority: '0' },
      ben,
    );
    expect(cardText(renamed)).toContain('Customer Onboarding Q2');

    const messe = await projectIdOf(annaApi, 'Messestand Hannover 2026');
    const german = await run('project.copy', { projectId: messe }, anna, 'de-DE');
    expect(cardText(german)).toContain('Kopie erstellt: Das ist das neue Projekt.');
    expect(cardText(german)).toContain('Messestand Hannover 2026 - Kopie');
  });

  it('"project <number>" finds by number; lists show the number and the card its categories', async () => {
    const website = await benApi.findProject('Website Relaunch');
    const card = await say(`project ${website!.Number!}`, ben);
    const text = cardText(card);
    expect(text).toContain(`Project ${website!.Number!}`);
    expect(text).toContain('Categories');
    expect(text).toContain('IT, Marketing');
  });

  it('"projects category:Marketing" and "projekte kategorie:Marketing" filter by category', async () => {
    const en = cardText(await say('projects category:marketing', ben));
    expect(en).toContain('Projects in category "marketing"');
    expect(en).toContain('Website Relaunch');
    expect(en).toContain('Messestand Hannover 2026');
    expect(en).not.toContain('ERP-Einführung');
    const de = cardText(await say('projekte kategorie:Intern', anna, 'de-DE'));
    expect(de).toContain('Projekte der Kategorie „Intern“');
    expect(de).toContain('ERP-Einführung');
    expect(de).toContain('Jahresabschluss 2025');
    expect(de).not.toContain('Website Relaunch');
  });
});
