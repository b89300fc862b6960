/** One autocannon cell: POST /api/messages with rotating bodies, after a short warm-up. */
import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  /** Completed requests per second over the measured run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

export async function runLoad(options: {
  url: string;
  bodies: string[];
  connections: number;
  durationS: number;
  warmupS?: number;
}): Promise<LoadResult> {
  let index = 0;
  const requests = [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: { body?: string }) => ({
        ...request,
        body: options.bodies[index++ % options.bodies.length],
      }),
    },
  ];
  const common = { url: options.url, connections: options.connections, requests, timeout: 30 };
  if (options.warmupS) await autocannon({ ...common, duration: options.warmupS });
  const result = await autocannon({ ...common, duration: options.durationS });
  return {
    connections: options.connections,
    durationS: result.duration,
    requests: result.requests.total,
    rps: round(result.requests.total / result.duration, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
