/** Custom fields of the add-in's task form over HTTP: which are offered, checking before the create, one write after. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAddinFields } from '../../addin/server/custom-fields';
import type { CustomFieldDefinition } from '../../shared/inloox/custom-field-types';
import { DEV, startAddinHarness, type AddinHarness } from './harness';

let h: AddinHarness;
let projectId: string;

beforeAll(async () => {
  h = await startAddinHarness();
  await h.services.connections.connect(DEV, h.apiKey);
  projectId = (await h.inlooxApi.listProjects({ top: 1 })).items[0]!.ProjectId;
});
afterAll(async () => {
  await h?.close();
});

let formCount = 0;
function createBody(name: string, overrides: Record<string, unknown> = {}) {
  formCount++;
  return {
    name,
    projectId,
    startDateTime: '2026-04-08T06:00:00.000Z',
    endDateTime: '2026-04-15T15:00:00.000Z',
    workAmount: 1,
    descriptionHtml: '<p>desc</p>',
    formId: `5b0c1f7e-2d3a-4b5c-8d6e-${String(formCount).padStart(12, '0')}`,
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

const COLUMNS = ['Billable', 'Category', 'TicketNumber', 'CustomerDeadline', 'HourlyRate'];
const tasksNamed = async (name: string) =>
  (await h.inlooxApi.listTasks({ search: name, top: 10 })).items.filter((t) => t.Name === name);

describe('add-in API: task custom fields', () => {
  it('offers the task fields with typed descriptions, the warned-about ones marked, from the cached definitions', async () => {
    const first = await h.call('GET', '/addin/api/custom-fields/task');
    expect(first.status).toBe(200);
    expect(first.body.fields).toEqual([
      {
        column: 'Billable',
        label: 'Abrechenbar',
        type: 'Boolean',
        section: 'Aufgabendetails',
        required: false,
        choices: [],
        allowNew: false,
      },
      {
        column: 'Category',
        label: 'Kategorie',
        type: 'List',
        section: 'Aufgabendetails',
        required: true,
        choices: ['Design', 'Entwicklung', 'Marketing'],
        allowNew: false,
      },
      {
        column: 'TicketNumber',
        label: 'Ticket-Nr.',
        type: 'Integer',
        section: 'Aufgabendetails',
        required: false,
        choices: [],
        allowNew: false,
      },
      {
        column: 'CustomerDeadline',
        label: 'Kundentermin',
        type: 'DateTime',
        section: 'Aufgabendetails',
        required: false,
        choices: [],
        allowNew: false,
      },
      {
        column: 'HourlyRate',
        label: 'Stundensatz (€)',
        type: 'Currency',
        section: 'Aufgabendetails',
        required: false,
        choices: [],
        allowNew: false,
      },
    ]);
    h.sandbox.requestLog.clear();
    const again = await h.call('GET', '/addin/api/custom-fields/task');
    expect(again.body).toEqual(first.body);
    expect(h.sandbox.requestLog.entries().filter((e) => !e.url.startsWith('/_sandbox'))).toEqual([]);
  });

  it('never offers write-protected fields', () => {
    const field = (column: string, writeProtected: boolean): CustomFieldDefinition => ({
      id: column,
      column,
      label: column,
      table: 'TaskItem',
      type: 'String',
      position: 0,
      writeProtected,
      warnIfEmpty: false,
      allowNew: false,
      listValues: [],
    });
    const offered = toAddinFields({
      table: 'TaskItem',
      sections: [],
      fields: [field('Open', false), field('Locked', true)],
    });
    expect(offered.map((f) => f.column)).toEqual(['Open']);
  });

  it('creates the task and writes its fields in one BatchUpdate, German numbers and the person’s time zone read right', async () => {
    h.sandbox.requestLog.clear();
    const response = await h.call('POST', '/addin/api/tasks', {
      locale: 'de-DE',
      body: createBody('Felder aus Outlook', {
        customFields: {
          cf_Billable: true,
          cf_Category: 'Entwicklung',
          cf_TicketNumber: '1.234',
          cf_CustomerDeadline: '2026-05-04',
          cf_CustomerDeadline__time: '14:30',
          cf_HourlyRate: '95,50',
        },
      }),
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.fieldsNotSaved).toBeUndefined();
    const writes = h.sandbox.requestLog
      .entries()
      .filter((e) => e.method !== 'GET' && !e.url.startsWith('/_sandbox'))
      .map((e) => `${e.method} ${e.url.replace(/^\/api\/(v1\/)?odata\//, '').split('?')[0]}`);
    expect(writes).toEqual(['POST Task', 'POST CustomField/BatchUpdate']);
    const values = await h.inlooxApi.customFieldValues('TaskItem', response.body.task.id, COLUMNS);
    expect(values.Billable?.toLowerCase()).toBe('true');
    expect(values.Category).toBe('Entwicklung');
    expect(values.TicketNumber).toBe('1234');
    expect(Number(values.HourlyRate)).toBe(95.5);
    // 14:30 in Berlin in May (summer time) is 12:30 UTC.
    expect(new Date(values.CustomerDeadline!).toISOString()).toBe('2026-05-04T12:30:00.000Z');
  });

  it('refuses a wrong value before anything is created, naming the field, in German and in English', async () => {
    h.sandbox.requestLog.clear();
    const de = await h.call('POST', '/addin/api/tasks', {
      locale: 'de-DE',
      body: createBody('Falsche Ticketnummer', {
        customFields: { cf_Category: 'Sonstiges', cf_TicketNumber: '12,5' },
      }),
    });
    expect(de.status).toBe(400);
    expect(de.body.error).toEqual({
      code: 'invalid_request',
      field: 'cf_Category',
      message:
        'Bitte prüfen Sie Ihre Eingaben: Kategorie: Bitte wählen Sie einen Wert aus der Liste. Ticket-Nr.: Bitte geben Sie eine ganze Zahl ein.',
    });
    const en = await h.call('POST', '/addin/api/tasks', {
      locale: 'en-GB',
      body: createBody('Wrong ticket number', { customFields: { cf_TicketNumber: 'twelve' } }),
    });
    expect(en.status).toBe(400);
    expect(en.body.error.message).toBe('Please check your input: Ticket-Nr.: please enter a number.');
    expect(en.body.error.field).toBe('cf_TicketNumber');
    const calls = h.sandbox.requestLog.entries().filter((e) => e.method !== 'GET' && !e.url.startsWith('/_sandbox'));
    expect(calls).toEqual([]);
    expect(await tasksNamed('Falsche Ticketnummer')).toEqual([]);
    expect(await tasksNamed('Wrong ticket number')).toEqual([]);
  });

  it('keeps the created task when writing the fields fails, says which were not saved, and a resend creates no second task', async () => {
    const body = createBody('Felder gehen verloren', { customFields: { cf_Category: 'Design', cf_TicketNumber: '7' } });
    const fault = h.sandbox.faults.add({ method: 'POST', path: 'CustomField*', status: 503, times: 20 });
    const response = await h.call('POST', '/addin/api/tasks', { locale: 'de-DE', body });
    h.sandbox.faults.remove(fault.id);
    expect(response.status, response.text).toBe(200);
    expect(response.body.fieldsNotSaved.fields).toEqual(['Kategorie', 'Ticket-Nr.']);
    expect(response.body.fieldsNotSaved.message).toMatch(
      /^Erstellt, aber diese Felder wurden nicht gespeichert: Kategorie, Ticket-Nr\. \S/,
    );
    const created = await tasksNamed('Felder gehen verloren');
    expect(created).toHaveLength(1);
    expect(
      await h.inlooxApi.customFieldValues('TaskItem', created[0]!.TaskItemId, ['Category', 'TicketNumber']),
    ).toEqual({ Category: null, TicketNumber: null });

    const resend = await h.call('POST', '/addin/api/tasks', { locale: 'de-DE', body });
    expect(resend.body.task.id).toBe(response.body.task.id);
    expect(await tasksNamed('Felder gehen verloren')).toHaveLength(1);
  });

  it.each([
    ['an object as a value', { cf_TicketNumber: { n: 1 } }],
    ['a list as the inputs', ['cf_TicketNumber']],
    ['a value over the text limit', { cf_TicketNumber: '1'.repeat(5000) }],
    ['more inputs than any form has', Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`cf_F${i}`, 'x']))],
    ['markup in a list field', { cf_Category: '<img src=x onerror=alert(1)>' }],
    ['a number beyond 32 bits', { cf_TicketNumber: '99999999999' }],
    ['a date that does not exist', { cf_CustomerDeadline: '2026-02-30' }],
  ])('answers %s with a 400, never a 5xx, and creates nothing', async (_what, customFields) => {
    const name = `Hostile fields ${formCount}`;
    const response = await h.call('POST', '/addin/api/tasks', { body: createBody(name, { customFields }) });
    expect(response.status).toBe(400);
    expect(response.body.error.message).not.toMatch(/at |Error|stack/);
    expect(await tasksNamed(name)).toEqual([]);
  });

  it('refuses custom field inputs that are not form inputs', async () => {
    const response = await h.call('POST', '/addin/api/tasks', {
      body: createBody('Bad keys', { customFields: { 'cf_x;drop': 'a' } }),
    });
    expect(response.status).toBe(400);
    expect(await tasksNamed('Bad keys')).toEqual([]);
  });
});
