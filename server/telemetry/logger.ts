/**
 * Structured JSON logs (pino) for every server code path. Each line carries the trace and span id of the work it
 * belongs to, so a bot turn can be followed from Teams through the InLoox calls. Log event names and kinds, never
 * message text, keys, tokens or names; the redaction below is a second line of defence, not the rule.
 */
import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';

const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'apiKey',
  'api_key',
  'token',
  'authorization',
  'password',
  'secret',
  'x-api-key',
]);
const CENSOR = '[redacted]';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The fields above, on the log object and one level below it, censored. pino's own `redact` with the same paths
 * parsed them and cloned the object on every line (a third of a `help` turn's allocations); this copies only what
 * it censors and nothing on a line without such a field.
 */
export function redactSecrets(object: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let out = object;
  for (const key in object) {
    const value = object[key];
    let replaced: unknown = value;
    if (REDACTED_KEYS.has(key)) replaced = CENSOR;
    else if (depth === 0 && isRecord(value)) replaced = redactSecrets(value, 1);
    if (replaced !== value) {
      if (out === object) out = { ...object };
      out[key] = replaced;
    }
  }
  return out;
}

export function createLogger(destination: DestinationStream | NodeJS.WritableStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL?.trim() || 'info',
      // pid: with several workers (WEB_CONCURRENCY) it tells whose line it is.
      base: { service: process.env.OTEL_SERVICE_NAME?.trim() || 'inloox-m365', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object) },
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
      },
    },
    destination as DestinationStream,
  );
}

// Through process.stdout (not a file descriptor of its own) so the lines stay in order with other output.
export const logger: Logger = createLogger(process.stdout);
