/**
 * The project form's number (UpdateProjectNumber after CheckIfProjectNumberExists), its categories (one
 * SetCategories), "Suggest a description" (GenerateProjectDescription) and the card's one-category change
 * (AssignCategory / UnAssignCategory), over HTTP in English and German.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import type { Category, Project } from '../../shared/inloox/types';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardText, type BotHarness, type TeamsUser, BEN, startWithBenAndAnna } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let anna: TeamsUser;
let benApi: InLooxApi;
let annaApi: InLooxApi;
const MISSING = 'c0ffee00-0000-4000-8000-000000000000';

beforeAll(async () => {
  ({ bot, ben, anna, benApi, annaApi } = await startWithBenAndAnna());
});
afterEach(() => bot.sandbox.faults.clear());
afterAll(async () => bot?.close());

async function run(verb: string, data: Record<string, unknown>, user: TeamsUser, locale = 'en-US') {
  const card = await bot.execute(verb, data, { user, locale });
  await assertValidCard(card);
  return card;
}

/** The inputs of a card by id, with the value each shows. */
function inputsOf(card: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string')
        found.set(record.id, record);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const valueOf = (card: unknown, id: string) => inputsOf(card).get(id)?.value;

/** Sends the form's action with what the form shows, overridden by `typed` (as Teams merges inputs into data). */
function submitData(card: unknown, verb: string, typed: Record<string, unknown>) {
  const action = actionsOf(card).find((a) => a.verb === verb);
  expect(action, `the form has no ${verb} action`).toBeDefined();
  const shown = Object.fromEntries([...inputsOf(card)].map(([id, input]) => [id, input.value ?? '']));
  return { ...action!.data, ...shown, ...typed };
}

/** InLoox requests made while `work` ran, as "METHOD path". */
async function callsDuring(work: () => Promise<unknown>): Promise<string[]> {
  bot.sandbox.requestLog.clear();
  await work();
  return bot.sandbox.requestLog
    .entries()
    .filter((e) => !e.url.startsWith('/_sandbox'))
    .map((e) => `${e.method} ${decodeURIComponent(e.url)}`);
}

const byName = async (api: InLooxApi, name: string) => (await api.findProject(name))!;
const increment = (p: Project) =>
  p.Number!.slice((p.NumberPrefix ?? '').length, p.Number!.length - (p.NumberSuffix ?? '').length);
const categoryIdsByName = async (api: InLooxApi) =>
  new Map((await api.listCategories()).map((c: Category) => [c.Name, c.CategoryId.toLowerCase()]));

describe('project number in the project form', () => {
  it('the edit form shows prefix, sequential part and suffix, and saves a new prefix and suffix (en)', async () => {
    const project = await byName(benApi, 'Customer Onboarding Q1');
    const form = await run('project.edit', { projectId: project.ProjectId }, ben);
    expect(valueOf(form, 'numberPrefix')).toBe(project.NumberPrefix);
    expect(cardText(form)).toContain(increment(project));
    expect(cardText(form)).toContain('Project number');

    const calls = await callsDuring(async () => {
      const card = await run(
        'project.update',
        submitData(form, 'project.update', { numberPrefix: 'CO-', numberSuffix: '-Q1' }),
        ben,
      );
      expect(cardText(card)).toContain(`Project CO-${increment(project)}-Q1`);
    });
    expect(calls.filter((c) => c.includes('CheckIfProjectNumberExists'))).toEqual([
      `GET /api/odata/Project(${project.ProjectId})/CheckIfProjectNumberExists(projectNumber='CO-${increment(project)}-Q1')`,
    ]);
    expect(calls.filter((c) => c.includes('UpdateProjectNumber'))).toHaveLength(1);
    expect(calls.some((c) => c.includes('SetCategories'))).toBe(false);
    expect((await benApi.getProject(project.ProjectId)).Number).toBe(`CO-${increment(project)}-Q1`);
  });

  it('a taken number keeps the form with everything typed and writes nothing (en, de)', async () => {
    for (const [api, user, locale, names, expected] of [
      [benApi, ben, 'en-US', ['Website Relaunch', 'ERP-Einführung'], 'is already used by another project'],
      [annaApi, anna, 'de-DE', ['Website Relaunch', 'ERP-Einführung'], 'hat bereits ein anderes Projekt'],
    ] as const) {
      const other = await byName(api, names[0]);
      const project = await byName(api, names[1]);
      // The other project's number becomes exactly what the form will ask for.
      await api.updateProjectNumber(other.ProjectId, 'Q-', `${increment(project)}-Z`);
      const taken = `Q-${increment(other)}${increment(project)}-Z`;
      expect((await api.getProject(other.ProjectId)).Number).toBe(taken);
      const ids = await categoryIdsByName(api);
      const form = await run('project.edit', { projectId: project.ProjectId }, user, locale);
      const typed = {
        name: 'Renamed while the number is taken',
        numberPrefix: `Q-${increment(other)}`,
        numberSuffix: '-Z',
        categoryIds: ids.get('Marketing')!,
      };
      const calls = await callsDuring(async () => {
        const card = await run('project.update', submitData(form, 'project.update', typed), user, locale);
        expect(cardText(card)).toContain(expected);
        expect(cardText(card)).toContain(taken);
        expect(valueOf(card, 'name')).toBe(typed.name);
        expect(valueOf(card, 'numberPrefix')).toBe(typed.numberPrefix);
        expect(valueOf(card, 'numberSuffix')).toBe('-Z');
        expect(valueOf(card, 'categoryIds')).toBe(typed.categoryIds);
        expect(actionsOf(card).find((a) => a.verb === 'project.update')!.data.original).toMatchObject({
          prefix: project.NumberPrefix,
        });
      });
      expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
      const after = await api.getProject(project.ProjectId);
      expect(after.Name).toBe(project.Name);
      expect(after.Number).toBe(project.Number);
      expect(after.Categories).toBe(project.Categories);
    }
  });

  it('a prefix longer than 20 characters is a clear error in German; nothing is asked of InLoox', async () => {
    const project = await byName(annaApi, 'Messestand Hannover 2026');
    const form = await run('project.edit', { projectId: project.ProjectId }, anna, 'de-DE');
    const calls = await callsDuring(async () => {
      const card = await run(
        'project.update',
        submitData(form, 'project.update', { numberPrefix: 'X'.repeat(21) }),
        anna,
        'de-DE',
      );
      expect(cardText(card)).toContain('Präfix und Suffix dürfen je höchstens 20 Zeichen');
    });
    expect(calls.some((c) => c.includes('CheckIfProjectNumberExists') || !c.startsWith('GET'))).toBe(false);
  });

  it('a new project takes the typed prefix and suffix and the chosen categories (de)', async () => {
    const ids = await categoryIdsByName(annaApi);
    const form = await run('project.new', { name: '' }, anna, 'de-DE');
    expect(inputsOf(form).get('categoryIds')).toMatchObject({ isMultiSelect: true });
    expect(cardText(form)).toContain('(nächste Nummer)');
    const card = await run(
      'project.create',
      submitData(form, 'project.create', {
        name: 'Hausmesse 2026',
        start: '2026-09-01',
        end: '2026-09-30',
        numberPrefix: 'HM-',
        numberSuffix: '-DE',
        categoryIds: `${ids.get('Marketing')},${ids.get('Kunden')}`,
      }),
      anna,
      'de-DE',
    );
    const created = await byName(annaApi, 'Hausmesse 2026');
    expect(created.Number).toMatch(/^HM-\d+-DE$/);
    expect(created.Categories).toBe('Kunden, Marketing');
    expect(cardText(card)).toContain('Kunden, Marketing');
  });

  it('a new project whose prefix and suffix would repeat a number is refused by InLoox and keeps the form (en)', async () => {
    const rows = bot.sandbox.data(BEN.apiKey).list('Project');
    const next = String(Math.max(...rows.map((r) => Number(r.NumberIncremential ?? 0))) + 1).padStart(3, '0');
    const other = await byName(benApi, 'Website Relaunch');
    await benApi.updateProjectNumber(other.ProjectId, 'NX-', `${next}-Z`);
    const form = await run('project.new', { name: '' }, ben);
    const card = await run(
      'project.create',
      submitData(form, 'project.create', {
        name: 'Clashing number',
        start: '2026-09-01',
        end: '2026-09-30',
        numberPrefix: `NX-${increment(other)}`,
        numberSuffix: '-Z',
      }),
      ben,
    );
    expect(cardText(card)).toContain('The item was not created');
    expect(cardText(card)).toContain('another project already has');
    expect(valueOf(card, 'name')).toBe('Clashing number');
    expect(valueOf(card, 'numberPrefix')).toBe(`NX-${increment(other)}`);
    expect(await benApi.findProject('Clashing number')).toBeUndefined();
  });

  it('a new project with an unknown category is refused before anything is created (en)', async () => {
    const form = await run('project.new', { name: '' }, ben);
    const card = await run(
      'project.create',
      submitData(form, 'project.create', { name: 'Never created', categoryIds: MISSING }),
      ben,
    );
    expect(cardText(card)).toContain('One of the chosen categories no longer exists in InLoox');
    expect(valueOf(card, 'name')).toBe('Never created');
    expect(await benApi.findProject('Never created')).toBeUndefined();
  });

  it('a locked project offers no edit; a stale form’s number change gets the locked message', async () => {
    const locked = await byName(benApi, 'Annual Report 2025');
    const card = await run('project.show', { projectId: locked.ProjectId }, ben);
    const verbs = actionsOf(card).map((a) => a.verb);
    expect(verbs).not.toContain('project.edit');
    expect(verbs).not.toContain('project.categories');
    const original = { prefix: locked.NumberPrefix, suffix: '', increment: increment(locked), categoryIds: [] };
    const stale = await run(
      'project.update',
      {
        projectId: locked.ProjectId,
        original,
        name: locked.Name,
        priority: '1',
        numberPrefix: 'AR-',
        numberSuffix: '',
      },
      ben,
    );
    expect(cardText(stale)).toContain('is locked in InLoox, so it cannot be changed here');
    expect((await benApi.getProject(locked.ProjectId)).Number).toBe(locked.Number);
  });
});

describe('categories in the project form', () => {
  it('shows the account’s categories with the project’s chosen, and saves a change with one SetCategories (en)', async () => {
    const project = await byName(benApi, 'Website Relaunch');
    const ids = await categoryIdsByName(benApi);
    const form = await run('project.edit', { projectId: project.ProjectId }, ben);
    const input = inputsOf(form).get('categoryIds')!;
    expect(input).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, label: 'Categories' });
    expect((input.choices as { title: string }[]).map((c) => c.title)).toEqual([
      'Customers',
      'IT',
      'Internal',
      'Marketing',
    ]);
    expect(String(input.value).split(',').sort()).toEqual([ids.get('IT'), ids.get('Marketing')].sort());

    const chosen = `${ids.get('Marketing')},${ids.get('Customers')}`;
    const calls = await callsDuring(async () => {
      const card = await run('project.update', submitData(form, 'project.update', { categoryIds: chosen }), ben);
      expect(cardText(card)).toContain('Customers, Marketing');
    });
    expect(calls.filter((c) => /SetCategories|AssignCategory|UnAssignCategory/.test(c))).toEqual([
      `POST /api/odata/Project(${project.ProjectId})/SetCategories`,
    ]);
    expect((await benApi.getProject(project.ProjectId)).Categories).toBe('Customers, Marketing');

    const again = await run('project.edit', { projectId: project.ProjectId }, ben);
    const unchanged = await callsDuring(() => run('project.update', submitData(again, 'project.update', {}), ben));
    expect(unchanged.some((c) => /SetCategories|CheckIfProjectNumberExists|UpdateProjectNumber/.test(c))).toBe(false);
  });

  it('clearing every category saves none; a category that no longer exists keeps the form (de)', async () => {
    const project = await byName(annaApi, 'ERP-Einführung');
    const form = await run('project.edit', { projectId: project.ProjectId }, anna, 'de-DE');
    expect(inputsOf(form).get('categoryIds')!.label).toBe('Kategorien');
    const missing = await run(
      'project.update',
      submitData(form, 'project.update', { name: 'ERP neu', categoryIds: MISSING }),
      anna,
      'de-DE',
    );
    expect(cardText(missing)).toContain('Eine der gewählten Kategorien gibt es in InLoox nicht mehr');
    expect(valueOf(missing, 'name')).toBe('ERP neu');
    expect((await annaApi.getProject(project.ProjectId)).Name).toBe('ERP-Einführung');
    expect((await annaApi.getProject(project.ProjectId)).Categories).toBe(project.Categories);

    await run('project.update', submitData(form, 'project.update', { categoryIds: '' }), anna, 'de-DE');
    expect((await annaApi.getProject(project.ProjectId)).Categories ?? null).toBeNull();
  });
});

describe('one category from the project card', () => {
  it('"Categories" opens a small card; selecting adds and removes one category (en)', async () => {
    const project = await byName(benApi, 'Customer Onboarding Q1');
    const ids = await categoryIdsByName(benApi);
    const card = await run('project.show', { projectId: project.ProjectId }, ben);
    const open = actionsOf(card).find((a) => a.verb === 'project.categories')!;
    expect(open.title).toBe('Categories');
    const small = await run('project.categories', open.data, ben);
    expect(cardText(small)).toContain('Categories of');
    const add = actionsOf(small).find((a) => a.title === 'Add "IT"')!;
    expect(add.data).toEqual({ projectId: project.ProjectId, categoryId: ids.get('IT'), assigned: true });

    const calls = await callsDuring(async () => {
      const added = await run('project.category', add.data, ben);
      expect(cardText(added)).toContain('Added "IT".');
      expect(actionsOf(added).find((a) => a.title === 'Remove "IT"')).toBeDefined();
    });
    expect(calls.filter((c) => c.includes('Category('))).toEqual([
      `GET /api/odata/Project(${project.ProjectId})/AssignCategory(categoryId=${ids.get('IT')})`,
    ]);
    expect((await benApi.getProject(project.ProjectId)).Categories).toContain('IT');

    const removed = await run('project.category', { ...add.data, assigned: false }, ben);
    expect(cardText(removed)).toContain('Removed "IT".');
    expect((await benApi.getProject(project.ProjectId)).Categories).not.toContain('IT');
    expect(actionsOf(removed).find((a) => a.verb === 'project.show')!.title).toBe('Done');
  });

  it('removes in German; an unknown category is a clear message, not an error (de)', async () => {
    const project = await byName(annaApi, 'Messestand Hannover 2026');
    const ids = await categoryIdsByName(annaApi);
    const removed = await run(
      'project.category',
      { projectId: project.ProjectId, categoryId: ids.get('Marketing'), assigned: false },
      anna,
      'de-DE',
    );
    expect(cardText(removed)).toContain('„Marketing“ entfernt.');
    expect((await annaApi.getProject(project.ProjectId)).Categories ?? '').not.toContain('Marketing');

    const unknown = await run(
      'project.category',
      { projectId: project.ProjectId, categoryId: MISSING, assigned: true },
      anna,
      'de-DE',
    );
    expect(cardText(unknown)).toContain('Eine der gewählten Kategorien gibt es in InLoox nicht mehr');
    expect(cardText(unknown)).toContain('Kategorien von');
  });

  it('a locked project gets the locked message instead of the categories card', async () => {
    const locked = await byName(benApi, 'Annual Report 2025');
    const ids = await categoryIdsByName(benApi);
    expect(cardText(await run('project.categories', { projectId: locked.ProjectId }, ben))).toContain(
      'Project is locked',
    );
    const refused = await run(
      'project.category',
      { projectId: locked.ProjectId, categoryId: ids.get('IT'), assigned: true },
      ben,
      'de-DE',
    );
    expect(cardText(refused)).toContain('Projekt ist gesperrt');
    expect((await benApi.getProject(locked.ProjectId)).Categories).toBe(locked.Categories);
  });
});

describe('"Suggest a description"', () => {
  it('fills the description in the person’s language and keeps what was typed (en, de)', async () => {
    for (const [api, user, locale, expected, notice] of [
      [benApi, ben, 'en-US', 'brings the team', 'InLoox suggested a description below.'],
      [annaApi, anna, 'de-DE', 'bündelt die Arbeit des Teams', 'InLoox hat unten eine Beschreibung vorgeschlagen.'],
    ] as const) {
      const project = await byName(api, 'Website Relaunch');
      const form = await run('project.edit', { projectId: project.ProjectId }, user, locale);
      const suggest = actionsOf(form).find((a) => a.verb === 'project.suggestDescription')!;
      expect(suggest.title).toBe(locale === 'en-US' ? 'Suggest a description' : 'Beschreibung vorschlagen');
      const typed = { name: 'Website Relaunch 2.0', numberSuffix: '-W', description: 'old text' };
      const card = await run(
        'project.suggestDescription',
        submitData(form, 'project.suggestDescription', typed),
        user,
        locale,
      );
      expect(String(valueOf(card, 'description'))).toContain(expected);
      expect(String(valueOf(card, 'description'))).toContain('Website Relaunch');
      expect(cardText(card)).toContain(notice);
      expect(valueOf(card, 'name')).toBe('Website Relaunch 2.0');
      expect(valueOf(card, 'numberSuffix')).toBe('-W');
      expect(actionsOf(card).find((a) => a.verb === 'project.update')!.data).toMatchObject({
        projectId: project.ProjectId,
        original: { prefix: project.NumberPrefix },
      });
      expect((await api.getProject(project.ProjectId)).Name).toBe('Website Relaunch');
    }
  });

  it('on a server without it (501, 404) the form says so and keeps what was typed (en, de)', async () => {
    for (const [user, api, locale, status, expected] of [
      [ben, benApi, 'en-US', 501, 'This InLoox server does not offer description suggestions'],
      [anna, annaApi, 'de-DE', 404, 'Dieser InLoox-Server bietet keine Beschreibungsvorschläge an'],
    ] as const) {
      const project = await byName(api, 'ERP-Einführung');
      const form = await run('project.edit', { projectId: project.ProjectId }, user, locale);
      bot.sandbox.faults.add({ path: 'Project*GenerateProjectDescription*', status });
      const card = await run(
        'project.suggestDescription',
        submitData(form, 'project.suggestDescription', { name: 'Typed name', description: 'My own words' }),
        user,
        locale,
      );
      bot.sandbox.faults.clear();
      expect(cardText(card)).toContain(expected);
      expect(valueOf(card, 'name')).toBe('Typed name');
      expect(valueOf(card, 'description')).toBe('My own words');
      expect(actionsOf(card).map((a) => a.verb)).toContain('project.update');
    }
  });

  it('is offered only in the edit form (InLoox binds it to an existing project)', async () => {
    const form = await run('project.new', { name: '' }, ben);
    expect(actionsOf(form).map((a) => a.verb)).not.toContain('project.suggestDescription');
  });
});
