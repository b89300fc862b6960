import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError } from '../shared/errors/app-error';
import { toAppError } from '../shared/errors/classify';
import { errorMessage, type Host, type InvalidReason } from '../shared/errors/messages';
import type { ApiErrorBody } from '../shared/errors/wire';
import { toLocale, type Locale } from '../shared/i18n';
import { logger } from './telemetry/logger';

/**
 * The one presenter of failures behind the product's JSON routes: any error becomes an AppError (by type, see
 * shared/errors/classify.ts), whose code, status and retryability decide the answer and whose message comes
 * from the shared catalogue, in the user's language and naming the host they are in. Nothing technical (stack,
 * path, token, key, the text of an unexpected error) ever reaches the body.
 */

/** Input rejected before anything was sent to InLoox. */
export class RequestValidationError extends AppError {
  constructor(
    invalidReason: InvalidReason,
    field?: string,
    code: 'invalid_request' | 'invalid_key' = 'invalid_request',
  ) {
    super(code, { invalidReason, ...(field ? { field } : {}), detail: `Invalid request${field ? ` [${field}]` : ''}` });
    this.name = 'RequestValidationError';
  }
}

/** A route or resource of our own API that does not exist (not an InLoox 404). */
export class RouteNotFoundError extends AppError {
  constructor() {
    super('route_not_found');
    this.name = 'RouteNotFoundError';
  }
}

/** The request carries no acceptable identity (missing, expired or foreign SSO token; dev identity off loopback). */
export class UnauthenticatedError extends AppError {
  constructor(detail = 'unauthenticated') {
    super('unauthenticated', { detail });
    this.name = 'UnauthenticatedError';
  }
}

export interface ApiErrorResponse {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

export function toApiError(error: unknown, locale: Locale, host: Host = 'teams'): ApiErrorResponse {
  const app = toAppError(error);
  const headers: Record<string, string> = {};
  if (app.retryAfterSeconds !== undefined) headers['Retry-After'] = String(app.retryAfterSeconds);
  else if (app.code === 'sign_in_unavailable') headers['Retry-After'] = '30';
  if (app.code === 'unauthenticated') headers['WWW-Authenticate'] = 'Bearer';
  return {
    status: app.status,
    body: {
      error: {
        code: app.code,
        message: errorMessage(app, locale, host),
        ...(app.field ? { field: app.field } : {}),
        ...(app.retryAfterSeconds !== undefined ? { retryAfterSeconds: app.retryAfterSeconds } : {}),
      },
    },
    headers,
  };
}

/** The user's language for messages: the Accept-Language the client sends (its Teams/Office locale). */
export function requestLocale(req: Request): Locale {
  return toLocale(req.get('accept-language')?.split(',')[0]);
}

/** Which app the caller is in, from where the request went: the add-in's, the tab's, or else the bot's routes. */
export function requestHost(req: Request): Host {
  const path = req.originalUrl;
  if (/^\/(addin|dev\/outlook)(\/|\?|$)/.test(path)) return 'outlook';
  if (/^\/tab(\/|\?|$)/.test(path)) return 'tab';
  return 'teams';
}

/** Sends the mapped error; logs only unexpected failures, by name and message (never request bodies or headers). */
export function sendApiError(req: Request, res: Response, error: unknown): void {
  const mapped = toApiError(error, requestLocale(req), requestHost(req));
  if (mapped.status >= 500) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    logger.error({ event: 'api_failed', method: req.method, path: `${req.baseUrl}${req.path}`, name, message });
  }
  if (res.headersSent) return;
  res.status(mapped.status).set(mapped.headers).set('Cache-Control', 'no-store').json(mapped.body);
}

/** The last handler of a router: anything no route answered is a typed 404. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => sendApiError(req, res, new RouteNotFoundError());
}

/**
 * The final error handler of every router and of the app: whatever was thrown or passed on (unreadable JSON,
 * a body over the limit, a malformed URL escape, a bug) is answered as an ApiErrorBody, never as express's
 * HTML error page with its stack trace.
 */
export function finalErrorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    sendApiError(req, res, error);
  };
}
