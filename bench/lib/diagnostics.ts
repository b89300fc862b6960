/**
 * Load-insensitive figures a server child reports over one measured run: CPU time of its process (user + system),
 * event-loop delay (perf_hooks histogram, 10 ms resolution is too coarse for a turn, so 1 ms), and garbage
 * collection pauses (count and total time per kind). `start` resets them; `read` returns what happened since.
 */
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector';
import { constants, createHistogram, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

export interface RunDiagnostics {
  cpu: NodeJS.CpuUsage;
  /** Event-loop delay in ms: how late timers fired, i.e. how long the loop was blocked. */
  loopDelay: { p50: number; p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number; majorCount: number; majorMs: number };
  elu: number;
  /** Time from the request's arrival in the server to the end of its answer, in ms. */
  serverLatency: { p50: number; p99: number; max: number; count: number };
  /**
   * On one keep-alive connection: from the end of an answer to the arrival of the next request. The load generator
   * sends the next request as soon as it has read the answer, so this is the time outside the server's handler.
   */
  turnaround: { p50: number; p99: number; max: number };
  /** TCP connections the server accepted during the run (a keep-alive load generator opens its own once). */
  connections: number;
}

const histogram = monitorEventLoopDelay({ resolution: 1 });
let gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, majorMs: 0 };
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gc.majorCount++;
      gc.majorMs += entry.duration;
    }
  }
});
observer.observe({ entryTypes: ['gc'] });

const latency = createHistogram();
const turnaround = createHistogram();
let connections = 0;

/** Times each request of `server` from arrival to the end of its answer, and counts accepted connections. */
export function watchServer(server: Server): void {
  server.on('connection', (socket) => {
    connections++;
    if (process.env.BENCH_TRACE_CONNECTIONS) {
      const at = performance.now();
      socket.once('data', () =>
        trace.push(`data ${Math.round(performance.now() - at)} after accept at ${Math.round(at - runAt)}`),
      );
    }
  });
  const answered = new WeakMap<object, bigint>();
  server.on('request', (req, res) => {
    const at = process.hrtime.bigint();
    const last = answered.get(req.socket);
    if (last !== undefined) turnaround.record(Math.max(1, Number(at - last)));
    res.once('finish', () => {
      const end = process.hrtime.bigint();
      answered.set(req.socket, end);
      latency.record(Math.max(1, Number(end - at)));
    });
  });
}

export const trace: string[] = [];
let runAt = performance.now();
let cpuAtStart = process.cpuUsage();
let eluAtStart = performance.eventLoopUtilization();

export function startRun(): true {
  histogram.reset();
  histogram.enable();
  latency.reset();
  turnaround.reset();
  connections = 0;
  gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, majorMs: 0 };
  cpuAtStart = process.cpuUsage();
  runAt = performance.now();
  trace.length = 0;
  eluAtStart = performance.eventLoopUtilization();
  return true;
}

const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
const round = (value: number) => Math.round(value * 100) / 100;

export function readRun(): RunDiagnostics {
  const cpu = process.cpuUsage(cpuAtStart);
  const elu = performance.eventLoopUtilization(eluAtStart).utilization;
  const loopDelay = {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
  };
  histogram.disable();
  return {
    cpu,
    loopDelay,
    gc: {
      count: gc.count,
      totalMs: round(gc.totalMs),
      maxMs: round(gc.maxMs),
      majorCount: gc.majorCount,
      majorMs: round(gc.majorMs),
    },
    elu: round(elu),
    serverLatency: {
      p50: ms(latency.percentile(50)),
      p99: ms(latency.percentile(99)),
      max: ms(latency.max),
      count: latency.count,
    },
    turnaround: { p50: ms(turnaround.percentile(50)), p99: ms(turnaround.percentile(99)), max: ms(turnaround.max) },
    connections,
  };
}

let session: Session | undefined;
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
  );

/** A V8 CPU profile of the measured run only (BENCH_PROFILE_FILE): started by startProfile, written by stopProfile. */
export async function startProfile(): Promise<boolean> {
  if (process.env.BENCH_HEAP_PROFILE_FILE) {
    session ??= new Session();
    session.connect();
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return true;
  }
  if (!process.env.BENCH_PROFILE_FILE) return false;
  session ??= new Session();
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return true;
}

export async function stopProfile(): Promise<string | undefined> {
  const heapFile = process.env.BENCH_HEAP_PROFILE_FILE;
  if (heapFile && session) {
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    session.disconnect();
    writeFileSync(heapFile, JSON.stringify(profile));
    return heapFile;
  }
  const file = process.env.BENCH_PROFILE_FILE;
  if (!file || !session) return undefined;
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return file;
}
