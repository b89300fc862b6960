import { isApiErrorBody, type ApiErrorBody, type ClientErrorCode, type ErrorCode } from '../shared/errors/wire';

/** The JSON error body every server API of the product returns (the wire contract in shared/errors/wire.ts). */
export type { ApiErrorBody };

/** A failed API call: `code` is stable for program logic, `message` is ready to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly field?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    status: number,
    code: ErrorCode | ClientErrorCode,
    message: string,
    field?: string,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface FetchJsonOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bearer token for this one request; never stored. */
  token?: string;
  locale?: string;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** Messages for failures that happen before the server could answer in the user's language. */
const TRANSPORT_MESSAGES = {
  network: {
    en: 'The server could not be reached. Please check your connection and try again.',
    de: 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  },
  bad_response: {
    en: 'The server sent an unexpected answer. Please try again.',
    de: 'Der Server hat unerwartet geantwortet. Bitte versuchen Sie es erneut.',
  },
};

function transportMessage(kind: keyof typeof TRANSPORT_MESSAGES, locale: string | undefined): string {
  return TRANSPORT_MESSAGES[kind][locale?.toLowerCase().startsWith('de') ? 'de' : 'en'];
}

/**
 * Calls a JSON API of this server. Resolves with the parsed body; rejects with ApiError whose message can be
 * shown as is (aborts reject with the AbortError unchanged so callers can ignore them).
 */
export async function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.locale) headers['Accept-Language'] = options.locale;
  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', transportMessage('network', options.locale));
  }
  let parsed: unknown;
  try {
    const text = await response.text();
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(response.status, 'bad_response', transportMessage('bad_response', options.locale));
  }
  if (!response.ok) {
    if (isApiErrorBody(parsed)) {
      const { code, message, field, retryAfterSeconds } = parsed.error;
      throw new ApiError(response.status, code, message, field, retryAfterSeconds);
    }
    throw new ApiError(response.status, 'bad_response', transportMessage('bad_response', options.locale));
  }
  return parsed as T;
}
