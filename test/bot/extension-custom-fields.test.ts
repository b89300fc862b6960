/**
 * The message action's "Create InLoox task" dialog offers the task's custom fields like the bot's create form: the
 * ones InLoox warns about when empty directly, the rest behind "More fields"; they are checked before the create and
 * written right after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { actionsOf, cardText, type BotHarness, type TeamsUser, startWithBen } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let api: InLooxApi;

beforeAll(async () => {
  ({ bot, ben, benApi: api } = await startWithBen());
});
afterAll(async () => bot?.close());

type Attachment = { content: Record<string, unknown> };
/** A message of its own per test: a message already turned into a task opens the dialog on that task instead. */
let messageCount = 0;
let messagePayload = nextMessage();
function nextMessage() {
  messageCount++;
  return { id: `170000000000${messageCount}`, body: { contentType: 'text', content: 'Quote for the sensors' } };
}

/** Every input id in a card part, depth first. */
function inputIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(inputIds);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = typeof record.type === 'string' && record.type.startsWith('Input.') ? [String(record.id)] : [];
  return [...own, ...Object.values(record).flatMap(inputIds)];
}

async function openDialog(locale = 'en-GB') {
  messagePayload = nextMessage();
  const { body } = await bot.invoke(
    'composeExtension/fetchTask',
    { commandId: 'createTask', commandContext: 'message', messagePayload },
    { user: ben, locale },
  );
  const card = (body.task as { value: { card: Attachment } }).value.card.content;
  await assertValidCard(card);
  return card;
}

async function submit(data: Record<string, unknown>, locale = 'en-GB') {
  return bot.invoke(
    'composeExtension/submitAction',
    { commandId: 'createTask', commandContext: 'message', messagePayload, data },
    { user: ben, locale },
  );
}

describe('message action dialog: custom fields', () => {
  it('offers the warned-about field directly and the others behind More fields', async () => {
    const card = await openDialog();
    const body = card.body as Record<string, unknown>[];
    const more = body.find((element) => element.id === 'cfMoreFields')!;
    expect(more).toBeDefined();
    expect(more.isVisible).toBe(false);
    const direct = inputIds(body.filter((element) => element !== more));
    expect(direct).toContain('cf_Category');
    expect(inputIds(more)).toEqual(
      expect.arrayContaining(['cf_Billable', 'cf_TicketNumber', 'cf_CustomerDeadline', 'cf_HourlyRate']),
    );
    expect(inputIds(more)).not.toContain('cf_Category');
    expect(cardText(card)).toContain('More fields');
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
  });

  it('creates the task from the dialog and writes its custom fields', async () => {
    const card = await openDialog();
    const submitData = (card.actions as { data: Record<string, unknown> }[])[0]!.data;
    const project = (await api.listProjects({ top: 1 })).items[0]!;
    const result = await submit({
      ...submitData,
      name: 'Sensor quote with fields',
      projectId: project.ProjectId,
      cf_Category: 'Marketing',
      cf_TicketNumber: '77',
    });
    const created = (result.body.composeExtension as { attachments: Attachment[] }).attachments[0]!.content;
    await assertValidCard(created);
    const taskId = String(actionsOf(created).find((a) => a.data.taskId)!.data.taskId);
    expect(await api.customFieldValues('TaskItem', taskId, ['Category', 'TicketNumber'])).toEqual({
      Category: 'Marketing',
      TicketNumber: '77',
    });
  });

  it('in German, a wrong value keeps the dialog open naming the field, and nothing is created', async () => {
    const card = await openDialog('de-DE');
    const submitData = (card.actions as { data: Record<string, unknown> }[])[0]!.data;
    const project = (await api.listProjects({ top: 1 })).items[0]!;
    const result = await submit(
      { ...submitData, name: 'Falsches Feld im Dialog', projectId: project.ProjectId, cf_TicketNumber: '7,5' },
      'de-DE',
    );
    const again = (result.body.task as { value: { card: Attachment } }).value.card.content;
    await assertValidCard(again);
    expect(cardText(again)).toContain('Ticket no.: Bitte geben Sie eine ganze Zahl ein.');
    // The value stays, and "More fields" is open because something was typed there.
    expect(JSON.stringify(again)).toContain('"value":"Falsches Feld im Dialog"');
    const more = (again.body as Record<string, unknown>[]).find((element) => element.id === 'cfMoreFields')!;
    expect(more.isVisible).toBe(true);
    const found = await api.listTasks({ search: 'Falsches Feld im Dialog', top: 5 });
    expect(found.items).toEqual([]);
  });
});
