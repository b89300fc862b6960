/**
 * The message action "Create InLoox task" remembers the message it made a task from: used again on that message, it
 * says it is already a task (with the task's current state and a link) instead of a second form; another message, or
 * another person, still gets the form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { assertValidCard } from '../helpers/cards';
import { cardText, type BotHarness, type TeamsUser, BEN, startWithBen } from './harness';

let bot: BotHarness;
let ben: TeamsUser;
let api: InLooxApi;

type Dialog = { task: { value: { card: { content: Record<string, unknown> } } } };

const payload = (id: string) => ({
  id,
  linkToMessage: `https://teams.microsoft.com/l/message/19:filed@thread.v2/${id}`,
  body: { contentType: 'html', content: `<p>Order <b>[new]</b> sensors (${id})</p>` },
});

beforeAll(async () => {
  ({ bot, ben, benApi: api } = await startWithBen());
});
afterAll(async () => bot?.close());

async function fetchDialog(messagePayload: unknown, user = ben, locale?: string) {
  const { body } = await bot.invoke(
    'composeExtension/fetchTask',
    { commandId: 'createTask', commandContext: 'message', messagePayload },
    { user, ...(locale ? { locale } : {}) },
  );
  const card = (body as Dialog).task.value.card.content;
  await assertValidCard(card);
  return card;
}

describe('message action: already a task', () => {
  let taskId: string;

  it('a message made a task says "already an InLoox task" when the action is used on it again', async () => {
    const message = payload('1700000000101');
    const form = await fetchDialog(message);
    const submitData = (form.actions as { data: Record<string, unknown> }[])[0]!.data;
    const created = await bot.invoke(
      'composeExtension/submitAction',
      {
        commandId: 'createTask',
        commandContext: 'message',
        messagePayload: message,
        data: { ...submitData, name: 'Order [new] sensors', projectId: '', start: '', end: '', effort: '' },
      },
      { user: ben },
    );
    expect((created.body.composeExtension as { type: string }).type).toBe('result');
    const task = (await api.listTasks({ search: 'Order [new] sensors' })).items[0]!;
    taskId = task.TaskItemId;

    bot.sandbox.requestLog.clear();
    const again = await fetchDialog(message);
    const text = cardText(again);
    expect(text).toContain('Already an InLoox task');
    expect(text).toContain(
      `[Order \\[new\\] sensors](${bot.config.inlooxBaseUrl.replace(/\/api\/(v1\/)?odata\/?$/, '')}`,
    );
    expect(text).toContain('(open)');
    expect(JSON.stringify(again)).not.toContain('task.create');
    // The task's current state: one InLoox call.
    const calls = bot.sandbox.requestLog.entries().filter((e) => !e.url.startsWith('/_sandbox'));
    expect(calls.map((e) => e.method)).toEqual(['GET']);

    await api.completeTask(taskId);
    const german = await fetchDialog(message, ben, 'de-DE');
    expect(cardText(german)).toContain('Schon eine InLoox-Aufgabe');
    expect(cardText(german)).toContain('(erledigt)');
  });

  it('another message, and another person on the same message, get the form', async () => {
    const other = await fetchDialog(payload('1700000000102'));
    expect(JSON.stringify(other)).toContain('task.create');
    const anna = bot.newUser('Anna');
    await bot.connect(anna, BEN.apiKey);
    const theirs = await fetchDialog(payload('1700000000101'), anna);
    expect(JSON.stringify(theirs)).toContain('task.create');
  });

  it('offers the form again once the task was deleted in InLoox', async () => {
    await api.deleteTask(taskId);
    const form = await fetchDialog(payload('1700000000101'));
    expect(JSON.stringify(form)).toContain('task.create');
  });
});
