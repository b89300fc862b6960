/**
 * Experiment, not part of `npm run bench`: a fixed number of turns of one kind against the product (or the echo
 * bot) at one concurrency, with the figures that do not depend on how busy the machine is: CPU per turn of the
 * server and the sandbox, event-loop delay, GC pauses, and optionally a V8 CPU profile of the server.
 *   PROFILE_SCENARIO=help|my tasks|create task  PROFILE_CONNECTIONS=100  PROFILE_AMOUNT=5000
 *   PROFILE_TARGET=product|echo  PROFILE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * Run: npx tsx bench/experiments/profile-turns.ts
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import {
  connectUser,
  createTaskData,
  executeActivity,
  firstProjectId,
  inParallel,
  messageActivity,
  newUsers,
} from '../lib/activities';
import { startChild } from '../lib/child';
import type { RunDiagnostics } from '../lib/diagnostics';
import { drain } from '../lib/load';
import { benchKeys, RAISED_RATE_LIMIT, startProduct, startSandbox, stopAll, type ServerReady } from '../lib/stack';

const scenario = process.env.PROFILE_SCENARIO ?? 'help';
const connections = Number(process.env.PROFILE_CONNECTIONS ?? 100);
const amount = Number(process.env.PROFILE_AMOUNT ?? 5000);
const target = process.env.PROFILE_TARGET ?? 'product';
const nodeArgs = (process.env.PROFILE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const load = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');

console.log(`load at start ${load()}`);
const keys = benchKeys(10);
const sandbox = await startSandbox(keys, 'off');
const running: { stop(): Promise<void> }[] = [sandbox];
try {
  const server =
    target === 'echo'
      ? await startChild<ServerReady>('echo-bot.ts', {}, { nodeArgs, bundle: true })
      : await startProduct({
          inlooxBaseUrl: sandbox.ready.baseUrl,
          rateLimit: RAISED_RATE_LIMIT,
          nodeArgs,
          env: Object.fromEntries(
            ['BENCH_PROFILE_FILE', 'BENCH_HEAP_PROFILE_FILE']
              .filter((name) => process.env[name])
              .map((name) => [name, process.env[name]!]),
          ),
        });
  running.push(server);
  const users = newUsers(100);
  const keyOf = (i: number) => sandbox.ready.keys[i % keys.length]!;
  if (target !== 'echo')
    await inParallel(users.length, 10, (i) => connectUser(server.ready.baseUrl, users[i]!, keyOf(i)));
  const projects = new Map<string, string>();
  for (const key of sandbox.ready.keys) projects.set(key, await firstProjectId(sandbox.ready.baseUrl, key));
  const bodies = users.map((u, i) =>
    scenario === 'create task'
      ? executeActivity(u, 'task.create', createTaskData(projects.get(keyOf(i))!, `Profile task ${i}`))
      : messageActivity(u, scenario),
  );
  let index = 0;
  const run = (requests: number) =>
    autocannon({
      url: `${server.ready.baseUrl}/api/messages`,
      connections,
      amount: requests,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request: { body?: string }) => ({ ...request, body: bodies[index++ % bodies.length] }),
        },
      ],
    });
  await run(Math.min(2000, amount));
  await drain(server.ready.baseUrl);
  await server.call('runStart');
  await server.call('profileStart');
  const sandboxBefore = await sandbox.call<NodeJS.CpuUsage>('cpu');
  const generatorDelay = monitorEventLoopDelay({ resolution: 1 });
  generatorDelay.enable();
  const slow: { atMs: number; ms: number }[] = [];
  const started = performance.now();
  const measured = run(amount);
  const perClient = new Map<unknown, number[]>();
  (measured as unknown as NodeJS.EventEmitter).on('response', (c: unknown, _s: number, _b: number, ms: number) => {
    const at = Math.round(performance.now() - started);
    if (!perClient.has(c)) perClient.set(c, []);
    perClient.get(c)!.push(at);
    if (ms > 300) slow.push({ atMs: at, ms: Math.round(ms) });
  });
  const result = await measured;
  generatorDelay.disable();
  if (process.env.BENCH_TRACE_CONNECTIONS) {
    const firsts = [...perClient.values()].map((times) => times[0]!).sort((a, b) => a - b);
    console.log(`clients ${perClient.size}; first answer per client (ms): ${firsts.join(' ')}`);
    const counts = [...perClient.values()].map((times) => times.length).sort((a, b) => a - b);
    console.log(`answers per client: ${counts.join(' ')}`);
  }
  await drain(server.ready.baseUrl);
  await server.call('profileStop');
  const d = await server.call<RunDiagnostics>('runRead');
  if (process.env.BENCH_TRACE_CONNECTIONS) console.log((await server.call<string[]>('trace')).join('\n'));
  const sandboxAfter = await sandbox.call<NodeJS.CpuUsage>('cpu');
  const turns = result.requests.total;
  const perTurn = (cpu: { user: number; system: number }) => ((cpu.user + cpu.system) / 1000 / turns).toFixed(3);
  console.log(
    JSON.stringify(
      {
        target,
        scenario,
        connections,
        turns,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        rps: Math.round(turns / result.duration),
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
        cpuMsPerTurn: {
          server: perTurn(d.cpu),
          sandbox: perTurn({
            user: sandboxAfter.user - sandboxBefore.user,
            system: sandboxAfter.system - sandboxBefore.system,
          }),
        },
        loopDelayMs: d.loopDelay,
        elu: d.elu,
        gc: d.gc,
        serverLatencyMs: d.serverLatency,
        connectionsAccepted: d.connections,
        turnaroundMs: d.turnaround,
        loadGeneratorLoopDelayMs: {
          p99: Math.round(generatorDelay.percentile(99) / 1e6),
          max: Math.round(generatorDelay.max / 1e6),
        },
        over300ms: slow.length,
        slowest: slow.sort((a, b) => b.ms - a.ms).slice(0, 8),
      },
      null,
      1,
    ),
  );
} finally {
  await stopAll(running);
  console.log(`load at end ${load()}`);
}
