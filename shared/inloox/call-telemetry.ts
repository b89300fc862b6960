/**
 * The hook the InLoox transport calls: one client span and the call counters per InLoox request, on the
 * OpenTelemetry API only (a no-op until the server installs an SDK). Never keys, query text or ids.
 */
import { context, metrics, SpanKind, SpanStatusCode, trace, type Counter, type Meter } from '@opentelemetry/api';

export const TELEMETRY_SCOPE = 'inloox-m365';
export const ERRORS_COUNTER = 'app.errors';
export const ERRORS_DESCRIPTION = 'Failures by kind and where they happened';

export interface InLooxCallTrace {
  /** Time this attempt waited for a slot of the per-key rate limiter. */
  limiterWaited(ms: number): void;
  /** InLoox answered 429; the transport waits `ms` before trying again. */
  throttled(ms: number): void;
  retried(): void;
  status(code: number): void;
}

interface Counters {
  calls: Counter;
  throttled: Counter;
  avoided: Counter;
  errors: Counter;
}

// The metrics API has no proxy: counters made before the SDK is installed stay no-ops, so they follow the meter.
let cache: { meter: Meter; counters: Counters } | undefined;
function counters(): Counters {
  const meter = metrics.getMeter(TELEMETRY_SCOPE);
  if (cache?.meter !== meter) {
    cache = {
      meter,
      counters: {
        calls: meter.createCounter('inloox.calls', { description: 'InLoox API calls by entity set and outcome' }),
        throttled: meter.createCounter('inloox.throttled', { description: '429 answers received from InLoox' }),
        avoided: meter.createCounter('inloox.throttle.avoided', {
          description: 'InLoox calls the per-key rate limiter held back instead of letting InLoox answer 429',
        }),
        errors: meter.createCounter(ERRORS_COUNTER, { description: ERRORS_DESCRIPTION }),
      },
    };
  }
  return cache.counters;
}

/** "Project(…)/Tasks?$filter=…" → "Project": the entity set only, never keys or query text. */
export function entitySetOf(url: URL, base: URL): string {
  const relative = url.pathname.startsWith(base.pathname) ? url.pathname.slice(base.pathname.length) : url.pathname;
  const first = decodeURIComponent(relative.split('/')[0] ?? '').replace(/\(.*$/, '');
  if (!first) return '(service root)';
  return /^[$A-Za-z0-9_.]{1,64}$/.test(first) ? first : '(other)';
}

function errorKind(error: unknown): string {
  const kind = (error as { kind?: unknown })?.kind;
  if (typeof kind === 'string') return kind;
  return error instanceof Error ? error.name : typeof error;
}

export async function traceInLooxCall<T>(
  method: string,
  url: URL,
  base: URL,
  run: (trace: InLooxCallTrace) => Promise<T>,
): Promise<T> {
  const entitySet = entitySetOf(url, base);
  const attributes = { 'http.request.method': method, 'inloox.entity_set': entitySet };
  const span = trace.getTracer(TELEMETRY_SCOPE).startSpan(`InLoox ${method} ${entitySet}`, {
    kind: SpanKind.CLIENT,
    attributes: { ...attributes, 'server.address': base.hostname },
  });
  const metrics = counters();
  let limiterWaitMs = 0;
  let throttleWaitMs = 0;
  let retries = 0;
  let status: number | undefined;
  let outcome = 'ok';
  try {
    return await context.with(trace.setSpan(context.active(), span), () =>
      run({
        limiterWaited(ms) {
          limiterWaitMs += ms;
          if (ms >= 1) metrics.avoided.add(1, { 'inloox.entity_set': entitySet });
        },
        throttled(ms) {
          throttleWaitMs += ms;
          metrics.throttled.add(1, { 'inloox.entity_set': entitySet });
        },
        retried() {
          retries++;
        },
        status(code) {
          status = code;
        },
      }),
    );
  } catch (error) {
    outcome = errorKind(error);
    span.setAttribute('error.type', outcome);
    span.setStatus({ code: SpanStatusCode.ERROR });
    metrics.errors.add(1, { 'error.type': outcome, source: 'inloox' });
    throw error;
  } finally {
    span.setAttributes({
      'inloox.retries': retries,
      'inloox.rate_limiter.wait_ms': Math.round(limiterWaitMs),
      'inloox.throttle.wait_ms': Math.round(throttleWaitMs),
      ...(status === undefined ? {} : { 'http.response.status_code': status }),
    });
    metrics.calls.add(1, { ...attributes, outcome });
    span.end();
  }
}
