/**
 * Installs the OpenTelemetry SDK when an exporter is configured: Azure Monitor when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set, OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (both when both
 * are). With neither, nothing is installed and the API calls in shared/telemetry.ts stay no-ops.
 */
import { context, metrics, trace } from '@opentelemetry/api';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

export type TelemetryMode = 'off' | 'otlp' | 'azure-monitor' | 'azure-monitor+otlp';

export interface RunningTelemetry {
  mode: TelemetryMode;
  /** Sends what is buffered and uninstalls the SDK. */
  shutdown(): Promise<void>;
}

const SERVICE_NAME = 'inloox-m365';

async function otlpParts(env: NodeJS.ProcessEnv): Promise<{ spans: SpanProcessor; metrics: MetricReader }> {
  const [{ OTLPTraceExporter }, { OTLPMetricExporter }, { BatchSpanProcessor }, { PeriodicExportingMetricReader }] =
    await Promise.all([
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/exporter-metrics-otlp-http'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/sdk-metrics'),
    ]);
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT!.trim().replace(/\/+$/, '');
  const intervalMs = Number(env.OTEL_METRIC_EXPORT_INTERVAL) || 60_000;
  return {
    spans: new BatchSpanProcessor(new OTLPTraceExporter({ url: `${base}/v1/traces` })),
    metrics: new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `${base}/v1/metrics` }),
      exportIntervalMillis: intervalMs,
    }),
  };
}

export async function startTelemetry(env: NodeJS.ProcessEnv = process.env, version = ''): Promise<RunningTelemetry> {
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  const otlp = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ? await otlpParts(env) : undefined;
  if (!connectionString && !otlp) return { mode: 'off', shutdown: async () => undefined };

  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME?.trim() || SERVICE_NAME,
    ...(version ? { 'service.version': version } : {}),
  });

  if (connectionString) {
    const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
    const off = { enabled: false };
    useAzureMonitor({
      azureMonitorExporterOptions: { connectionString },
      resource,
      // Live Metrics keeps a connection to a Microsoft service open; traces and metrics are what we export.
      enableLiveMetrics: false,
      // Only our own spans: automatic HTTP and database spans would record URLs with query text.
      instrumentationOptions: { http: off, azureSdk: off, postgreSql: off, mongoDb: off, mySql: off, redis: off },
      ...(otlp ? { spanProcessors: [otlp.spans], metricReaders: [otlp.metrics] } : {}),
    });
    return { mode: otlp ? 'azure-monitor+otlp' : 'azure-monitor', shutdown: () => shutdownAzureMonitor() };
  }

  const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors: [otlp!.spans] });
  tracerProvider.register();
  const meterProvider = new MeterProvider({ resource, readers: [otlp!.metrics] });
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    mode: 'otlp',
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}
