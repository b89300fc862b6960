/** Custom fields in the bot over HTTP: shown on cards, edited in a typed form, saved in one call, in en and de. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardText, type BotHarness, type TeamsUser, BEN, startWithBenAndAnna } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let anna: TeamsUser;
let benApi: InLooxApi;
let annaApi: InLooxApi;

beforeAll(async () => {
  ({ bot, ben, anna, benApi, annaApi } = await startWithBenAndAnna());
});
afterAll(async () => bot?.close());

const localeOf = (user: TeamsUser) => (user === anna ? 'de-DE' : 'en-US');

async function run(user: TeamsUser, verb: string, data: Record<string, unknown> = {}) {
  const card = await bot.execute(verb, data, { user, locale: localeOf(user), timeZone: 'Europe/Berlin' });
  await assertValidCard(card);
  return card;
}

/** Opens the "new task/project" form and presses Create with `values` on top of what the form's button carries. */
async function createThroughForm(
  user: TeamsUser,
  kind: 'task' | 'project',
  name: string,
  values: Record<string, string>,
): Promise<Record<string, unknown>> {
  const form = await run(user, `${kind}.new`, { name });
  const create = actionsOf(form).find((a) => a.verb === `${kind}.create`);
  expect(create, `${kind}.create on the form`).toBeDefined();
  return run(user, `${kind}.create`, { ...create!.data, name, ...values });
}

async function projectOf(api: InLooxApi, name: string): Promise<string> {
  return (await api.findProject(name))!.ProjectId;
}

function inputs(card: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const r = node as Record<string, unknown>;
      if (typeof r.type === 'string' && r.type.startsWith('Input.') && typeof r.id === 'string') found.set(r.id, r);
      Object.values(r).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The form's save action data plus what the person typed. */
async function openForm(user: TeamsUser, projectId: string) {
  const card = await run(user, 'project.show', { projectId });
  const edit = actionsOf(card).find((a) => a.verb === 'fields.edit')!;
  expect(edit).toBeDefined();
  const form = await run(user, 'fields.edit', edit.data);
  const saveAction = actionsOf(form).find((a) => a.verb === 'fields.save')!;
  return {
    card,
    form,
    save: (typed: Record<string, unknown>) => run(user, 'fields.save', { ...saveAction.data, ...typed }),
  };
}

describe('custom fields on cards', () => {
  it('shows the project fields by section, formatted in English, with empty warnings and evaluable rules', async () => {
    const card = await run(ben, 'project.show', { projectId: await projectOf(benApi, 'Website Relaunch') });
    const text = cardText(card);
    for (const expected of ['Custom fields', 'General', 'Finance', 'Region', 'EMEA', '€25,000.00', '18.5', 'Yes'])
      expect(text).toContain(expected);
    expect(text).toContain('V-2026-017');
    expect(text.indexOf('General')).toBeLessThan(text.indexOf('Finance'));
    const onboarding = cardText(
      await run(ben, 'project.show', { projectId: await projectOf(benApi, 'Customer Onboarding Q1') }),
    );
    expect(onboarding).toContain('⚠ Not filled in');
    // ContractSigned is empty there, so "Contract number" (rule ContractSigned = true) is hidden
    expect(onboarding).not.toContain('Contract number');
    // "> 5" cannot be evaluated: the field is shown
    expect(onboarding).toContain('Extra staffing');
  });

  it('shows them in German with German numbers, yes/no and dates', async () => {
    const card = await run(anna, 'project.show', { projectId: await projectOf(annaApi, 'Website Relaunch') });
    const text = cardText(card);
    for (const expected of [
      'Benutzerdefinierte Felder',
      'Allgemein',
      'Finanzen',
      '25.000,00 €',
      '18,5',
      'Ja',
      'Kundennummer',
      'Mittel',
    ])
      expect(text).toContain(expected);
    expect(text).toContain('12.01.2026, 10:00');
  });

  it('shows task fields on the task card', async () => {
    const tasks = await benApi.listTasks({ search: 'Design mockups' });
    const card = await run(ben, 'task.show', { taskId: tasks.items[0]!.TaskItemId });
    const text = cardText(card);
    for (const expected of ['Task details', 'Category', 'Design', 'Ticket no.', '311', '€95.00'])
      expect(text).toContain(expected);
  });
});

describe('editing custom fields', () => {
  it('offers typed inputs, read-only for write-protected and blocked fields', async () => {
    const { form } = await openForm(anna, await projectOf(annaApi, 'Website Relaunch'));
    const byId = inputs(form);
    expect(byId.get('cf_Region')).toMatchObject({ type: 'Input.ChoiceSet', value: 'EMEA' });
    expect(byId.get('cf_Kickoff')).toMatchObject({ type: 'Input.Date', value: '2026-01-12' });
    expect(byId.get('cf_Kickoff__time')).toMatchObject({ type: 'Input.Time', value: '10:00' });
    expect(byId.get('cf_TeamSize')).toMatchObject({ type: 'Input.Number', value: 4 });
    expect(byId.get('cf_Budget')).toMatchObject({ type: 'Input.Number', label: 'Budget (€)' });
    expect(byId.get('cf_ContractSigned')).toMatchObject({ type: 'Input.Toggle', value: 'true' });
    expect(byId.has('cf_RiskLevel__new')).toBe(true);
    expect(byId.has('cf_Region__new')).toBe(false);
    // write-protected for everyone, blocked for Anna
    expect(byId.has('cf_LegacyId')).toBe(false);
    expect(byId.has('cf_CostCentre')).toBe(false);
    expect(cardText(form)).toContain('4711 (schreibgeschützt)');
    const benForm = await openForm(ben, await projectOf(benApi, 'Website Relaunch'));
    expect(inputs(benForm.form).has('cf_CostCentre')).toBe(true);
  });

  it('saves only the changed values in one BatchUpdate, with the German decimal comma, and clears with null', async () => {
    const projectId = await projectOf(annaApi, 'Messestand Hannover 2026');
    const { save } = await openForm(anna, projectId);
    bot.sandbox.requestLog.clear();
    const saved = await save({
      cf_Margin: '13,75',
      cf_Region: 'DACH',
      cf_RiskLevel: '__none__',
      cf_CustomerNumber: 'K-1',
      cf_Kickoff: '2026-02-03',
      cf_Kickoff__time: '14:30',
      cf_ContractSigned: 'false',
      cf_TeamSize: '8',
      cf_CostCentre: 'never sent',
    });
    const calls = bot.sandbox.requestLog.entries().filter((e) => !e.url.startsWith('/_sandbox'));
    expect(calls.map((c) => `${c.method} ${c.url.replace(/^.*odata\//, '')}`)).toEqual([
      'POST CustomField/BatchUpdate',
    ]);
    expect(cardText(saved)).toContain('Felder gespeichert.');
    const values = await annaApi.customFieldValues('Project', projectId, [
      'Margin',
      'RiskLevel',
      'CustomerNumber',
      'Kickoff',
      'CostCentre',
      'Region',
    ]);
    expect(values).toEqual({
      Margin: '13.75',
      RiskLevel: null,
      CustomerNumber: 'K-1',
      Kickoff: '2026-02-03T13:30:00Z',
      CostCentre: null,
      Region: 'DACH',
    });
  });

  it('adds a new list value only where allowed, and answers "nothing changed" without a write', async () => {
    const projectId = await projectOf(benApi, 'ERP-Einführung');
    const first = await openForm(ben, projectId);
    await first.save({ cf_RiskLevel__new: 'Critical' });
    expect(await benApi.customFieldValues('Project', projectId, ['RiskLevel', 'Budget'])).toEqual({
      RiskLevel: 'Critical',
      Budget: '120000',
    });
    const second = await openForm(ben, projectId);
    bot.sandbox.requestLog.clear();
    const same = await second.save({});
    expect(cardText(same)).toContain('Nothing was changed.');
    expect(bot.sandbox.requestLog.entries().filter((e) => e.method !== 'GET')).toHaveLength(0);
  });

  it('brings the form back naming the field for a wrong value, in English and German, before any call', async () => {
    for (const user of [ben, anna]) {
      const api = user === ben ? benApi : annaApi;
      const projectId = await projectOf(api, 'Customer Onboarding Q1');
      const { save } = await openForm(user, projectId);
      bot.sandbox.requestLog.clear();
      const form = await save({ cf_TeamSize: '2.5', cf_Region: 'Mars', cf_CustomerNumber: 'kept' });
      expect(bot.sandbox.requestLog.entries().filter((e) => e.method !== 'GET')).toHaveLength(0);
      const text = cardText(form);
      if (user === ben) {
        expect(text).toContain('Team size: please enter a whole number.');
        expect(text).toContain('Region: please choose a value from the list.');
      } else {
        expect(text).toContain('Teamgröße: Bitte geben Sie eine ganze Zahl ein.');
        expect(text).toContain('Region: Bitte wählen Sie einen Wert aus der Liste.');
      }
      expect(inputs(form).get('cf_CustomerNumber')).toMatchObject({ value: 'kept' });
      expect((await api.customFieldValues('Project', projectId, ['CustomerNumber'])).CustomerNumber).toBeNull();
    }
  });

  it('brings the form back with InLoox refusal and the entered values when a blocked field is forced', async () => {
    const projectId = await projectOf(annaApi, 'ERP-Einführung');
    const { form } = await openForm(anna, projectId);
    const saveAction = actionsOf(form).find((a) => a.verb === 'fields.save')!;
    const forged = { ...saveAction.data, editable: [...(saveAction.data.editable as string[]), 'CostCentre'] };
    const answer = await run(anna, 'fields.save', { ...forged, cf_CostCentre: '999', cf_CustomerNumber: 'K-2' });
    const text = cardText(answer);
    expect(text).toContain('Felder bearbeiten');
    expect(text).not.toContain('Felder gespeichert');
    expect(inputs(answer).get('cf_CustomerNumber')).toMatchObject({ value: 'K-2' });
    expect(
      (await annaApi.customFieldValues('Project', projectId, ['CostCentre', 'CustomerNumber'])).CostCentre,
    ).toBeNull();
  });
});

describe('custom fields in the create forms', () => {
  it('offers the warn-if-empty fields directly and the rest behind "More fields", without write-protected ones', async () => {
    const form = await run(ben, 'task.new', { name: 'With fields' });
    const byId = inputs(form);
    expect(byId.get('cf_Category')).toMatchObject({ type: 'Input.ChoiceSet' });
    expect(byId.get('cf_TicketNumber')).toMatchObject({ type: 'Input.Number' });
    const json = JSON.stringify(form);
    expect(json).toContain('"type":"Action.ToggleVisibility"');
    expect(json).toContain('"id":"cfMoreFields","isVisible":false');
    expect(json.indexOf('cf_Category')).toBeLessThan(json.indexOf('cfMoreFields'));
    const projectForm = await run(anna, 'project.new', { name: 'Neu' });
    expect(inputs(projectForm).has('cf_LegacyId')).toBe(false);
    expect(cardText(projectForm)).toContain('Weitere Felder');
  });

  it('writes the filled-in fields right after the create', async () => {
    const card = await createThroughForm(ben, 'task', 'Fields at create', {
      cf_Category: 'Marketing',
      cf_TicketNumber: '77',
      cf_Billable: 'false',
    });
    expect(cardText(card)).toContain('Task created');
    const taskId = (await benApi.listTasks({ search: 'Fields at create' })).items[0]!.TaskItemId;
    expect(await benApi.customFieldValues('TaskItem', taskId, ['Category', 'TicketNumber', 'Billable'])).toEqual({
      Category: 'Marketing',
      TicketNumber: '77',
      Billable: 'false',
    });
  });

  it('refuses a wrong value before creating anything, naming the field in German', async () => {
    const again = await createThroughForm(anna, 'project', 'Falsche Felder', {
      priority: '1',
      cf_TeamSize: 'viele',
    });
    expect(cardText(again)).toContain('Teamgröße: Bitte geben Sie eine Zahl ein.');
    expect(inputs(again).get('cf_TeamSize')).toBeDefined();
    expect(await annaApi.findProject('Falsche Felder')).toBeUndefined();
  });

  it('keeps the created project and names the fields InLoox did not save', async () => {
    const form = await run(ben, 'project.new', { name: 'Half saved' });
    const create = actionsOf(form).find((a) => a.verb === 'project.create')!;
    // The definition disappears after the form was shown (the client still has it cached).
    const definitions = await fetch(
      `${bot.sandboxBaseUrl}CustomFieldDefinition?$filter=${encodeURIComponent("ColumnName eq 'Margin'")}`,
      { headers: { 'x-api-key': BEN.apiKey } },
    ).then((r) => r.json() as Promise<{ value: { CustomFieldDefinitionId: string }[] }>);
    const gone = await fetch(
      `${bot.sandboxBaseUrl}CustomFieldDefinition(${definitions.value[0]!.CustomFieldDefinitionId})`,
      {
        method: 'DELETE',
        headers: { 'x-api-key': BEN.apiKey },
      },
    );
    expect(gone.status).toBe(204);
    const card = await run(ben, 'project.create', {
      ...create.data,
      name: 'Half saved',
      start: '2027-01-10',
      end: '2027-03-01',
      priority: '1',
      cf_Margin: '12.5',
    });
    expect(cardText(card)).toContain('Created, but these fields were not saved: Target margin (%).');
    expect((await benApi.findProject('Half saved'))?.Name).toBe('Half saved');
  });
});
