/**
 * The wire contract of every JSON API of the product (add-in, tab, bot edge): the error body and its stable codes
 * with their HTTP status. Server and browser code both import this module; it depends on nothing.
 */

/** Every code a server answer can carry, with its HTTP status and whether trying again later may succeed. */
export const ERROR_CODES = {
  invalid_request: { status: 400, retryable: false },
  invalid_key: { status: 400, retryable: false },
  validation: { status: 400, retryable: false },
  missing_identity: { status: 400, retryable: false },
  unauthenticated: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  cross_site_request: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  route_not_found: { status: 404, retryable: false },
  not_connected: { status: 409, retryable: false },
  needs_reconnect: { status: 409, retryable: false },
  conflict: { status: 409, retryable: false },
  form_in_progress: { status: 409, retryable: true },
  too_large: { status: 413, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  too_complex: { status: 422, retryable: false },
  throttled: { status: 429, retryable: true },
  too_many_attempts: { status: 429, retryable: true },
  internal: { status: 500, retryable: true },
  inloox_unavailable: { status: 502, retryable: true },
  sign_in_unavailable: { status: 503, retryable: true },
  connection_unreadable: { status: 503, retryable: true },
  busy: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Codes the browser clients make up themselves: no server answer could be read, the host's single sign-on
 * failed before any request, or the page's own code failed.
 */
export type ClientErrorCode = 'network' | 'bad_response' | 'sso_failed' | 'client';

/** The JSON error body: a stable code for program logic and a message in the user's language, ready to show. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string; retryAfterSeconds?: number };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** True for a body of the contract's shape; the code is read as text so a newer server's code still shows. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return !!error && typeof error === 'object' && typeof error.code === 'string' && typeof error.message === 'string';
}
