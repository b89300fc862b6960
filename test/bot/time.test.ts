/**
 * Time tracking over HTTP, in English and German: the timer (one running per person, pause, resume, stop → book or
 * discard, books once), a running timer across a restart of the product, log time, my time, edit and delete.
 * The sandbox's clock is moved, so elapsed times are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import type { Task } from '../../shared/inloox/types';
import { assertValidCard } from '../helpers/cards';
import {
  actionsOf,
  cardsOf,
  cardText,
  type BotHarness,
  type TeamsUser,
  BEN,
  startWithBenAndAnna,
  startBotHarness,
} from './harness';

const MINUTE = 60_000;

let offset = 0;
const clock = () => Date.now() + offset;
const advance = (minutes: number) => (offset += minutes * MINUTE);

let bot: BotHarness;
let ben: TeamsUser;
let anna: TeamsUser;
let benApi: InLooxApi;
let annaApi: InLooxApi;
let content: Task;
let deck: Task;
let flyer: Task;

async function run(verb: string, data: Record<string, unknown> = {}, user = ben, locale?: string) {
  const card = await bot.execute(verb, data, { user, locale });
  await assertValidCard(card);
  return card;
}

async function say(text: string, user = ben, locale?: string) {
  const cards = cardsOf(await bot.message(text, { user, locale }));
  expect(cards).toHaveLength(1);
  await assertValidCard(cards[0]!);
  return cards[0]!;
}

function actionData(card: Record<string, unknown>, verb: string): Record<string, unknown> {
  const found = actionsOf(card).find((a) => a.verb === verb);
  expect(found, `${verb} in ${cardText(card).slice(0, 200)}`).toBeDefined();
  return found!.data;
}

async function taskNamed(api: InLooxApi, name: string): Promise<Task> {
  return (await api.listTasks({ search: name })).items.find((t) => t.Name === name)!;
}

async function entriesOf(api: InLooxApi, taskId: string) {
  return (await api.listTimeEntries({ taskId })).items;
}

beforeAll(async () => {
  ({ bot, ben, anna, benApi, annaApi } = await startWithBenAndAnna({ clock }));
  content = await taskNamed(benApi, 'Write content for product pages');
  deck = await taskNamed(benApi, 'Prepare onboarding deck');
  flyer = await taskNamed(annaApi, 'Flyer drucken lassen');
  bot.sandbox.data(BEN.apiKey).update('Task', content.TaskItemId, { IsBillable: true });
});
afterAll(async () => bot?.close());

describe('timer', () => {
  it('"timer" and "stoppuhr" say when no timer runs', async () => {
    expect(cardText(await say('timer'))).toContain('No timer is running');
    expect(cardText(await say('stoppuhr', anna, 'de-DE'))).toContain('Keine Stoppuhr läuft');
  });

  it('task cards and my tasks offer "Start timer" and "Log time"', async () => {
    const taskCard = await run('task.show', { taskId: content.TaskItemId });
    expect(actionData(taskCard, 'timer.start')).toEqual({ taskId: content.TaskItemId });
    expect(actionData(taskCard, 'time.log')).toEqual({ taskId: content.TaskItemId });
    const mine = await say('my tasks');
    expect(
      actionsOf(mine)
        .filter((a) => a.verb === 'timer.start')
        .map((a) => a.data.taskId),
    ).toContain(content.TaskItemId);
    const german = await run('task.show', { taskId: flyer.TaskItemId }, anna, 'de-DE');
    expect(actionsOf(german).map((a) => a.title)).toEqual(expect.arrayContaining(['Stoppuhr starten', 'Zeit buchen']));
  });

  it('runs, pauses and resumes; the card refreshes to the current elapsed time', async () => {
    const started = await run('timer.start', { taskId: content.TaskItemId });
    const text = cardText(started);
    expect(text).toContain('Timer started.');
    expect(text).toContain('Write content for product pages');
    expect(text).toContain('Website Relaunch');
    expect(text).toContain('0:00 h');
    expect(started.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'timer.show' } });
    expect(actionData(started, 'timer.pause')).toEqual({ taskId: content.TaskItemId });

    advance(47);
    const refreshed = await bot.execute('timer.show', {}, { user: ben, trigger: 'automatic' });
    expect(cardText(refreshed)).toContain('0:47 h');
    expect(cardText(refreshed)).toContain('Running');

    const paused = await run('timer.pause', { taskId: content.TaskItemId });
    expect(cardText(paused)).toContain('Paused');
    advance(60);
    expect(cardText(await say('timer'))).toContain('0:47 h');
    const resumed = await run('timer.resume', { taskId: content.TaskItemId });
    expect(cardText(resumed)).toContain('Timer resumed.');
    advance(1);
    expect(cardText(await say('timer'))).toContain('0:48 h');
  });

  it('one timer per person: starting another asks to stop and book the running one, then starts the new one', async () => {
    const asked = await run('timer.start', { taskId: deck.TaskItemId });
    expect(cardText(asked)).toContain('Another timer is running');
    expect(cardText(asked)).toContain('Write content for product pages');
    expect((await benApi.getStopwatch(deck.TaskItemId)) ?? null).toBeNull();
    const stop = actionData(asked, 'timer.stop');
    expect(stop).toEqual({ taskId: content.TaskItemId, nextTaskId: deck.TaskItemId });

    const form = await run('timer.stop', stop);
    const text = cardText(form);
    expect(text).toContain('Afterwards the timer on "Prepare onboarding deck" starts.');
    const json = JSON.stringify(form);
    expect(json).toContain('"id":"duration","label":"Duration","placeholder":"e.g. 1.5h, 90m or 1:30","value":"0:50"');
    expect(json).toContain('"value":"Write content for product pages"');
    expect(json).toMatch(/"id":"billable"[^}]*"value":"true"/);

    const book = actionData(form, 'timer.book');
    const booked = await run('timer.book', {
      ...book,
      name: 'Product pages copy',
      duration: '0:50',
      note: 'First draft',
      billable: 'true',
    });
    expect(cardText(booked)).toContain('Booked 0:50 h on "Product pages copy".');
    expect(cardText(booked)).toContain('Prepare onboarding deck');
    const entries = await entriesOf(benApi, content.TaskItemId);
    const mine = entries.filter((e) => e.DisplayName === 'Product pages copy');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ DurationMinutes: 50, IsBillable: true, ProjectId: content.ProjectId });
    expect(mine[0]!.DescriptionHTML).toContain('First draft');
    expect(await benApi.getStopwatch(content.TaskItemId)).toBeUndefined();
    expect((await benApi.getStopwatch(deck.TaskItemId))?.PausedAt ?? null).toBeNull();

    // The same form sent again, and a second Stop's form booked too: still one entry.
    const again = await run('timer.book', { ...book, name: 'Product pages copy', duration: '0:50', billable: 'true' });
    expect(cardText(again)).toContain('Booked 0:50 h');
    expect(
      (await entriesOf(benApi, content.TaskItemId)).filter((e) => e.DisplayName === 'Product pages copy'),
    ).toHaveLength(1);
  });

  it('two presses of Stop give one booking; a refused duration brings the form back with what was typed', async () => {
    advance(12);
    const first = await run('timer.stop', { taskId: deck.TaskItemId });
    const second = await run('timer.stop', { taskId: deck.TaskItemId });
    const data = actionData(first, 'timer.book');
    expect(actionData(second, 'timer.book').formId).toBe(data.formId);

    const refused = await run('timer.book', { ...data, name: 'Deck', duration: '25h', note: 'kept' });
    expect(cardText(refused)).toContain('One entry can be at most 24 hours (for example 1.5h, 90m or 1:30).');
    expect(JSON.stringify(refused)).toContain('"value":"kept"');
    expect(JSON.stringify(refused)).toContain('"value":"25h"');

    const results = await Promise.all([
      run('timer.book', { ...data, name: 'Deck', duration: '15m', billable: 'false' }),
      run('timer.book', { ...actionData(second, 'timer.book'), name: 'Deck', duration: '15m', billable: 'false' }),
    ]);
    expect(results.some((card) => cardText(card).includes('Booked 0:15 h'))).toBe(true);
    expect((await entriesOf(benApi, deck.TaskItemId)).filter((e) => e.DisplayName === 'Deck')).toHaveLength(1);
    expect(cardText(await run('timer.discard', { taskId: deck.TaskItemId }))).toContain('Timer already stopped');
  });

  it('Discard stops without booking (German)', async () => {
    await run('timer.start', { taskId: flyer.TaskItemId }, anna, 'de-DE');
    advance(20);
    const before = (await entriesOf(annaApi, flyer.TaskItemId)).length;
    const form = await run('timer.stop', { taskId: flyer.TaskItemId }, anna, 'de-DE');
    expect(cardText(form)).toContain('Die Stoppuhr ist bei 0:20 Std. angehalten.');
    const discarded = await run('timer.discard', actionData(form, 'timer.discard'), anna, 'de-DE');
    expect(cardText(discarded)).toContain('Stoppuhr gestoppt, nichts gebucht.');
    expect(await entriesOf(annaApi, flyer.TaskItemId)).toHaveLength(before);
    expect(await annaApi.listStopwatches()).toEqual([]);
  });

  it('a running timer survives a restart of the product: the state is InLoox’s', async () => {
    await run('timer.start', { taskId: content.TaskItemId });
    advance(30);
    const restarted = await startBotHarness({ sameDataAs: bot });
    try {
      const card = cardsOf(await restarted.message('timer', { user: ben }))[0]!;
      expect(cardText(card)).toContain('Write content for product pages');
      expect(cardText(card)).toContain('0:30 h');
      const form = await restarted.execute('timer.stop', { taskId: content.TaskItemId }, { user: ben });
      const book = actionData(form, 'timer.book');
      const booked = await restarted.execute(
        'timer.book',
        { ...book, name: 'After restart', duration: '0:30' },
        { user: ben },
      );
      expect(cardText(booked)).toContain('Booked 0:30 h on "After restart".');
    } finally {
      await restarted.close();
    }
    expect((await entriesOf(benApi, content.TaskItemId)).filter((e) => e.DisplayName === 'After restart')).toHaveLength(
      1,
    );
  });
});

describe('log time', () => {
  it('"log 1.5h <task> <note>" books on the task, named after it, with the note', async () => {
    const card = await say('log 1.5h Write content for product pages Intro texts');
    expect(cardText(card)).toContain('Booked 1:30 h on "Write content for product pages".');
    const entry = (await entriesOf(benApi, content.TaskItemId)).find((e) => e.DescriptionHTML?.includes('Intro texts'));
    expect(entry).toMatchObject({ DurationMinutes: 90, IsBillable: true, ProjectId: content.ProjectId });
    expect(Date.parse(entry!.EndDateTime!) - Date.parse(entry!.StartDateTime!)).toBe(90 * MINUTE);
  });

  it('"zeit 1,5 h <Aufgabe> <Notiz>" books in German', async () => {
    const card = await say('zeit 1,5 h Flyer drucken lassen Angebote vergleichen', anna, 'de-DE');
    expect(cardText(card)).toContain('1:30 Std. auf „Flyer drucken lassen“ gebucht.');
    expect((await entriesOf(annaApi, flyer.TaskItemId)).some((e) => e.DescriptionHTML?.includes('Angebote'))).toBe(
      true,
    );
  });

  it.each([
    ['log soon Write content', 'en', 'I cannot read "soon" as a duration (for example 1.5h, 90m or 1:30).'],
    ['log 0 Write content', 'en', 'The duration must be more than 0'],
    ['log 25h Write content', 'en', 'One entry can be at most 24 hours'],
    ['zeit -1h Flyer', 'de', 'Die Dauer muss größer als 0 sein (zum Beispiel 1,5h, 90m oder 1:30).'],
    ['zeit bald Flyer', 'de', '„bald“ kann ich nicht als Dauer lesen'],
  ])('%s is refused clearly (%s)', async (text, locale, message) => {
    const user = locale === 'de' ? anna : ben;
    const card = await say(text, user, locale === 'de' ? 'de-DE' : 'en-US');
    expect(cardText(card)).toContain(message);
  });

  it('an unknown task brings the log form with what was typed', async () => {
    const card = await say('log 45m Nothing like this exists');
    expect(cardText(card)).toContain('No task starts with "Nothing like this exists"');
    expect(JSON.stringify(card)).toContain('"value":"45m"');
    expect(actionData(card, 'time.log.submit').formId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('"Log time" on a task: the form defaults to today and the task; booking twice books once', async () => {
    const form = await run('time.log', { taskId: deck.TaskItemId });
    const json = JSON.stringify(form);
    expect(json).toMatch(/"id":"taskId"[^]*"value":"[0-9a-f-]{36}"/);
    expect(json).toContain(`"value":"${deck.TaskItemId}"`);
    const submit = actionData(form, 'time.log.submit');
    const bad = await run('time.log.submit', {
      ...submit,
      taskId: deck.TaskItemId,
      date: '2026-03-02',
      duration: '1:75',
      note: 'n',
    });
    expect(cardText(bad)).toContain('I cannot read "1:75" as a duration');
    expect(JSON.stringify(bad)).toContain('"value":"2026-03-02"');
    const good = {
      ...submit,
      taskId: deck.TaskItemId,
      date: '2026-03-02',
      duration: '90m',
      note: 'Slides',
      billable: 'true',
    };
    const [a, b] = await Promise.all([run('time.log.submit', good), run('time.log.submit', good)]);
    expect([cardText(a), cardText(b)].join()).toContain('Booked 1:30 h on "Prepare onboarding deck".');
    const booked = (await entriesOf(benApi, deck.TaskItemId)).filter((e) => e.DescriptionHTML?.includes('Slides'));
    expect(booked).toHaveLength(1);
    // 9:00 where the person is (the harness's Teams client says Europe/Berlin), stored in UTC.
    expect(booked[0]!.StartDateTime).toBe('2026-03-02T08:00:00Z');
  });
});

describe('my time', () => {
  it('"my time" lists this week by day with totals; edit saves, delete asks first', async () => {
    const week = await say('my time');
    const text = cardText(week);
    expect(text).toMatch(/My time: week of/);
    expect(text).toContain('Write content for product pages');
    expect(text).toMatch(/Total \d+:\d\d h/);
    const entry = (await entriesOf(benApi, content.TaskItemId)).find((e) =>
      e.DescriptionHTML?.includes('Intro texts'),
    )!;

    const form = await run('time.edit', { entryId: entry.TimeEntryId });
    expect(JSON.stringify(form)).toContain('"value":"1:30"');
    const saved = await run('time.update', {
      entryId: entry.TimeEntryId,
      name: 'Intro texts',
      date: JSON.stringify(form).match(/"id":"date"[^}]*"value":"(\d{4}-\d\d-\d\d)"/)![1],
      duration: '2h',
      note: 'Intro texts',
      billable: 'false',
    });
    expect(cardText(saved)).toContain('Time entry saved.');
    expect(await benApi.getTimeEntry(entry.TimeEntryId)).toMatchObject({
      DurationMinutes: 120,
      IsBillable: false,
      DisplayName: 'Intro texts',
    });

    const confirm = await run('time.delete', { entryId: entry.TimeEntryId });
    expect(cardText(confirm)).toContain('Delete this time entry?');
    expect(await benApi.getTimeEntry(entry.TimeEntryId)).toBeTruthy();
    const deleted = await run('time.delete.confirm', actionData(confirm, 'time.delete.confirm'));
    expect(cardText(deleted)).toContain('Time entry deleted.');
    await expect(benApi.getTimeEntry(entry.TimeEntryId)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('"meine zeit" in German; another person’s entry cannot be edited or deleted', async () => {
    const week = await say('meine zeit', anna, 'de-DE');
    expect(cardText(week)).toMatch(/Meine Zeit: Woche ab/);
    expect(cardText(week)).toMatch(/Summe \d+:\d\d Std\./);
    const me = await annaApi.currentContactId();
    const foreign = (await annaApi.listTimeEntries()).items.find((e) => e.PerformedByContactId !== me)!;
    expect(foreign).toBeDefined();
    for (const verb of ['time.edit', 'time.delete', 'time.delete.confirm']) {
      const card = await run(verb, { entryId: foreign.TimeEntryId }, anna, 'de-DE');
      expect(cardText(card)).toContain('Sie können nur Ihre eigenen Zeiteinträge ändern.');
    }
    expect(await annaApi.getTimeEntry(foreign.TimeEntryId)).toBeTruthy();
  });

  it('previous week and back', async () => {
    const previous = await run('time.week', { offset: -1 });
    expect(actionData(previous, 'time.week')).toEqual({ offset: -2 });
    expect(
      actionsOf(previous)
        .filter((a) => a.verb === 'time.week')
        .map((a) => a.data.offset),
    ).toEqual([-2, 0]);
  });
});
