/** The "new task" form as plain data: defaults from the email, validation, and the request it becomes. */
import { addDays, dateInputToIso, parseDateInput, toDateInputValue } from '../../ui/dates';
import { effortInRange, endNotBeforeStart } from '../../shared/domain/rules';
import { LIMITS, type CreateTaskRequest } from '../contract';
import type { CustomFieldInputs } from '../contract-custom-fields';
import type { MessageKey } from './strings';
import type { MailItem } from './office';

export interface Choice {
  id: string;
  label: string;
}

export interface TaskFormValues {
  name: string;
  project?: Choice;
  /** yyyy-mm-dd */
  startDate: string;
  endDate: string;
  /** As typed, so "1,5" can be read as German input. */
  effort: string;
  assignee?: Choice;
  trimQuoted: boolean;
  /** Custom fields as typed, by input name (`cf_<column>`). */
  custom?: CustomFieldInputs;
}

export type TaskField = 'name' | 'project' | 'startDate' | 'endDate' | 'effort' | 'assignee';
export type FieldErrors = Partial<Record<TaskField, { key: MessageKey; params?: Record<string, string | number> }>>;

export const DEFAULT_DURATION_DAYS = 7;

/**
 * The form for an email: name from the subject (reply/forward prefixes removed), today until the email's own due
 * date or a week from today, assigned to me.
 */
export function defaultTaskValues(item: MailItem | undefined, today: Date, me: Choice | undefined): TaskFormValues {
  const start = toDateInputValue(today);
  const due = item?.dueDate && item.dueDate.getTime() >= today.getTime() ? toDateInputValue(item.dueDate) : undefined;
  return {
    name: taskNameFromSubject(item?.subject ?? '').slice(0, LIMITS.nameMaxLength),
    project: undefined,
    startDate: start,
    endDate: due ?? addDays(start, DEFAULT_DURATION_DAYS),
    effort: '',
    assignee: me,
    trimQuoted: true,
  };
}

/** "RE: AW: Fwd: Budget 2025" → "Budget 2025" (English and German prefixes, any number of them). */
export function taskNameFromSubject(subject: string): string {
  let name = subject.replace(/\s+/g, ' ').trim();
  const prefix = /^(re|aw|fw|fwd|wg|antw|sv|vs)\s*(\[\d+\])?\s*:\s*/i;
  while (prefix.test(name)) name = name.replace(prefix, '');
  return name;
}

/** Hours as typed ("1.5", "1,5", ""), or NaN when it is not a number. Empty means 0. */
export function parseEffort(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d+([.,]\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

export function validateTaskForm(values: TaskFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = { key: 'required' };
  else if (name.length > LIMITS.nameMaxLength)
    errors.name = { key: 'nameTooLong', params: { max: LIMITS.nameMaxLength } };
  if (!values.project) errors.project = { key: 'chooseFromList' };
  const start = parseDateInput(values.startDate);
  const end = parseDateInput(values.endDate);
  if (!start) errors.startDate = { key: values.startDate ? 'invalidDate' : 'required' };
  if (!end) errors.endDate = { key: values.endDate ? 'invalidDate' : 'required' };
  if (start && end && !endNotBeforeStart(values.startDate.trim(), values.endDate.trim())) {
    errors.endDate = { key: 'endBeforeStart' };
  }
  if (!effortInRange(parseEffort(values.effort))) {
    errors.effort = { key: 'invalidEffort', params: { max: LIMITS.workAmountMaxHours } };
  }
  return errors;
}

/** The create request for valid values (call validateTaskForm first). */
export function toCreateTaskRequest(values: TaskFormValues, descriptionHtml: string): CreateTaskRequest {
  if (!values.project) throw new Error('project is required');
  return {
    name: values.name.trim(),
    projectId: values.project.id,
    startDateTime: dateInputToIso(values.startDate, 'start'),
    endDateTime: dateInputToIso(values.endDate, 'end'),
    workAmount: parseEffort(values.effort),
    ...(values.assignee ? { assigneeId: values.assignee.id } : {}),
    descriptionHtml,
  };
}
