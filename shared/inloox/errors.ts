import { AppError } from '../errors/app-error';
import { unreachable } from '../errors/messages';
import type { ErrorCode } from '../errors/wire';

export type InLooxErrorKind =
  | 'auth' // 401: key unknown or revoked
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'validation' // 400 from InLoox, or input rejected before sending
  | 'throttled' // 429 that could not be absorbed by waiting
  | 'unavailable'; // 5xx, timeout, connection reset, malformed response

export interface InLooxErrorDetails {
  status?: number;
  /** For validation errors: the input field at fault (e.g. "EndDateTime"). */
  field?: string;
  /** For throttling: how long to wait. */
  retryAfterSeconds?: number;
  /** Technical detail for logs; never contains the API key. */
  detail?: string;
  /** True when a write may have reached InLoox even though we got no answer (do not retry blindly). */
  outcomeUnknown?: boolean;
}

/** The application error code of each kind of InLoox failure. */
function codeOf(kind: InLooxErrorKind): ErrorCode {
  switch (kind) {
    case 'auth':
      return 'needs_reconnect';
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'validation':
    case 'throttled':
      return kind;
    case 'unavailable':
      return 'inloox_unavailable';
    default:
      return unreachable(kind);
  }
}

/**
 * The one error type of every InLoox call, an AppError whose message comes from the shared catalogue
 * (userMessage()); never carries the API key.
 */
export class InLooxError extends AppError {
  readonly kind: InLooxErrorKind;
  readonly details: InLooxErrorDetails;

  constructor(kind: InLooxErrorKind, details: InLooxErrorDetails = {}) {
    super(codeOf(kind), {
      detail: `InLoox ${kind}${details.status ? ` (${details.status})` : ''}${details.field ? ` [${details.field}]` : ''}`,
      ...(details.field ? { field: details.field } : {}),
      ...(kind === 'throttled' ? { retryAfterSeconds: details.retryAfterSeconds ?? 60 } : {}),
    });
    this.name = 'InLooxError';
    this.kind = kind;
    this.details = details;
  }
}

export function isInLooxError(error: unknown): error is InLooxError {
  return error instanceof InLooxError;
}
