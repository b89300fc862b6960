/**
 * The pane's time forms as data: defaults from a mail and from a meeting, what a meeting is remembered by, and the
 * checks with their words in English and German (durations read strictly, the end after the start).
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../ui/i18n';
import { MESSAGES } from '../../addin/web/strings';
import {
  appointmentRefOf,
  checkMailTime,
  checkMeetingTime,
  localInstant,
  mailTimeValues,
  meetingTimeValues,
  type TimeValues,
} from '../../addin/web/time-values';

const en = createTranslator(MESSAGES, 'en');
const de = createTranslator(MESSAGES, 'de');
const task = { id: 'c0ffee00-0000-4000-8000-000000000001', label: 'Kickoff', projectId: 'p1', billable: true };
const meeting = {
  itemId: 'AAMkOccurrence=',
  seriesId: 'AAMkSeries=',
  subject: '  Weekly   sync ',
  start: new Date(2026, 2, 11, 9, 5),
  end: new Date(2026, 2, 11, 10, 20),
};

describe('time form values', () => {
  it('names a mail booking after the subject without reply prefixes, today, no duration', () => {
    expect(mailTimeValues('RE: AW: Budget 2026', new Date(2026, 2, 11, 23, 50))).toMatchObject({
      name: 'Budget 2026',
      date: '2026-03-11',
      duration: '',
      billable: false,
    });
  });

  it("prefills a meeting's subject, day, start and end where the person is", () => {
    expect(meetingTimeValues(meeting)).toMatchObject({
      name: 'Weekly sync',
      date: '2026-03-11',
      from: '09:05',
      to: '10:20',
    });
  });

  it('remembers an occurrence by its series and start, a single meeting by its item id', () => {
    expect(appointmentRefOf(meeting)).toEqual({ id: 'AAMkSeries=', start: meeting.start.toISOString() });
    expect(appointmentRefOf({ ...meeting, seriesId: undefined })).toEqual({
      id: 'AAMkOccurrence=',
      start: meeting.start.toISOString(),
    });
  });

  it('reads local times strictly', () => {
    expect(localInstant('2026-03-11', '09:30')?.getHours()).toBe(9);
    expect(localInstant('2026-03-11', '24:00')).toBeUndefined();
    expect(localInstant('2026-02-30', '09:00')).toBeUndefined();
    expect(localInstant('2026-03-11', 'half nine')).toBeUndefined();
  });
});

describe('checking the mail form', () => {
  const values = (extra: Partial<TimeValues>): TimeValues => ({
    ...mailTimeValues('Offer', new Date(2026, 2, 11)),
    task,
    ...extra,
  });

  it('turns a valid form into the request, the duration as typed', () => {
    expect(checkMailTime(values({ duration: ' 1,5 h ', billable: true }), en, 'en', 'Europe/Berlin')).toEqual({
      errors: {},
      request: {
        taskId: task.id,
        projectId: 'p1',
        name: 'Offer',
        billable: true,
        duration: '1,5 h',
        date: '2026-03-11',
        timeZone: 'Europe/Berlin',
      },
    });
  });

  it('says what is wrong with a duration, with an example, in English and German', () => {
    expect(checkMailTime(values({ duration: 'soon' }), en, 'en', undefined).errors.duration).toBe(
      'I cannot read "soon" as a duration (for example 1.5h, 90m or 1:30).',
    );
    expect(checkMailTime(values({ duration: '0' }), de, 'de', undefined).errors.duration).toBe(
      'Die Dauer muss größer als 0 sein (zum Beispiel 1,5h, 90m oder 1:30).',
    );
    expect(checkMailTime(values({ duration: '25h' }), en, 'en', undefined)).toEqual({
      errors: { duration: 'One entry can be at most 24 hours (for example 1.5h, 90m or 1:30).' },
    });
  });

  it('asks for a name, a task from the list and a task that belongs to a project', () => {
    const { errors } = checkMailTime(values({ name: ' ', task: undefined, duration: '1h' }), en, 'en', undefined);
    expect(errors).toEqual({ name: 'Please fill in this field.', task: 'Please pick an entry from the list.' });
    expect(
      checkMailTime(values({ task: { ...task, projectId: null }, duration: '1h' }), de, 'de', undefined).errors,
    ).toEqual({
      task: 'Diese Aufgabe gehört zu keinem Projekt; Zeit lässt sich nur auf Projektaufgaben buchen.',
    });
  });
});

describe('checking the meeting form', () => {
  it('books from and to on the day as instants', () => {
    const { errors, request } = checkMeetingTime({ ...meetingTimeValues(meeting), task }, en);
    expect(errors).toEqual({});
    expect(request).toMatchObject({
      name: 'Weekly sync',
      startDateTime: meeting.start.toISOString(),
      endDateTime: meeting.end.toISOString(),
    });
  });

  it('refuses an end that is not after the start, and an unreadable time, in German', () => {
    const base = { ...meetingTimeValues(meeting), task };
    expect(checkMeetingTime({ ...base, to: '09:05' }, de)).toEqual({
      errors: { to: 'Das Ende muss nach dem Beginn liegen.' },
    });
    expect(checkMeetingTime({ ...base, from: '9 Uhr' }, de).errors).toEqual({
      from: 'Bitte geben Sie eine Uhrzeit wie 09:30 ein.',
    });
  });
});
