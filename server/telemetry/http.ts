/** A server span, a metric and a log line per add-in/tab API request, named by route, never by the raw URL. */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { countError, tracer } from './instruments';
import { logger } from './logger';

/** "/tab/api" + "/projects/:id/tasks": the route template, so ids and search text stay out. */
function routeOf(req: Request): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  return `${req.baseUrl}${typeof template === 'string' ? template : ' (no route)'}`;
}

export function apiTelemetry() {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const span = tracer().startSpan(`${req.method} ${req.baseUrl}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method },
    });
    const activeContext = trace.setSpan(context.active(), span);
    res.once('finish', () => {
      const route = routeOf(req);
      const status = res.statusCode;
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        countError(`http_${status}`, 'api');
      }
      const durationMs = Math.round(performance.now() - started);
      context.with(activeContext, () =>
        logger.info({ event: 'api_request', method: req.method, route, status, durationMs }),
      );
      span.end();
    });
    context.with(activeContext, next);
  };
}
