/**
 * Server-side checks of everything a card sends back. Cards declare the same rules, but card data can be
 * tampered with, so nothing is trusted: ids must be GUIDs, texts have limits, types must match.
 */
import { z } from 'zod';
import { NO_CHOICE, ROLE_VALUES, type ProjectFormValues, type TaskFormValues } from '../shared/cards';
import { fromDateInput, isDateInput } from '../shared/cards/format';
import { t, type StringKey } from '../shared/cards/strings';
import {
  dateRange,
  effortInRange,
  guidSchema,
  isGuid,
  LIMITS,
  nameSchema,
  validationIssues,
  type ValidationCode,
  type ValidationIssue,
} from '../shared/domain';
import { AppError } from '../shared/errors/app-error';
import type { Locale } from '../shared/i18n';
import type { MemberRole, ProjectInput, TaskInput } from '../shared/inloox/types';

/**
 * Card data that could not be used: an 'invalid_request' AppError whose `userText` lists every problem in the
 * bot's words for the person's language (the bot maps each domain code to its card wording, see stringKeyFor).
 */
export class BadInputError extends AppError {
  readonly userText: string;
  constructor(userText: string) {
    super('invalid_request', { detail: 'bad card input' });
    this.name = 'BadInputError';
    this.userText = userText;
  }
}

const code = (value: ValidationCode) => value;

/** Optional ids from choice sets: '' or the "(none)" entry mean no selection. */
const optionalGuid = z
  .union([z.literal(''), z.literal(NO_CHOICE), guidSchema])
  .optional()
  .transform((value) => (value && value !== NO_CHOICE ? value.toLowerCase() : undefined));
const optionalDate = z
  .string()
  .max(40)
  .optional()
  .transform((value) => (value ? value.slice(0, 10) : ''))
  .refine((value) => value === '' || isDateInput(value), code('invalid_date'));
const description = z.string().max(LIMITS.description, code('text_too_long')).optional().default('');
/** Card numbers arrive as strings; tampered data may send real numbers. */
const effort = z
  .union([z.string().max(20), z.number()])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : Number(value)))
  .refine((value) => value === undefined || effortInRange(value), code('effort_out_of_range'));

export const idSchemas = {
  task: z.object({ taskId: guidSchema }),
  project: z.object({ projectId: guidSchema }),
};

export const taskFormSchema = z
  .object({
    name: nameSchema,
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
  .superRefine(dateRange('start', 'end'));

export const projectFormSchema = z
  .object({
    name: nameSchema,
    start: optionalDate,
    end: optionalDate,
    priority: z
      .union([z.enum(['0', '1', '2']), z.literal(0), z.literal(1), z.literal(2)], code('choice_required'))
      .optional(),
    clientId: optionalGuid,
    description,
  })
  .superRefine(dateRange('start', 'end'));

export const commentSchema = z.object({
  comment: z
    .string(code('text_required'))
    .trim()
    .min(1, code('text_required'))
    .max(LIMITS.comment, code('text_too_long')),
});

export const memberSchema = z.object({
  projectId: guidSchema,
  contactId: z.string(code('choice_required')).refine(isGuid, code('choice_required')),
  role: z.enum(Object.keys(ROLE_VALUES) as [keyof typeof ROLE_VALUES], code('choice_required')),
});

export const listSchema = z.object({
  search: z.string().max(LIMITS.search, code('search_too_long')).optional().default(''),
  skip: z.coerce.number().int().min(0).max(10_000).optional().default(0),
  mine: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  favorites: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
  category: z.string().max(100, code('search_too_long')).optional(),
});

export const newFormSchema = z.object({
  name: z.string().max(LIMITS.name, code('name_too_long')).optional().default(''),
  projectId: optionalGuid,
});

/** The bot's words for each domain code; `choice_required` names the choice the field stands for. */
function stringKeyFor(issueCode: ValidationCode, field: string): { key: StringKey; max?: number } {
  switch (issueCode) {
    case 'name_required':
      return { key: 'errorNameRequired' };
    case 'name_too_long':
      return { key: 'errorNameTooLong', max: LIMITS.name };
    case 'text_required':
      return { key: 'errorCommentRequired' };
    case 'text_too_long':
      return { key: 'errorTextTooLong', max: field === 'comment' ? LIMITS.comment : LIMITS.description };
    case 'effort_out_of_range':
      return { key: 'errorEffort', max: LIMITS.effortHours };
    case 'invalid_date':
      return { key: 'errorDate' };
    case 'end_before_start':
      return { key: 'errorEndBeforeStart' };
    case 'choice_required':
      return {
        key: field === 'role' ? 'errorRoleRequired' : field === 'priority' ? 'errorPriority' : 'errorContactRequired',
      };
    case 'search_too_long':
      return { key: 'errorTextTooLong', max: LIMITS.search };
    case 'invalid_id':
    case 'api_key_required':
    case 'api_key_malformed':
      return { key: 'invalidCardData' };
    default:
      return unreachable(issueCode);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled validation code ${String(value)}`);
}

function messageFor(issue: ValidationIssue, locale: Locale): string {
  if (!issue.code) return t(locale, 'invalidCardData', { detail: issue.field || 'data' });
  const { key, max } = stringKeyFor(issue.code, issue.field);
  return t(locale, key, { max: issue.max ?? max ?? 0, detail: issue.field || 'data' });
}

/** Parses card data or throws BadInputError with every problem in the person's language. */
export function parseCardData<T extends z.ZodType>(schema: T, data: unknown, locale: Locale): z.output<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const messages = [...new Set(validationIssues(result.error).map((issue) => messageFor(issue, locale)))];
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
  const id = (key: string) => (isGuid(text(key)) ? text(key) : '');
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
    numberPrefix: text('numberPrefix', 40),
    numberSuffix: text('numberSuffix', 40),
    categoryIds: text('categoryIds', 4_000)
      .split(',')
      .map((value) => value.trim().toLowerCase())
      .filter(isGuid)
      .join(','),
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
