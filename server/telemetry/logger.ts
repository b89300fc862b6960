/**
 * Structured JSON logs (pino) for every server code path. Each line carries the trace and span id of the work it
 * belongs to, so a bot turn can be followed from Teams through the InLoox calls. Log event names and kinds, never
 * message text, keys, tokens or names; the redaction below is a second line of defence, not the rule.
 */
import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

const REDACTED_KEYS = ['apiKey', 'api_key', 'token', 'authorization', 'password', 'secret', 'x-api-key'];

export const logger: Logger = pino(
  {
    level: process.env.LOG_LEVEL?.trim() || 'info',
    base: { service: process.env.OTEL_SERVICE_NAME?.trim() || 'inloox-m365' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*["${key}"]`]),
      censor: '[redacted]',
    },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  },
  // Through process.stdout (not a file descriptor of its own) so the lines stay in order with other output.
  process.stdout,
);
