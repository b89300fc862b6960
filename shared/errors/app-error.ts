/**
 * The one application error type: a wire code with its HTTP status and retryability, plus the facts a message
 * may use. Its text comes from the catalogue (./messages.ts), never from the place that threw it.
 */
import type { Locale } from '../i18n';
import { errorMessage, type ErrorFacts, type Host, type HtmlSubject, type InvalidReason } from './messages';
import { ERROR_CODES, type ErrorCode } from './wire';

export interface AppErrorOptions {
  invalidReason?: InvalidReason;
  subject?: HtmlSubject;
  field?: string;
  retryAfterSeconds?: number;
  /** Refused custom field values, in the person's language (see ErrorFacts). */
  problems?: string;
  /** Technical detail for logs only; never shown. */
  detail?: string;
  cause?: unknown;
}

export class AppError extends Error implements ErrorFacts {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly invalidReason?: InvalidReason;
  readonly subject?: HtmlSubject;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly problems?: string;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.retryable = ERROR_CODES[code].retryable;
    if (options.invalidReason !== undefined) this.invalidReason = options.invalidReason;
    if (options.subject !== undefined) this.subject = options.subject;
    if (options.field !== undefined) this.field = options.field;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    if (options.problems !== undefined) this.problems = options.problems;
  }

  /** The message for the person, in their language, for the host they are in (default: Teams). */
  userMessage(locale: Locale, host: Host = 'teams'): string {
    return errorMessage(this, locale, host);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
