/**
 * botbuilder's CloudAdapter answers its own failures with the error's text as the body (a 401 for a refused
 * token, a 500 with whatever a turn threw). This wrapper hands it our response with one change: any answer of
 * 400 or more keeps its status but carries the product's JSON error body instead, so no internal text or stack
 * reaches callers.
 */
import type { Request, Response } from 'express';
import { requestLocale, toApiError } from '../server/api-errors';
import { AppError } from '../shared/errors/app-error';

function failureFor(status: number): AppError {
  if (status === 401 || status === 403) return new AppError('unauthenticated', { detail: `adapter ${status}` });
  if (status === 404 || status === 405) return new AppError('route_not_found');
  if (status < 500) return new AppError('invalid_request', { invalidReason: 'unreadable_request' });
  return new AppError('internal', { detail: `adapter ${status}` });
}

/** The subset of a response botbuilder uses (status, header, send, end). */
export interface AdapterResponse {
  status(code: number): AdapterResponse;
  header(name: string, value: unknown): AdapterResponse;
  send(body?: unknown): AdapterResponse;
  end(): AdapterResponse;
}

export function guardedResponse(req: Request, res: Response): AdapterResponse {
  let status = 200;
  const fail = () => {
    if (res.headersSent) return;
    const mapped = toApiError(failureFor(status), requestLocale(req), 'teams');
    res.status(status).set(mapped.headers).set('Cache-Control', 'no-store').json(mapped.body);
  };
  const wrapped: AdapterResponse = {
    status(code) {
      status = code;
      if (code < 400) res.status(code);
      return wrapped;
    },
    header(name, value) {
      res.header(name, value as string);
      return wrapped;
    },
    send(body) {
      if (status >= 400) fail();
      else res.send(body);
      return wrapped;
    },
    end() {
      if (status >= 400) fail();
      else if (!res.writableEnded) res.end();
      return wrapped;
    },
  };
  return wrapped;
}
