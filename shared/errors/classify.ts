/**
 * Turns anything thrown into an AppError, by type and never by name: the product's own errors are AppErrors
 * already; sign-in failures, malformed requests (express and body-parser mark them with a 4xx status and a
 * `type`) and everything unexpected are mapped here. Unexpected errors become 'internal' without their text.
 */
import { EntraTokenError } from '../auth/entra-token';
import { AppError } from './app-error';

interface HttpErrorLike {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
}

function clientStatus(error: HttpErrorLike): number | undefined {
  const status = typeof error.status === 'number' ? error.status : error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof EntraTokenError) {
    return new AppError(error.status === 503 ? 'sign_in_unavailable' : 'unauthenticated', { detail: error.code });
  }
  if (error && typeof error === 'object') {
    const status = clientStatus(error as HttpErrorLike);
    if (status === 413) return new AppError('too_large', { detail: String((error as HttpErrorLike).type ?? '') });
    if (status === 415) return new AppError('unsupported_media_type');
    // Unreadable JSON, a malformed URL escape, a wrong charset: the request itself, not the server.
    if (status !== undefined) return new AppError('invalid_request', { invalidReason: 'unreadable_request' });
  }
  return new AppError('internal', { cause: error });
}
