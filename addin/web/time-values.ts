/** The pane's time forms as plain data: defaults from the mail or the meeting, checks, and the requests they become. */
import { durationProblemText, parseDuration } from '../../shared/domain/duration';
import { parseDateInput, toDateInputValue } from '../../ui/dates';
import type { Locale, Translate } from '../../ui/i18n';
import { LIMITS } from '../contract';
import type { AppointmentRef, AppointmentTimeRequest, MailTimeRequest } from '../contract-time';
import { taskNameFromSubject } from './form';
import type { AppointmentItem } from './office';
import type { MessageKey } from './strings';

export interface TaskChoice {
  id: string;
  label: string;
  secondary?: string;
  projectId: string | null;
  /** The task's default for new entries. */
  billable: boolean;
}

export interface TimeValues {
  name: string;
  task?: TaskChoice;
  billable: boolean;
  /** yyyy-mm-dd */
  date: string;
  /** Mail: as typed ("1,5 h"). */
  duration: string;
  /** Meeting: HH:MM, local. */
  from: string;
  to: string;
}

export type TimeField = 'name' | 'task' | 'duration' | 'date' | 'from' | 'to';
export type TimeErrors = Partial<Record<TimeField, string>>;

const pad = (value: number) => String(value).padStart(2, '0');
const clock = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;

/** A mail's time: named after its subject (reply and forward prefixes removed), today, no duration yet. */
export function mailTimeValues(subject: string, today: Date): TimeValues {
  return {
    name: taskNameFromSubject(subject).slice(0, LIMITS.nameMaxLength),
    billable: false,
    date: toDateInputValue(today),
    duration: '',
    from: '',
    to: '',
  };
}

/** A meeting's time: its subject, its day, its start and end where the person is. */
export function meetingTimeValues(appointment: AppointmentItem): TimeValues {
  return {
    name: appointment.subject.replace(/\s+/g, ' ').trim().slice(0, LIMITS.nameMaxLength),
    billable: false,
    date: toDateInputValue(appointment.start),
    duration: '',
    from: clock(appointment.start),
    to: clock(appointment.end),
  };
}

/**
 * What the meeting is remembered by: the series id for an occurrence of a recurring meeting (with its start, each
 * occurrence is its own), else the item id; an item Outlook gives no id is known by its subject and start.
 */
export function appointmentRefOf(appointment: AppointmentItem): AppointmentRef {
  return {
    id: appointment.seriesId ?? appointment.itemId ?? `subject:${appointment.subject}`,
    start: appointment.start.toISOString(),
  };
}

/** yyyy-mm-dd and HH:MM (local) as an instant; undefined when either is unreadable. */
export function localInstant(date: string, time: string): Date | undefined {
  const day = parseDateInput(date);
  const match = /^(\d{1,2}):(\d{2})(:\d{2})?$/.exec(time.trim());
  if (!day || !match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return undefined;
  day.setHours(hours, minutes, 0, 0);
  return day;
}

function commonErrors(values: TimeValues, t: Translate<MessageKey>): TimeErrors {
  const errors: TimeErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = t('required');
  else if (name.length > LIMITS.nameMaxLength) errors.name = t('nameTooLong', { max: LIMITS.nameMaxLength });
  if (!values.task) errors.task = t('chooseFromList');
  else if (!values.task.projectId) errors.task = t('noTaskProject');
  if (!parseDateInput(values.date)) errors.date = t(values.date.trim() ? 'invalidDate' : 'required');
  return errors;
}

type Booking<T> = { errors: TimeErrors; request?: Omit<T, 'formId'> };

/** What a mail and a meeting booking send alike; called once the form is checked and the task has a project. */
function bookingBase(values: TimeValues, task: TaskChoice, projectId: string) {
  return { taskId: task.id, projectId, name: values.name.trim(), billable: values.billable };
}

/** The mail's form checked: the duration read strictly (its reason and an example in the person's language). */
export function checkMailTime(
  values: TimeValues,
  t: Translate<MessageKey>,
  locale: Locale,
  timeZone: string | undefined,
): Booking<MailTimeRequest> {
  const errors = commonErrors(values, t);
  const duration = parseDuration(values.duration);
  if (!duration.ok) errors.duration = durationProblemText(duration.problem, locale, values.duration);
  if (Object.keys(errors).length || !values.task?.projectId) return { errors };
  return {
    errors,
    request: {
      ...bookingBase(values, values.task, values.task.projectId),
      duration: values.duration.trim(),
      date: values.date.trim(),
      ...(timeZone ? { timeZone } : {}),
    },
  };
}

/** The meeting's form checked: from and to on the day, the end after the start. */
export function checkMeetingTime(
  values: TimeValues,
  t: Translate<MessageKey>,
): Booking<Omit<AppointmentTimeRequest, 'appointment' | 'again'>> {
  const errors = commonErrors(values, t);
  const start = localInstant(values.date, values.from);
  const end = localInstant(values.date, values.to);
  if (!errors.date) {
    if (!start) errors.from = t(values.from.trim() ? 'invalidTime' : 'required');
    if (!end) errors.to = t(values.to.trim() ? 'invalidTime' : 'required');
    if (start && end && end.getTime() <= start.getTime()) errors.to = t('endAfterStart');
  }
  if (Object.keys(errors).length || !start || !end || !values.task?.projectId) return { errors };
  return {
    errors,
    request: {
      ...bookingBase(values, values.task, values.task.projectId),
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
    },
  };
}
