/**
 * Bot turn overhead: POST /api/messages under autocannon at several concurrencies for `help`, `my tasks` and the
 * create-task card submit, side by side with a minimal botbuilder echo bot on the same stack, in one run.
 */
import { startChild } from './lib/child';
import {
  connectUser,
  createTaskData,
  executeActivity,
  firstProjectId,
  inParallel,
  messageActivity,
  newUsers,
  postActivity,
} from './lib/activities';
import type { RunDiagnostics } from './lib/diagnostics';
import { runLoad, type LoadResult } from './lib/load';
import { benchKeys, startUnthrottledStack, stopAll, type ServerReady } from './lib/stack';

export interface TurnCell extends LoadResult {
  target: 'echo bot' | 'product';
  scenario: 'help' | 'my tasks' | 'create task';
  /** CPU time (user + system) per completed turn in the bot's process, warm-up included in neither. */
  botCpuMsPerTurn: number;
  /** The same in the InLoox sandbox's process (0 for the echo bot). */
  sandboxCpuMsPerTurn: number;
  /** Event-loop delay of the bot's process over the measured run (perf_hooks histogram), ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Garbage collection pauses of the bot's process, ms per turn, and the longest one. */
  gcMsPerTurn: number;
  gcMaxMs: number;
  /** From the request's arrival in the bot's process to the end of its answer: what the handler itself took. */
  serverP99Ms: number;
}

export interface BotTurnsResult {
  durationS: number;
  warmupS: number;
  users: number;
  keys: number;
  cells: TurnCell[];
  /** product help rps / echo rps at each concurrency. */
  helpRatio: { connections: number; ratio: number }[];
}

export async function benchBotTurns(options: {
  concurrencies: number[];
  durationS: number;
  warmupS: number;
  log: (line: string) => void;
}): Promise<BotTurnsResult> {
  const keys = benchKeys(10);
  const userCount = 100;
  const running: { stop(): Promise<void> }[] = [];
  try {
    const { sandbox, product } = await startUnthrottledStack(keys, running);
    const echo = await startChild<ServerReady>('echo-bot.ts', {}, { bundle: true });
    running.push(echo);

    const users = newUsers(userCount);
    const keyOf = (i: number) => sandbox.ready.keys[i % keys.length]!;
    await inParallel(users.length, 10, (i) => connectUser(product.ready.baseUrl, users[i]!, keyOf(i)));
    const projectOfKey = new Map<string, string>();
    for (const key of sandbox.ready.keys) projectOfKey.set(key, await firstProjectId(sandbox.ready.baseUrl, key));

    const bodies = {
      help: users.map((u) => messageActivity(u, 'help')),
      'my tasks': users.map((u) => messageActivity(u, 'my tasks')),
      'create task': users.map((u, i) =>
        executeActivity(u, 'task.create', createTaskData(projectOfKey.get(keyOf(i))!, `Bench task ${i}`)),
      ),
    };
    // Each scenario must do the real thing before it is timed.
    await expectAnswer(product.ready.baseUrl, bodies.help[0]!, /"Commands"|Help/i, 'help');
    await expectAnswer(product.ready.baseUrl, bodies['my tasks'][0]!, /"My tasks|My open tasks/i, 'my tasks');
    await expectAnswer(product.ready.baseUrl, bodies['create task'][0]!, /Task created/, 'create task');
    await expectAnswer(echo.ready.baseUrl, bodies.help[0]!, /You said: help/, 'echo');

    const cells: TurnCell[] = [];
    const cell = async (target: TurnCell['target'], scenario: TurnCell['scenario'], connections: number) => {
      const server = target === 'echo bot' ? echo : product;
      let sandboxBefore: NodeJS.CpuUsage | undefined;
      const result = await runLoad({
        url: `${server.ready.baseUrl}/api/messages`,
        bodies: bodies[scenario],
        connections,
        durationS: options.durationS,
        warmupS: options.warmupS,
        beforeMeasure: async () => {
          await server.call('runStart');
          sandboxBefore = await sandbox.call<NodeJS.CpuUsage>('cpu');
        },
      });
      // After the drain: the turns still in flight when autocannon stopped are counted in neither figure.
      const run = await server.call<RunDiagnostics>('runRead');
      const sandboxAfter = await sandbox.call<NodeJS.CpuUsage>('cpu');
      const turns = Math.max(1, result.requests);
      const perTurn = (ms: number) => Math.round((ms / turns) * 100) / 100;
      const sandboxMs = (sandboxAfter.user + sandboxAfter.system - sandboxBefore!.user - sandboxBefore!.system) / 1000;
      cells.push({
        target,
        scenario,
        ...result,
        botCpuMsPerTurn: perTurn((run.cpu.user + run.cpu.system) / 1000),
        sandboxCpuMsPerTurn: target === 'echo bot' ? 0 : perTurn(sandboxMs),
        loopDelayP99Ms: run.loopDelay.p99,
        loopDelayMaxMs: run.loopDelay.max,
        gcMsPerTurn: Math.round((run.gc.totalMs / turns) * 1000) / 1000,
        gcMaxMs: run.gc.maxMs,
        serverP99Ms: run.serverLatency.p99,
      });
      options.log(
        `  ${target.padEnd(8)} ${scenario.padEnd(12)} c=${String(connections).padStart(3)}  ${String(result.rps).padStart(7)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  non2xx ${result.non2xx}  errors ${result.errors}  max ${result.maxMs} ms  CPU/turn bot ${cells.at(-1)!.botCpuMsPerTurn} ms sandbox ${cells.at(-1)!.sandboxCpuMsPerTurn} ms  loop delay p99 ${cells.at(-1)!.loopDelayP99Ms} ms  GC ${cells.at(-1)!.gcMsPerTurn} ms/turn`,
      );
    };
    for (const connections of options.concurrencies) {
      // Echo and product alternate so both see the same machine state.
      await cell('echo bot', 'help', connections);
      await cell('product', 'help', connections);
      await cell('product', 'my tasks', connections);
      await cell('product', 'create task', connections);
    }
    const helpRatio = options.concurrencies.map((connections) => {
      const echoCell = cells.find((c) => c.target === 'echo bot' && c.connections === connections)!;
      const productCell = cells.find(
        (c) => c.target === 'product' && c.scenario === 'help' && c.connections === connections,
      )!;
      return { connections, ratio: Math.round((productCell.rps / echoCell.rps) * 100) / 100 };
    });
    return {
      durationS: options.durationS,
      warmupS: options.warmupS,
      users: userCount,
      keys: keys.length,
      cells,
      helpRatio,
    };
  } finally {
    await stopAll(running);
  }
}

async function expectAnswer(baseUrl: string, body: string, pattern: RegExp, what: string): Promise<void> {
  const answer = await postActivity(baseUrl, body);
  if (answer.status !== 200 || !pattern.test(answer.body))
    throw new Error(`${what}: unexpected answer ${answer.status} ${answer.body.slice(0, 400)}`);
}
