/**
 * Server-side checks of everything a card sends back. Cards declare the same rules, but card data can be
 * tampered with, so nothing is trusted: ids must be GUIDs, texts have limits, types must match.
 */
import { z } from 'zod';
import { LIMITS, NO_CHOICE, ROLE_VALUES, type ProjectFormValues, type TaskFormValues } from '../shared/cards';
import { fromDateInput, isDateInput } from '../shared/cards/format';
import { t, type StringKey } from '../shared/cards/strings';
import type { Locale } from '../shared/i18n';
import type { MemberRole, ProjectInput, TaskInput } from '../shared/inloox/types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Card data that could not be used; `message` is already in the person's language. */
export class BadInputError extends Error {
  readonly userText: string;
  constructor(userText: string) {
    super('bad card input');
    this.name = 'BadInputError';
    this.userText = userText;
  }
}

const guid = z.string().regex(GUID, 'invalidId');
/** Optional ids from choice sets: '' or the "(none)" entry mean no selection. */
const optionalGuid = z
  .union([z.literal(''), z.literal(NO_CHOICE), guid])
  .optional()
  .transform((value) => (value && value !== NO_CHOICE ? value.toLowerCase() : undefined));
const optionalDate = z
  .string()
  .max(40)
  .optional()
  .transform((value) => (value ? value.slice(0, 10) : ''))
  .refine((value) => value === '' || isDateInput(value), 'errorDate');
const name = z
  .string('errorNameRequired')
  .transform((value) => value.trim())
  .pipe(z.string().min(1, 'errorNameRequired').max(LIMITS.name, 'errorNameTooLong'));
const description = z.string().max(LIMITS.description, 'errorTextTooLong').optional().default('');
/** Card numbers arrive as strings; tampered data may send real numbers. */
const effort = z
  .union([z.string().max(20), z.number()])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : Number(value)))
  .refine(
    (value) => value === undefined || (Number.isFinite(value) && value >= 0 && value <= LIMITS.effortHours),
    'errorEffort',
  );

function endNotBeforeStart(values: { start: string; end: string }): boolean {
  return !values.start || !values.end || values.end >= values.start;
}

export const idSchemas = {
  task: z.object({ taskId: guid }),
  project: z.object({ projectId: guid }),
};

export const taskFormSchema = z
  .object({
    name,
    projectId: optionalGuid,
    start: optionalDate,
    end: optionalDate,
    effort,
    assigneeId: optionalGuid,
    description,
    sourceUrl: z.string().max(2000).optional(),
    sourceHtml: z.string().max(20_000).optional(),
    sourceText: z.string().max(LIMITS.description).optional(),
  })
  .refine(endNotBeforeStart, { message: 'errorEndBeforeStart', path: ['end'] });

export const projectFormSchema = z
  .object({
    name,
    start: optionalDate,
    end: optionalDate,
    priority: z.union([z.enum(['0', '1', '2']), z.literal(0), z.literal(1), z.literal(2)], 'errorPriority').optional(),
    clientId: optionalGuid,
    description,
  })
  .refine(endNotBeforeStart, { message: 'errorEndBeforeStart', path: ['end'] });

export const commentSchema = z.object({
  comment: z
    .string('errorCommentRequired')
    .transform((value) => value.trim())
    .pipe(z.string().min(1, 'errorCommentRequired').max(LIMITS.comment, 'errorTextTooLong')),
});

export const memberSchema = z.object({
  projectId: guid,
  contactId: z.string('errorContactRequired').regex(GUID, 'errorContactRequired'),
  role: z.enum(Object.keys(ROLE_VALUES) as [keyof typeof ROLE_VALUES], 'errorRoleRequired'),
});

export const listSchema = z.object({
  search: z.string().max(LIMITS.search, 'errorTextTooLong').optional().default(''),
  skip: z.coerce.number().int().min(0).max(10_000).optional().default(0),
  mine: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
});

export const newFormSchema = z.object({
  name: z.string().max(LIMITS.name, 'errorNameTooLong').optional().default(''),
  projectId: optionalGuid,
});

const MAX_LIMIT: Partial<Record<string, number>> = {
  errorNameTooLong: LIMITS.name,
  errorTextTooLong: LIMITS.description,
  errorEffort: LIMITS.effortHours,
};

function messageFor(issue: z.core.$ZodIssue, locale: Locale): string {
  const key = issue.message as StringKey;
  const known = /^error[A-Z]/.test(key);
  const maximum = 'maximum' in issue ? Number(issue.maximum) : undefined;
  if (known) return t(locale, key, { max: maximum ?? MAX_LIMIT[key] ?? 0 });
  const field = issue.path.join('.') || 'data';
  return t(locale, 'invalidCardData', { detail: field });
}

/** Parses card data or throws BadInputError with every problem in the person's language. */
export function parseCardData<T extends z.ZodType>(schema: T, data: unknown, locale: Locale): z.output<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const messages = [...new Set(result.error.issues.map((issue) => messageFor(issue, locale)))];
  throw new BadInputError(messages.join(' '));
}

export type TaskForm = z.output<typeof taskFormSchema>;
export type ProjectForm = z.output<typeof projectFormSchema>;

/**
 * Reads a submitted form's fields as strings, each cut to a bound; ids that are not GUIDs and dates that are not
 * yyyy-mm-dd read as ''.
 */
function formFields(data: unknown) {
  const record = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const text = (key: string, max: number = LIMITS.description) =>
    typeof record[key] === 'string' || typeof record[key] === 'number' ? String(record[key]).slice(0, max) : '';
  const id = (key: string) => (GUID.test(text(key)) ? text(key) : '');
  const date = (key: string) => (isDateInput(text(key).slice(0, 10)) ? text(key).slice(0, 10) : '');
  return { text, id, date };
}

/** What a submitted form held, as strings, so a failed submit shows exactly what was typed. */
export function taskFormValues(data: unknown): TaskFormValues {
  const { text, id, date } = formFields(data);
  return {
    name: text('name', LIMITS.name * 2),
    projectId: id('projectId'),
    start: date('start'),
    end: date('end'),
    effort: text('effort', 20),
    assigneeId: id('assigneeId'),
    description: text('description'),
  };
}

export function projectFormValues(data: unknown): ProjectFormValues {
  const { text, id, date } = formFields(data);
  return {
    name: text('name', LIMITS.name * 2),
    start: date('start'),
    end: date('end'),
    priority: ['0', '1', '2'].includes(text('priority')) ? text('priority') : '1',
    clientId: id('clientId'),
    description: text('description'),
  };
}

export function toTaskInput(
  form: TaskForm,
  timeZone: string | undefined,
  descriptionHtml: string | undefined,
): TaskInput {
  return {
    Name: form.name,
    ProjectId: form.projectId ?? null,
    ContactId: form.assigneeId ?? null,
    StartDateTime: form.start ? fromDateInput(form.start, timeZone) : null,
    EndDateTime: form.end ? fromDateInput(form.end, timeZone) : null,
    ...(form.effort !== undefined ? { WorkAmount: form.effort } : {}),
    DescriptionHTML: descriptionHtml ?? null,
  };
}

export function toProjectInput(
  form: ProjectForm,
  timeZone: string | undefined,
  descriptionHtml: string | undefined,
): ProjectInput {
  return {
    Name: form.name,
    StartDate: form.start ? fromDateInput(form.start, timeZone) : null,
    EndDate: form.end ? fromDateInput(form.end, timeZone) : null,
    Priority: Number(form.priority ?? 1) as 0 | 1 | 2,
    ClientId: form.clientId ?? null,
    DescriptionHTML: descriptionHtml ?? null,
  };
}

export function roleValue(role: keyof typeof ROLE_VALUES): MemberRole {
  return ROLE_VALUES[role];
}
