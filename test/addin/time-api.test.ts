/**
 * The add-in API books time: the open mail's time on a task (one POST TimeEntry; the duration read strictly; a
 * double send books once) and a meeting as time (one POST TimeEntry; remembered by its id and start, so a second
 * booking answers "already booked" unless the person asks again; each occurrence of a series is its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../shared/inloox/time';
import type { Task } from '../../shared/inloox/types';
import { ALICE, DEV, startAddinHarness, testIdentify, type AddinHarness } from './harness';

let h: AddinHarness;
let task: Task;

beforeAll(async () => {
  h = await startAddinHarness({ identify: testIdentify });
  task = (await h.inlooxApi.listTasks({ open: true, top: 50 })).items.find((t) => t.ProjectId && t.Name)!;
  await h.services.connections.connect(DEV, h.apiKey);
});
afterAll(async () => {
  await h?.close();
});

const calls = () =>
  h.sandbox.requestLog
    .entries()
    .filter((entry) => !entry.url.startsWith('/_sandbox'))
    .map((entry) => `${entry.method} ${entry.url.replace(/^\/api\/(v1\/)?odata\//, '').replace(/\?.*$/, '')}`);

const entriesNamed = async (name: string): Promise<TimeEntry[]> =>
  (await h.inlooxApi.listTimeEntries({ top: 500 })).items.filter((e) => e.DisplayName === name);

const mailBody = (name: string, extra: Record<string, unknown> = {}) => ({
  taskId: task.TaskItemId,
  projectId: task.ProjectId,
  name,
  billable: true,
  duration: '1,5 h',
  date: '2026-03-10',
  timeZone: 'Europe/Berlin',
  formId: crypto.randomUUID(),
  ...extra,
});

const SERIES = 'AAMkAGI2TG93AAA=';
const meetingBody = (name: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({
  taskId: task.TaskItemId,
  projectId: task.ProjectId,
  name,
  billable: false,
  startDateTime: start,
  endDateTime: end,
  appointment: { id: SERIES, start },
  formId: crypto.randomUUID(),
  ...extra,
});

describe('add-in API: log time for this email', () => {
  it('books one entry for me with one InLoox call: 1,5 h on the day from 9:00 in my time zone', async () => {
    h.sandbox.requestLog.clear();
    const answer = await h.call('POST', '/addin/api/time/mail', { body: mailBody('RE: Offer 2026') });
    expect(answer.status).toBe(200);
    expect(calls()).toEqual(['POST TimeEntry']);
    expect(answer.body).toMatchObject({ status: 'booked', entry: { name: 'RE: Offer 2026', minutes: 90 } });
    const [entry] = await entriesNamed('RE: Offer 2026');
    expect(entry).toMatchObject({
      DurationMinutes: 90,
      IsBillable: true,
      TaskItemId: task.TaskItemId,
      ProjectId: task.ProjectId,
      PerformedByContactId: (await h.inlooxApi.me()).ContactId,
    });
    expect(new Date(entry!.StartDateTime!).toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(new Date(entry!.EndDateTime!).toISOString()).toBe('2026-03-10T09:30:00.000Z');
    expect(answer.body.entry.link).toMatch(new RegExp(`/task/${task.TaskItemId}$`, 'i'));
  });

  it('books once when the same form is sent twice at the same time', async () => {
    const body = mailBody('Double send', { duration: '90m' });
    const [one, two] = await Promise.all([
      h.call('POST', '/addin/api/time/mail', { body }),
      h.call('POST', '/addin/api/time/mail', { body }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(one.body.entry.entryId).toBe(two.body.entry.entryId);
    expect(await entriesNamed('Double send')).toHaveLength(1);
  });

  it('refuses a duration it cannot read, in German, and books nothing', async () => {
    h.sandbox.requestLog.clear();
    const answer = await h.call('POST', '/addin/api/time/mail', {
      body: mailBody('Bad duration', { duration: 'anderthalb' }),
      locale: 'de-DE',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', field: 'duration' });
    expect(answer.body.error.message).toBe(
      'Bitte geben Sie eine Dauer wie 1,5h, 90m oder 1:30 ein: mehr als 0 und höchstens 24 Stunden.',
    );
    expect(calls()).toEqual([]);
    expect(await entriesNamed('Bad duration')).toEqual([]);
  });

  it('refuses a task of another project with InLoox’s reason and books nothing', async () => {
    const other = (await h.inlooxApi.listProjects({ top: 10 })).items.find((p) => p.ProjectId !== task.ProjectId)!;
    const answer = await h.call('POST', '/addin/api/time/mail', {
      body: mailBody('Wrong project', { projectId: other.ProjectId }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('InLoox could not accept the entered values.');
    expect(await entriesNamed('Wrong project')).toEqual([]);
  });
});

describe('add-in API: book a meeting as time', () => {
  const START = '2026-03-11T09:00:00.000Z';
  const END = '2026-03-11T10:15:00.000Z';

  it('a meeting never booked costs no InLoox call to look up', async () => {
    h.sandbox.requestLog.clear();
    const answer = await h.call('POST', '/addin/api/time/appointment/booked', { body: { id: SERIES, start: START } });
    expect(answer.body).toEqual({ booked: null });
    expect(calls()).toEqual([]);
  });

  it('books the meeting once with one InLoox call, then says when and as what it was booked', async () => {
    h.sandbox.requestLog.clear();
    const answer = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Weekly sync', START, END),
    });
    expect(answer.status).toBe(200);
    expect(calls()).toEqual(['POST TimeEntry']);
    expect(answer.body).toMatchObject({ status: 'booked', entry: { name: 'Weekly sync', minutes: 75 } });
    const [entry] = await entriesNamed('Weekly sync');
    expect(entry).toMatchObject({ DurationMinutes: 75, IsBillable: false, TaskItemId: task.TaskItemId });
    expect(new Date(entry!.StartDateTime!).toISOString()).toBe(START);

    h.sandbox.requestLog.clear();
    const lookup = await h.call('POST', '/addin/api/time/appointment/booked', { body: { id: SERIES, start: START } });
    expect(lookup.body.booked).toMatchObject({ entryId: entry!.TimeEntryId, name: 'Weekly sync', minutes: 75 });
    expect(Date.now() - Date.parse(lookup.body.booked.bookedAt)).toBeLessThan(60_000);
    expect(calls()).toEqual([`GET TimeEntry(${entry!.TimeEntryId})`]);
  });

  it('a second booking by accident books nothing and answers with the first; "again" books a second entry', async () => {
    const second = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Weekly sync (second try)', START, END),
    });
    expect(second.body).toMatchObject({ status: 'already_booked', entry: { name: 'Weekly sync' } });
    expect(await entriesNamed('Weekly sync (second try)')).toEqual([]);

    const again = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Weekly sync (follow-up)', START, END, { again: true }),
    });
    expect(again.body).toMatchObject({ status: 'booked', entry: { name: 'Weekly sync (follow-up)' } });
    const lookup = await h.call('POST', '/addin/api/time/appointment/booked', { body: { id: SERIES, start: START } });
    expect(lookup.body.booked.name).toBe('Weekly sync (follow-up)');
  });

  it('another occurrence of the same series (same id, other start) is not booked yet', async () => {
    const next = '2026-03-18T09:00:00.000Z';
    const lookup = await h.call('POST', '/addin/api/time/appointment/booked', { body: { id: SERIES, start: next } });
    expect(lookup.body).toEqual({ booked: null });
    const answer = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Weekly sync 18th', next, '2026-03-18T10:00:00.000Z'),
    });
    expect(answer.body.status).toBe('booked');
  });

  it('double send of one form books once; another person does not see my booking', async () => {
    const start = '2026-03-12T13:00:00.000Z';
    const body = meetingBody('Design review', start, '2026-03-12T14:00:00.000Z', {
      appointment: { id: 'AAMkSingle=', start },
    });
    const [one, two] = await Promise.all([
      h.call('POST', '/addin/api/time/appointment', { body }),
      h.call('POST', '/addin/api/time/appointment', { body }),
    ]);
    expect(one.body.entry.entryId).toBe(two.body.entry.entryId);
    expect(await entriesNamed('Design review')).toHaveLength(1);
    await h.services.connections.connect(ALICE, h.apiKey);
    const alice = await h.call('POST', '/addin/api/time/appointment/booked', {
      body: { id: 'AAMkSingle=', start },
      token: 'alice',
    });
    expect(alice.body).toEqual({ booked: null });
  });

  it('a booking deleted in InLoox since counts as not booked', async () => {
    const start = '2026-03-13T08:00:00.000Z';
    const ref = { id: 'AAMkDeleted=', start };
    const answer = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Deleted later', start, '2026-03-13T08:30:00.000Z', { appointment: ref }),
    });
    await h.inlooxApi.deleteTimeEntry(answer.body.entry.entryId);
    const lookup = await h.call('POST', '/addin/api/time/appointment/booked', { body: ref });
    expect(lookup.body).toEqual({ booked: null });
  });

  it('refuses an end before the start and more than 24 hours, in English and German, booking nothing', async () => {
    h.sandbox.requestLog.clear();
    const backwards = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Backwards', END, START),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('The end cannot be before the start.');
    const long = await h.call('POST', '/addin/api/time/appointment', {
      body: meetingBody('Offsite', START, '2026-03-13T09:00:00.000Z'),
      locale: 'de-DE',
    });
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('endDateTime');
    expect(long.body.error.message).toBe(
      'Bitte geben Sie eine Dauer wie 1,5h, 90m oder 1:30 ein: mehr als 0 und höchstens 24 Stunden.',
    );
    expect(calls()).toEqual([]);
  });
});
