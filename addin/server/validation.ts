/** Validation of every input of the add-in API; failures become RequestValidationError with the reason and field. */
import { z } from 'zod';
import { RequestValidationError } from '../../server/api-errors';
import type { InvalidReason } from '../../shared/errors/messages';
import {
  apiKeySchema,
  dateRange,
  effortHoursSchema,
  guidSchema,
  nameSchema,
  searchSchema,
  validationIssues,
} from '../../shared/domain';
import { CUSTOM_TEXT_MAX } from '../../shared/domain/custom-field-input';
import { HtmlLimitError, markupLength, MAX_MARKUP_CHARS, type HtmlSource } from '../../shared/sanitize/limits';
import { LIMITS, type AddNoteRequest, type CreateTaskRequest, type PreviewRequest } from '../contract';
import { MAIL_REF_LIMITS } from '../contract-filings';

/** The reason for a refused field when the schema that refused it is the add-in's own, not the domain's. */
const FIELD_REASONS: Record<string, InvalidReason> = {
  name: 'name_required',
  projectId: 'invalid_id',
  assigneeId: 'invalid_id',
  taskId: 'invalid_id',
  startDateTime: 'invalid_date',
  endDateTime: 'invalid_date',
  workAmount: 'effort_out_of_range',
  descriptionHtml: 'text_too_long',
  html: 'text_too_long',
  q: 'search_too_long',
  email: 'email_unreadable',
  bodyHtml: 'email_too_large',
  apiKey: 'api_key_required',
};

export function invalid(field: string, reason?: InvalidReason): RequestValidationError {
  if (field === 'body') return new RequestValidationError('unreadable_request');
  return new RequestValidationError(reason ?? FIELD_REASONS[field] ?? 'unreadable_request', field);
}

const guid = guidSchema;
/** The mail's ids; unreadable ones mean "not remembered", never a refused create. */
export const mailRefSchema = z.object({
  internetMessageId: z.string().trim().min(1).max(MAIL_REF_LIMITS.internetMessageIdMax).optional(),
  conversationId: z.string().trim().min(1).max(MAIL_REF_LIMITS.conversationIdMax).optional(),
});
const optionalMailRef = mailRefSchema.optional().catch(undefined);
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
    restId: z.string().max(MAIL_REF_LIMITS.restIdMax).optional().catch(undefined),
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
    mail: optionalMailRef,
    customFields: z
      .record(z.string().regex(/^cf_[A-Za-z0-9_]{1,200}$/), z.union([z.string().max(CUSTOM_TEXT_MAX), z.boolean()]))
      .refine((inputs) => Object.keys(inputs).length <= 500)
      .optional(),
    timeZone: z.string().max(64).optional(),
  })
  .superRefine(dateRange('startDateTime', 'endDateTime'));

const noteSchema = z.object({
  html: z.string().min(1).max(LIMITS.descriptionMaxChars),
  mail: optionalMailRef,
  formId: guid.optional(),
});

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
  const field = fieldOf(result.error);
  const code = validationIssues(result.error)[0]?.code;
  throw invalid(field, field === 'email' || field === 'bodyHtml' ? undefined : code);
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
  const result = searchSchema.safeParse(value);
  if (!result.success) throw invalid('q');
  return result.data.trim();
}

export function parseApiKey(body: unknown): string {
  const result = apiKeySchema.safeParse((body as { apiKey?: unknown } | null)?.apiKey);
  if (!result.success) throw invalid('apiKey', validationIssues(result.error)[0]?.code);
  return result.data;
}
