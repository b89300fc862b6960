/**
 * Spans and counters of the server side, on the OpenTelemetry API only. Without an SDK (sdk.ts installs one when
 * an exporter is configured) every call here is a no-op. Attributes never carry keys, tokens, message or task text,
 * or names; a person appears only as hashPersonId().
 */
import { createHash } from 'node:crypto';
import {
  context,
  metrics,
  SpanStatusCode,
  trace,
  type Attributes,
  type Counter,
  type Meter,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { ERRORS_COUNTER, ERRORS_DESCRIPTION, TELEMETRY_SCOPE } from '../../shared/inloox/call-telemetry';

export { TELEMETRY_SCOPE };

export function tracer() {
  return trace.getTracer(TELEMETRY_SCOPE);
}

interface Instruments {
  errors: Counter;
  notificationsSent: Counter;
}

// The metrics API has no proxy: instruments made before the SDK is installed stay no-ops, so they follow the meter.
let cache: { meter: Meter; instruments: Instruments } | undefined;

function instruments(): Instruments {
  const meter = metrics.getMeter(TELEMETRY_SCOPE);
  if (cache?.meter === meter) return cache.instruments;
  const instruments: Instruments = {
    errors: meter.createCounter(ERRORS_COUNTER, { description: ERRORS_DESCRIPTION }),
    notificationsSent: meter.createCounter('notifications.sent', { description: 'Proactive notifications sent' }),
  };
  cache = { meter, instruments };
  return instruments;
}

/** Counts a failure: `kind` is a short code (InLoox error kind, error class), never a message. */
export function countError(kind: string, source: string): void {
  instruments().errors.add(1, { 'error.type': kind, source });
}

/** Counts a proactive notification that reached a person's conversation. */
export function countNotificationSent(kind: string): void {
  instruments().notificationsSent.add(1, { 'notification.kind': kind });
}

/** A stable pseudonym for a person (tenant + Entra object id): joins their spans without saying who they are. */
export function hashPersonId(tenantId: string, objectId: string): string {
  return createHash('sha256').update(`${tenantId.toLowerCase()}|${objectId.toLowerCase()}`).digest('hex').slice(0, 16);
}

/** The short, non-identifying kind of an error: an InLoox error's kind, else the class name. */
export function errorKind(error: unknown): string {
  const kind = (error as { kind?: unknown })?.kind;
  if (typeof kind === 'string') return kind;
  return error instanceof Error ? error.name : typeof error;
}

/** Runs `fn` in an active span that ends with it; a throw marks the span as failed with the error's kind only. */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(name, options);
  try {
    return await context.with(trace.setSpan(context.active(), span), () => fn(span));
  } catch (error) {
    span.setAttribute('error.type', errorKind(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
