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
  /** Called after the warm-up has drained, right before the measured run. */
  beforeMeasure?: () => Promise<void>;
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
  if (options.warmupS) {
    await autocannon({ ...common, duration: options.warmupS });
    await drain(options.url);
  }
  await options.beforeMeasure?.();
  const result = await autocannon({ ...common, duration: options.durationS });
  await drain(options.url);
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

/**
 * Waits until the server has worked off what autocannon left in flight when it stopped (it closes its sockets,
 * the server still finishes those turns), so the next cell starts on an idle server. One GET answers only after
 * the backlog ahead of it; the answer's status does not matter.
 */
export async function drain(url: string): Promise<void> {
  const origin = new URL(url).origin;
  for (let i = 0; i < 3; i++) {
    await fetch(`${origin}/healthz`).then(
      (response) => response.arrayBuffer(),
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
