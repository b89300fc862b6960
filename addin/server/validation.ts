/** Validation of every input of the add-in API; failures become RequestValidationError with en/de messages. */
import { z } from 'zod';
import { RequestValidationError } from '../../server/api-errors';
import type { Localized } from '../../shared/i18n';
import {
  apiKeySchema,
  dateRange,
  effortHoursSchema,
  guidSchema,
  nameSchema,
  validationIssues,
} from '../../shared/domain';
import { HtmlLimitError, markupLength, MAX_MARKUP_CHARS, type HtmlSource } from '../../shared/sanitize/limits';
import { LIMITS, type AddNoteRequest, type CreateTaskRequest, type PreviewRequest } from '../contract';

const MESSAGES: Record<string, Localized> = {
  body: { en: 'The request is not valid.', de: 'Die Anfrage ist ungültig.' },
  name: {
    en: `Please enter a task name (at most ${LIMITS.nameMaxLength} characters).`,
    de: `Bitte geben Sie einen Aufgabennamen ein (höchstens ${LIMITS.nameMaxLength} Zeichen).`,
  },
  projectId: { en: 'Please choose a project from the list.', de: 'Bitte wählen Sie ein Projekt aus der Liste.' },
  assigneeId: { en: 'Please choose a person from the list.', de: 'Bitte wählen Sie eine Person aus der Liste.' },
  taskId: { en: 'Please choose a task from the list.', de: 'Bitte wählen Sie eine Aufgabe aus der Liste.' },
  startDateTime: { en: 'The start date is not valid.', de: 'Das Startdatum ist ungültig.' },
  endDateTime: { en: 'The end date is not valid.', de: 'Das Enddatum ist ungültig.' },
  endBeforeStart: { en: 'The end cannot be before the start.', de: 'Das Ende darf nicht vor dem Beginn liegen.' },
  workAmount: {
    en: `The effort must be a number of hours from 0 to ${LIMITS.workAmountMaxHours}.`,
    de: `Der Aufwand muss eine Stundenzahl von 0 bis ${LIMITS.workAmountMaxHours} sein.`,
  },
  descriptionHtml: {
    en: 'The description is too long.',
    de: 'Die Beschreibung ist zu lang.',
  },
  html: { en: 'The comment is empty or too long.', de: 'Der Kommentar ist leer oder zu lang.' },
  q: {
    en: `The search text can have at most ${LIMITS.searchMaxLength} characters.`,
    de: `Der Suchtext darf höchstens ${LIMITS.searchMaxLength} Zeichen haben.`,
  },
  email: { en: 'The email could not be read.', de: 'Die E-Mail konnte nicht gelesen werden.' },
  bodyHtml: { en: 'The email is too large.', de: 'Die E-Mail ist zu groß.' },
  apiKey: {
    en: 'Please enter your personal access token.',
    de: 'Bitte geben Sie Ihr persönliches Zugriffstoken ein.',
  },
};

export function invalid(field: string): RequestValidationError {
  return new RequestValidationError(MESSAGES[field] ?? MESSAGES.body!, field === 'body' ? undefined : field);
}

const guid = guidSchema;
const isoInstant = z.iso.datetime({ offset: true });
const address = z.object({ name: z.string().max(320), email: z.string().max(320) });

const previewSchema = z.object({
  email: z.object({
    subject: z.string().max(2000),
    from: address.optional(),
    to: z.array(address).max(LIMITS.addressesMax),
    cc: z.array(address).max(LIMITS.addressesMax),
    date: isoInstant.optional(),
    bodyHtml: z.string().max(LIMITS.bodyHtmlMaxChars),
    bodyText: z.string().max(LIMITS.bodyHtmlMaxChars).optional(),
    attachments: z
      .array(
        z.object({
          name: z.string().max(500),
          contentType: z.string().max(200).optional(),
          contentId: z.string().max(500).optional(),
          isInline: z.boolean(),
          size: z.number().int().nonnegative().optional(),
          dataUrl: z.string().max(LIMITS.bodyHtmlMaxChars).optional(),
        }),
      )
      .max(LIMITS.attachmentsMax)
      .optional(),
  }),
  trimQuoted: z.boolean(),
  timeZone: z.string().max(64).optional(),
});

const createSchema = z
  .object({
    name: nameSchema,
    projectId: guid,
    startDateTime: isoInstant,
    endDateTime: isoInstant,
    workAmount: effortHoursSchema,
    assigneeId: guid.optional(),
    descriptionHtml: z.string().max(LIMITS.descriptionMaxChars),
    formId: guid.optional(),
  })
  .superRefine(dateRange('startDateTime', 'endDateTime'));

const noteSchema = z.object({ html: z.string().min(1).max(LIMITS.descriptionMaxChars) });

/** The first field zod complained about, as our field name. */
function fieldOf(error: z.ZodError): string {
  const path = error.issues[0]?.path ?? [];
  if (path[0] === 'email')
    return path[1] === 'bodyHtml' || path[1] === 'bodyText' || path[1] === 'attachments' ? 'bodyHtml' : 'email';
  return typeof path[0] === 'string' ? path[0] : 'body';
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  if (validationIssues(result.error)[0]?.code === 'end_before_start') {
    throw new RequestValidationError(MESSAGES.endBeforeStart!, 'endDateTime');
  }
  throw invalid(fieldOf(result.error));
}

/** The cheap size check before any parsing: markup beyond MAX_MARKUP_CHARS (embedded images apart) is refused. */
function checkMarkup(source: HtmlSource, ...values: (string | undefined)[]): void {
  if (values.some((value) => value !== undefined && markupLength(value) > MAX_MARKUP_CHARS))
    throw new HtmlLimitError('too_large', source);
}

export function parsePreview(body: unknown): PreviewRequest {
  const request = parse(previewSchema, body);
  checkMarkup('email', request.email.bodyHtml, request.email.bodyText);
  if (request.timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: request.timeZone });
    } catch {
      delete request.timeZone;
    }
  }
  return request;
}

export function parseCreateTask(body: unknown): CreateTaskRequest {
  const request = parse(createSchema, body);
  checkMarkup('description', request.descriptionHtml);
  return request;
}

export function parseNote(body: unknown): AddNoteRequest {
  const request = parse(noteSchema, body);
  checkMarkup('description', request.html);
  return request;
}

export function parseTaskId(value: unknown): string {
  const result = guidSchema.safeParse(value);
  if (!result.success) throw invalid('taskId');
  return result.data.toLowerCase();
}

export function parseSearch(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.length > LIMITS.searchMaxLength) throw invalid('q');
  return value.trim();
}

export function parseApiKey(body: unknown): string {
  const result = apiKeySchema.safeParse((body as { apiKey?: unknown } | null)?.apiKey);
  if (!result.success) throw invalid('apiKey');
  return result.data;
}
