import type { Locale, Localized } from '../i18n';

export type InLooxErrorKind =
  | 'auth' // 401: key unknown or revoked
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'validation' // 400 from InLoox, or input rejected before sending
  | 'throttled' // 429 that could not be absorbed by waiting
  | 'unavailable'; // 5xx, timeout, connection reset, malformed response

const MESSAGES: Record<InLooxErrorKind, Localized> = {
  auth: {
    en: 'InLoox did not accept your access token. Please connect again with a new personal access token.',
    de: 'InLoox hat Ihr Zugriffstoken nicht akzeptiert. Bitte verbinden Sie sich erneut mit einem neuen persönlichen Zugriffstoken.',
  },
  forbidden: {
    en: 'You do not have permission to do this in InLoox.',
    de: 'Sie haben in InLoox keine Berechtigung dafür.',
  },
  not_found: {
    en: 'This item no longer exists in InLoox.',
    de: 'Dieses Element gibt es in InLoox nicht mehr.',
  },
  conflict: {
    en: 'InLoox reported a conflict: the item was changed in the meantime. Please reload and try again.',
    de: 'InLoox meldet einen Konflikt: Das Element wurde zwischenzeitlich geändert. Bitte neu laden und erneut versuchen.',
  },
  validation: {
    en: 'InLoox could not accept the entered values.',
    de: 'InLoox konnte die eingegebenen Werte nicht übernehmen.',
  },
  throttled: {
    en: 'InLoox is busy right now. Please try again in {seconds} s.',
    de: 'InLoox ist gerade ausgelastet. Bitte versuchen Sie es in {seconds} s erneut.',
  },
  unavailable: {
    en: 'InLoox is not reachable at the moment. Please try again later.',
    de: 'InLoox ist im Moment nicht erreichbar. Bitte versuchen Sie es später erneut.',
  },
};

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

/** The one error type of every InLoox call. Safe to show via userMessage(); never carries the API key. */
export class InLooxError extends Error {
  readonly kind: InLooxErrorKind;
  readonly details: InLooxErrorDetails;

  constructor(kind: InLooxErrorKind, details: InLooxErrorDetails = {}) {
    super(`InLoox ${kind}${details.status ? ` (${details.status})` : ''}${details.field ? ` [${details.field}]` : ''}`);
    this.name = 'InLooxError';
    this.kind = kind;
    this.details = details;
  }

  userMessage(locale: Locale): string {
    const text = MESSAGES[this.kind][locale].replace('{seconds}', String(this.details.retryAfterSeconds ?? 60));
    if (this.kind === 'validation' && this.details.field) {
      return locale === 'de' ? `${text} (Feld: ${this.details.field})` : `${text} (field: ${this.details.field})`;
    }
    return text;
  }
}

export function isInLooxError(error: unknown): error is InLooxError {
  return error instanceof InLooxError;
}
