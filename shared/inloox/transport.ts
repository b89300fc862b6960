/**
 * One HTTP exchange with InLoox, with the limits InLoox needs: per-key rate limiting, request timeout,
 * waiting out 429 Retry-After, jittered retries where a retry cannot duplicate data, and typed errors.
 *
 * Retry policy by what a request does:
 * - 'read' (GET) and 'idempotent' (PATCH, DELETE): retried on 5xx, 408, timeouts and connection resets.
 *   A DELETE that finds the entity gone after an unanswered attempt counts as done.
 * - 'unsafe' (POST: creates and actions): only retried when the request provably never reached InLoox
 *   (connection refused, DNS) or InLoox refused it with 429. Otherwise the error carries outcomeUnknown.
 * Requests never leave the configured origin and base path, and redirects are not followed (the x-api-key
 * header must never travel to another host).
 */
import { traceInLooxCall, type InLooxCallTrace } from './call-telemetry';
import { InLooxError, type InLooxErrorKind } from './errors';
import type { RateLimiter } from './limiter';

export type RequestKind = 'read' | 'idempotent' | 'unsafe';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RetryOptions {
  /** Total attempts for retryable failures (first try included). Default 3. */
  attempts?: number;
  /** First backoff delay; doubles per attempt, with jitter. Default 300 ms. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Longest total time one call waits out 429 answers before giving up with 'throttled'. Default 60 s. */
  maxThrottleWaitMs?: number;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  keyId: string;
  limiter?: RateLimiter;
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Relative to the base URL ("Project(…)"), or an absolute URL on the base (an @odata.nextLink). */
  path: string;
  body?: unknown;
  kind: RequestKind;
  headers?: Record<string, string>;
}

export interface TransportResponse {
  status: number;
  body: unknown;
  /** Where InLoox says a created entity lives (OData-EntityId or Location header), if it said so. */
  entityUrl?: string;
}

type Failure =
  | { type: 'status'; status: number; retryAfterMs?: number; body: unknown }
  | { type: 'timeout' }
  | { type: 'not-sent'; code: string }
  | { type: 'reset'; code: string };

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function normalizeBaseUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('InLoox base URL must be http(s)');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** Retry-After: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'UNKNOWN';
}

function kindForStatus(status: number): InLooxErrorKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  return 'unavailable';
}

/** The field an OData / ASP.NET error body points at, if any. */
function fieldFromBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (error && typeof error === 'object') {
    const target = (error as { target?: unknown }).target;
    if (typeof target === 'string' && target) return target;
    const details = (error as { details?: unknown }).details;
    if (Array.isArray(details)) {
      for (const detail of details) {
        const t = (detail as { target?: unknown })?.target;
        if (typeof t === 'string' && t) return t;
      }
    }
  }
  const errors = (body as { errors?: unknown }).errors;
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) return Object.keys(errors)[0];
  return undefined;
}

function messageFromBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (error && typeof error === 'object') {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  const message = (body as { message?: unknown }).message ?? (body as { title?: unknown }).title;
  return typeof message === 'string' ? message : undefined;
}

export class InLooxTransport {
  readonly baseUrl: URL;
  readonly #apiKey: string;
  private readonly keyId: string;
  private readonly limiter?: RateLimiter;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxThrottleWaitMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** Writes of one key go out one after the other, so they reach InLoox in the order they were issued. */
  private writeChain: Promise<unknown> = Promise.resolve();

  constructor(options: TransportOptions) {
    if (!options.apiKey) throw new InLooxError('auth', { detail: 'no API key' });
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#apiKey = options.apiKey;
    this.keyId = options.keyId;
    this.limiter = options.limiter;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.attempts = Math.max(1, options.retry?.attempts ?? 3);
    this.baseDelayMs = options.retry?.baseDelayMs ?? 300;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 5_000;
    this.maxThrottleWaitMs = options.retry?.maxThrottleWaitMs ?? 60_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  /** Resolves a path or nextLink and refuses anything outside the configured origin and base path. */
  resolve(path: string): URL {
    let url: URL;
    try {
      url = new URL(path, this.baseUrl);
    } catch {
      throw new InLooxError('unavailable', { detail: 'unparseable URL from InLoox' });
    }
    if (url.origin !== this.baseUrl.origin || !url.pathname.startsWith(this.baseUrl.pathname)) {
      throw new InLooxError('unavailable', { detail: `refused to follow a link outside ${this.baseUrl.origin}` });
    }
    return url;
  }

  request(spec: RequestSpec): Promise<TransportResponse> {
    if (spec.method === 'GET') return this.send(spec);
    const run = this.writeChain.then(() => this.send(spec));
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private send(spec: RequestSpec): Promise<TransportResponse> {
    const url = this.resolve(spec.path);
    return traceInLooxCall(spec.method, url, this.baseUrl, (call) => this.sendTraced(spec, url, call));
  }

  private async sendTraced(spec: RequestSpec, url: URL, call: InLooxCallTrace): Promise<TransportResponse> {
    const where = `${spec.method} ${url.pathname}`;
    let attempt = 0;
    let throttleWaitedMs = 0;
    let unanswered = false;
    for (;;) {
      const queued = performance.now();
      const release = this.limiter ? await this.limiter.acquire(this.keyId) : undefined;
      call.limiterWaited(performance.now() - queued);
      let outcome: TransportResponse | Failure;
      try {
        outcome = await this.once(url, spec);
      } finally {
        release?.();
      }
      if (!('type' in outcome)) {
        call.status(outcome.status);
        return outcome;
      }
      const failure = outcome;
      if (failure.type === 'status') call.status(failure.status);

      if (failure.type === 'status' && failure.status === 429) {
        const waitMs = failure.retryAfterMs ?? 1_000;
        if (throttleWaitedMs + waitMs > this.maxThrottleWaitMs) {
          throw new InLooxError('throttled', {
            status: 429,
            retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
            detail: `${where}: InLoox asked to wait longer than allowed`,
          });
        }
        throttleWaitedMs += waitMs;
        call.throttled(waitMs);
        this.limiter?.pause(this.keyId, waitMs);
        await this.sleep(waitMs);
        continue;
      }

      if (failure.type === 'status' && failure.status === 404 && spec.method === 'DELETE' && unanswered) {
        return { status: 204, body: undefined };
      }

      const retryable = this.isRetryable(spec.kind, failure);
      attempt++;
      if (retryable && attempt < this.attempts) {
        call.retried();
        if (failure.type !== 'status' && failure.type !== 'not-sent') unanswered = true;
        if (failure.type === 'status' && failure.status >= 500) unanswered = true;
        await this.sleep(this.backoff(attempt));
        continue;
      }
      throw this.toError(failure, spec, where);
    }
  }

  private isRetryable(kind: RequestKind, failure: Failure): boolean {
    if (failure.type === 'not-sent') return true;
    if (kind === 'unsafe') return false;
    if (failure.type === 'timeout' || failure.type === 'reset') return true;
    return failure.status >= 500 || failure.status === 408;
  }

  private backoff(attempt: number): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exponential / 2 + (this.random() * exponential) / 2);
  }

  private async once(url: URL, spec: RequestSpec): Promise<TransportResponse | Failure> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-api-key': this.#apiKey,
      ...spec.headers,
    };
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      if (name === 'TimeoutError' || name === 'AbortError') return { type: 'timeout' };
      const code = errorCode(error);
      return NOT_SENT_CODES.has(code) ? { type: 'not-sent', code } : { type: 'reset', code };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      if (name === 'TimeoutError' || name === 'AbortError') return { type: 'timeout' };
      return { type: 'reset', code: errorCode(error) };
    }
    let parsed: unknown = undefined;
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text.slice(0, 300);
        if (response.ok) return { type: 'status', status: 502, body: 'InLoox answered with malformed JSON' };
      }
    }
    if (response.ok) {
      const entityUrl = response.headers.get('odata-entityid') ?? response.headers.get('location') ?? undefined;
      return { status: response.status, body: parsed, entityUrl };
    }
    return {
      type: 'status',
      status: response.status,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      body: parsed,
    };
  }

  private scrub(text: string): string {
    return text.split(this.#apiKey).join('***').slice(0, 300);
  }

  private toError(failure: Failure, spec: RequestSpec, where: string): InLooxError {
    const unsafe = spec.kind === 'unsafe';
    if (failure.type === 'timeout') {
      return new InLooxError('unavailable', {
        detail: `${where}: timed out after ${this.timeoutMs} ms`,
        outcomeUnknown: unsafe || undefined,
      });
    }
    if (failure.type === 'reset' || failure.type === 'not-sent') {
      return new InLooxError('unavailable', {
        detail: `${where}: connection failed (${failure.code})`,
        outcomeUnknown: (unsafe && failure.type === 'reset') || undefined,
      });
    }
    const { status } = failure;
    const kind = status >= 300 && status < 400 ? 'unavailable' : kindForStatus(status);
    const message = messageFromBody(failure.body);
    return new InLooxError(kind, {
      status,
      field: kind === 'validation' ? fieldFromBody(failure.body) : undefined,
      detail: this.scrub(`${where}: ${status}${message ? ` ${message}` : ''}`),
      outcomeUnknown: unsafe && status >= 500 && status !== 503 ? true : undefined,
    });
  }
}
