import type { Request, Response } from 'express';
import { EntraTokenError } from '../shared/auth/entra-token';
import { NotConnectedError } from '../shared/connections';
import { toLocale, type Locale, type Localized } from '../shared/i18n';
import { isInLooxError, type InLooxErrorKind } from '../shared/inloox/errors';
import { HtmlLimitError, type HtmlLimitCode } from '../shared/sanitize/limits';
import { FormInProgressError } from '../shared/state/once';
import type { ApiErrorBody } from '../ui/api';
import { logger } from './telemetry/logger';

/**
 * One mapping from what can go wrong behind a JSON API route (InLoox errors, missing connection, bad input,
 * failed sign-in) to an HTTP status and the ApiErrorBody the browser clients read with ui/api.ts fetchJson.
 * Messages are in the user's language; nothing technical (stack, token, key) ever reaches the body.
 */

/** Input rejected before anything was sent to InLoox. */
export class RequestValidationError extends Error {
  readonly field?: string;
  readonly messages: Localized;
  /** Stable code for the client; 'invalid_request' unless the route knows better (e.g. 'invalid_key'). */
  readonly code: string;
  constructor(messages: Localized, field?: string, code = 'invalid_request') {
    super(`Invalid request${field ? ` [${field}]` : ''}`);
    this.name = 'RequestValidationError';
    this.messages = messages;
    this.field = field;
    this.code = code;
  }
}

/** A route or resource of our own API that does not exist (not an InLoox 404). */
export class RouteNotFoundError extends Error {
  constructor() {
    super('Not found');
    this.name = 'RouteNotFoundError';
  }
}

const FORM_IN_PROGRESS: Localized = {
  en: 'This form is being sent already. Please wait a moment; nothing is created twice.',
  de: 'Dieses Formular wird bereits gesendet. Bitte warten Sie einen Moment; es wird nichts doppelt angelegt.',
};

const ROUTE_NOT_FOUND: Localized = {
  en: 'This address does not exist.',
  de: 'Diese Adresse gibt es nicht.',
};

/** The request carries no acceptable identity (missing, expired or foreign SSO token; dev identity off loopback). */
export class UnauthenticatedError extends Error {
  constructor(detail = 'unauthenticated') {
    super(detail);
    this.name = 'UnauthenticatedError';
  }
}

const UNAUTHENTICATED: Localized = {
  en: 'Your sign-in could not be verified. Please reload the app in Teams.',
  de: 'Ihre Anmeldung konnte nicht bestätigt werden. Bitte laden Sie die App in Teams neu.',
};
const SIGN_IN_UNAVAILABLE: Localized = {
  en: 'Your sign-in cannot be checked right now. Please try again in a moment.',
  de: 'Ihre Anmeldung kann gerade nicht geprüft werden. Bitte versuchen Sie es gleich noch einmal.',
};
const INTERNAL: Localized = {
  en: 'Something went wrong on our side. Please try again.',
  de: 'Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.',
};

const INLOOX_STATUS: Record<InLooxErrorKind, { status: number; code: string }> = {
  auth: { status: 409, code: 'needs_reconnect' },
  forbidden: { status: 403, code: 'forbidden' },
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  validation: { status: 400, code: 'validation' },
  throttled: { status: 429, code: 'throttled' },
  unavailable: { status: 502, code: 'inloox_unavailable' },
};

const HTML_LIMIT_STATUS: Record<HtmlLimitCode, number> = { too_large: 413, too_complex: 422, busy: 503 };

export interface ApiErrorResponse {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

/** True for errors that mean "who is calling could not be established" (ours or a sign-in module's own type). */
function isUnauthenticated(error: unknown): boolean {
  if (error instanceof UnauthenticatedError) return true;
  const candidate = error as { name?: unknown; status?: unknown; statusCode?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return false;
  return (
    candidate.status === 401 ||
    candidate.statusCode === 401 ||
    (typeof candidate.name === 'string' &&
      /^(Unauthenticated|Identity|Auth(entication)?|Token)\w*Error$/.test(candidate.name))
  );
}

export function toApiError(error: unknown, locale: Locale): ApiErrorResponse {
  if (error instanceof RequestValidationError) {
    return {
      status: 400,
      body: {
        error: { code: error.code, message: error.messages[locale], ...(error.field ? { field: error.field } : {}) },
      },
      headers: {},
    };
  }
  if (error instanceof HtmlLimitError) {
    return {
      status: HTML_LIMIT_STATUS[error.code],
      body: { error: { code: error.code, message: error.userMessage(locale) } },
      headers: error.code === 'busy' ? { 'Retry-After': '5' } : {},
    };
  }
  if (error instanceof FormInProgressError) {
    return {
      status: 409,
      body: { error: { code: 'form_in_progress', message: FORM_IN_PROGRESS[locale] } },
      headers: { 'Retry-After': '2' },
    };
  }
  if (error instanceof RouteNotFoundError) {
    return { status: 404, body: { error: { code: 'route_not_found', message: ROUTE_NOT_FOUND[locale] } }, headers: {} };
  }
  if (error instanceof NotConnectedError) {
    return { status: 409, body: { error: { code: error.reason, message: error.userMessage(locale) } }, headers: {} };
  }
  if (isInLooxError(error)) {
    const { status, code } = INLOOX_STATUS[error.kind];
    const retryAfterSeconds = error.kind === 'throttled' ? (error.details.retryAfterSeconds ?? 60) : undefined;
    return {
      status,
      body: {
        error: {
          code,
          message: error.userMessage(locale),
          ...(error.details.field ? { field: error.details.field } : {}),
          ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        },
      },
      headers: retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {},
    };
  }
  if (error instanceof EntraTokenError && error.status === 503) {
    return {
      status: 503,
      body: { error: { code: 'sign_in_unavailable', message: SIGN_IN_UNAVAILABLE[locale] } },
      headers: { 'Retry-After': '30' },
    };
  }
  if (isUnauthenticated(error)) {
    return { status: 401, body: { error: { code: 'unauthenticated', message: UNAUTHENTICATED[locale] } }, headers: {} };
  }
  return { status: 500, body: { error: { code: 'internal', message: INTERNAL[locale] } }, headers: {} };
}

/** The user's language for messages: the Accept-Language the client sends (its Teams/Office locale). */
export function requestLocale(req: Request): Locale {
  return toLocale(req.get('accept-language')?.split(',')[0]);
}

/** Sends the mapped error; logs only unexpected failures, by name and message (never request bodies or headers). */
export function sendApiError(req: Request, res: Response, error: unknown): void {
  const mapped = toApiError(error, requestLocale(req));
  if (mapped.status === 500) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    logger.error({ event: 'api_failed', method: req.method, path: `${req.baseUrl}${req.path}`, name, message });
  }
  if (res.headersSent) return;
  res.status(mapped.status).set(mapped.headers).set('Cache-Control', 'no-store').json(mapped.body);
}
