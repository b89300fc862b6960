/** bench/report.md from the measured figures: every figure, its target and whether it is met. */
import type { AddinResult } from './addin';
import type { ClusterResult } from './cluster';
import type { BotTurnsResult } from './bot-turns';
import type { ActionCalls } from './calls-per-action';
import type { MachineInfo } from './lib/machine';
import type { MemoryResult } from './memory';
import type { NotifyBenchResult } from './notify';
import type { ScaleOutResult } from './scale-out';
import type { StartTimeResult } from './start-time';
import type { ThrottleResult } from './throttle';

export interface BenchReport {
  startedAt: string;
  finishedAt?: string;
  durationS?: number;
  machine: MachineInfo & { loadAverageAtEnd?: number[] };
  settings: {
    turns: { concurrencies: number[]; durationS: number; warmupS: number };
    throttle: { calls: number; windowMs: number };
    memory: { users: number; turns: number; warmupTurns: number };
    addin: { runs: number };
    scaleOut: { concurrencies: number[]; durationS: number; warmupS: number; limit: { calls: number; windowMs: number } };
    cluster?: { concurrencies: number[]; durationS: number; warmupS: number };
    notify?: { people: number; intervalS: number; intervals: number; assignments: number };
    start: { cachedRuns: number };
  };
  /** Load average (1/5/15 min) when each section began and ended, and how long it ran. */
  sectionLoad: Partial<Record<string, { start: number[]; end: number[]; seconds: number }>>;
  sections: {
    turns?: BotTurnsResult;
    calls?: ActionCalls[];
    throttle?: ThrottleResult;
    memory?: MemoryResult;
    addin?: AddinResult;
    scaleOut?: ScaleOutResult;
    cluster?: ClusterResult;
    notify?: NotifyBenchResult;
    start?: StartTimeResult;
  };
  errors: Record<string, string>;
}

/** The targets of issue 19 (performance), measured side by side with the echo bot in one run. */
export const TARGETS = {
  helpRatio: 0.85,
  p99AtC10Ms: 50,
  heapGrowthMb: 5,
  rssGrowthMb: 10,
  /** CPU per turn in the product's process, ms. */
  cpuMsPerTurn: { 'my tasks': 1.5, 'create task': 2.5 } as Record<string, number>,
  /** `help` CPU per turn at most this many times the echo bot's. */
  helpCpuVsEcho: 1.1,
  /** At concurrency 100: `help` p99 at most this many times the echo bot's, and no `help` request slower than maxMs. */
  helpP99VsEchoAtC100: 2,
  maxMsAtC100: 1000,
  rssAfterUsersMb: 150,
  startMs: 8000,
};

export interface Verdict {
  figure: string;
  value: string;
  target: string;
  met: boolean | undefined;
}

const yes = (met: boolean | undefined) => (met === undefined ? '—' : met ? '✅ met' : '❌ missed');

/** Every figure with a target, for the summary table (and the headline in docs/benchmarks.md). */
export function verdicts(report: BenchReport): Verdict[] {
  const list: Verdict[] = [];
  const { turns, calls, throttle, memory, scaleOut, start } = report.sections;
  if (turns) {
    const product = (scenario: string) => turns.cells.filter((c) => c.target === 'product' && c.scenario === scenario);
    const echo = turns.cells.filter((c) => c.target === 'echo bot');
    for (const scenario of Object.keys(TARGETS.cpuMsPerTurn)) {
      const cells = product(scenario);
      if (!cells.length) continue;
      const worst = Math.max(...cells.map((c) => c.botCpuMsPerTurn));
      list.push({
        figure: `\`${scenario}\` CPU per turn in the product's process (worst of c=${cells.map((c) => c.connections).join('/')})`,
        value: `${worst} ms (${cells.map((c) => c.botCpuMsPerTurn).join(' / ')})`,
        target: `≤ ${TARGETS.cpuMsPerTurn[scenario]} ms`,
        met: worst <= TARGETS.cpuMsPerTurn[scenario]!,
      });
    }
    const helpCpuRatios = product('help').map((cell) => {
      const base = echo.find((c) => c.connections === cell.connections)!;
      return Math.round((cell.botCpuMsPerTurn / Math.max(0.001, base.botCpuMsPerTurn)) * 100) / 100;
    });
    if (helpCpuRatios.length) {
      const worst = Math.max(...helpCpuRatios);
      list.push({
        figure: '`help` CPU per turn vs echo bot (worst of c=1/10/100)',
        value: `${worst}× (${helpCpuRatios.join(' / ')})`,
        target: `≤ ${TARGETS.helpCpuVsEcho}×`,
        met: worst <= TARGETS.helpCpuVsEcho,
      });
    }
    const help100 = product('help').find((c) => c.connections === 100);
    const echo100 = echo.find((c) => c.connections === 100);
    if (help100 && echo100) {
      const ratio = Math.round((help100.p99Ms / Math.max(1, echo100.p99Ms)) * 100) / 100;
      list.push({
        figure: '`help` p99 vs echo bot p99, c=100',
        value: `${ratio}× (${help100.p99Ms} vs ${echo100.p99Ms} ms)`,
        target: `≤ ${TARGETS.helpP99VsEchoAtC100}×`,
        met: ratio <= TARGETS.helpP99VsEchoAtC100,
      });
      list.push({
        figure: '`help` slowest request, c=100',
        value: `${help100.maxMs} ms`,
        target: `< ${TARGETS.maxMsAtC100} ms`,
        met: help100.maxMs < TARGETS.maxMsAtC100,
      });
    }
    for (const { connections, ratio } of turns.helpRatio)
      list.push({
        figure: `\`help\` throughput vs echo bot, c=${connections}`,
        value: `${ratio}×`,
        target: `≥ ${TARGETS.helpRatio}×`,
        met: ratio >= TARGETS.helpRatio,
      });
    for (const cell of turns.cells.filter((c) => c.target === 'product' && c.connections === 10))
      list.push({
        figure: `\`${cell.scenario}\` p99 latency, c=10`,
        value: `${cell.p99Ms} ms`,
        target: `< ${TARGETS.p99AtC10Ms} ms`,
        met: cell.p99Ms < TARGETS.p99AtC10Ms,
      });
    const failures = turns.cells.reduce((sum, c) => sum + c.non2xx + c.errors, 0);
    list.push({ figure: 'failed turns under load', value: String(failures), target: '0', met: failures === 0 });
  }
  if (calls)
    for (const action of calls)
      list.push({
        figure: `InLoox calls: ${action.action}`,
        value: String(action.calls),
        target: `≤ ${action.minimum} (API minimum)`,
        met: action.calls <= action.minimum,
      });
  if (throttle) {
    list.push({ figure: 'throttle: 429s reaching InLoox', value: String(throttle.responses429), target: '0', met: throttle.responses429 === 0 });
    list.push({
      figure: 'throttle: actions completed',
      value: `${throttle.completed}/${throttle.actions}`,
      target: 'all',
      met: throttle.completed === throttle.actions,
    });
    list.push({
      figure: 'throttle: writes in the order fired',
      value: throttle.writesInOrder ? 'yes' : `no (${throttle.inversions} inversions)`,
      target: 'yes',
      met: throttle.writesInOrder,
    });
    list.push({
      figure: `throttle: most calls in any ${throttle.limit.windowMs / 1000} s window`,
      value: String(throttle.maxCallsInWindow),
      target: `≤ ${throttle.limit.calls}`,
      met: throttle.maxCallsInWindow <= throttle.limit.calls,
    });
  }
  if (memory) {
    list.push({
      figure: `heapUsed growth over turns ${report.settings.memory.warmupTurns}–${memory.turns}`,
      value: `${memory.heapGrowthAfterWarmupMb} MB`,
      target: `≤ ${TARGETS.heapGrowthMb} MB (flat)`,
      met: memory.heapGrowthAfterWarmupMb <= TARGETS.heapGrowthMb,
    });
    list.push({
      figure: `RSS after ${report.settings.memory.users} users`,
      value: `${memory.rssAfterUsersMb} MB`,
      target: `≤ ${TARGETS.rssAfterUsersMb} MB`,
      met: memory.rssAfterUsersMb <= TARGETS.rssAfterUsersMb,
    });
    list.push({
      figure: `RSS growth over turns ${report.settings.memory.warmupTurns}–${memory.turns}`,
      value: `${memory.rssGrowthAfterWarmupMb} MB`,
      target: `≤ ${TARGETS.rssGrowthMb} MB (flat)`,
      met: memory.rssGrowthAfterWarmupMb <= TARGETS.rssGrowthMb,
    });
    list.push({ figure: 'memory run: failed turns', value: String(memory.failedTurns), target: '0', met: memory.failedTurns === 0 });
  }
  if (scaleOut) {
    const shared = scaleOut.sharedLimit;
    list.push({ figure: 'scale-out: 429s reaching InLoox', value: String(shared.responses429), target: '0', met: shared.responses429 === 0 });
    list.push({
      figure: `scale-out: most calls of one key in any ${shared.limit.windowMs / 1000} s window (both instances)`,
      value: String(shared.maxCallsInWindow),
      target: `≤ ${shared.limit.calls}`,
      met: shared.maxCallsInWindow <= shared.limit.calls,
    });
    list.push({
      figure: 'scale-out: actions completed',
      value: `${shared.completed}/${shared.actions}`,
      target: 'all',
      met: shared.completed === shared.actions,
    });
  }
  const notify = report.sections.notify;
  if (notify) {
    const zero = (figure: string, value: number) => list.push({ figure, value: String(value), target: '0', met: value === 0 });
    zero('notifications: people checked twice within one interval', notify.checkedTwiceInOneInterval);
    zero('notifications: people unchecked for more than two intervals', notify.uncheckedOverTwoIntervals);
    zero('notifications: 429s from InLoox', notify.responses429);
    zero('notifications: duplicate cards', notify.duplicateCards);
    const received = notify.assignments - notify.lost.length;
    list.push({
      figure: 'notifications: assignment cards received / assignments made',
      value: `${received} / ${notify.assignments}`,
      target: 'all',
      met: notify.lost.length === 0 && notify.assignments > 0,
    });
    // A card comes with the person's next check: on average half an interval, at worst one interval later.
    const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    list.push({
      figure: 'notifications: assignment → card, median',
      value: seconds(notify.latencyMs.median),
      target: `≤ ${notify.intervalS / 2 + 5} s (half an interval + 5 s)`,
      met: notify.latencyMs.median <= (notify.intervalS / 2 + 5) * 1000,
    });
    list.push({
      figure: 'notifications: assignment → card, p99',
      value: seconds(notify.latencyMs.p99),
      target: `≤ ${notify.intervalS + 5} s (one interval + 5 s)`,
      met: notify.latencyMs.p99 <= (notify.intervalS + 5) * 1000,
    });
  }
  if (start)
    list.push({
      figure: '`npm start` to its start block (slowest run, first one builds the bundle)',
      value: `${start.slowestMs} ms`,
      target: `≤ ${TARGETS.startMs} ms`,
      met: start.slowestMs <= TARGETS.startMs,
    });
  return list;
}

function table(header: string[], rows: (string | number)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function renderReport(report: BenchReport): string {
  const m = report.machine;
  const out: string[] = [];
  out.push('# Benchmark report', '');
  out.push(
    `Measured ${report.startedAt} (${report.durationS ?? '?'} s) by \`npm run bench\` at commit \`${m.commit}\`. ` +
      'Every server runs in its own Node process; the load generator (autocannon) runs in the parent process. ' +
      'Only loopback traffic. Where a baseline exists, figures are ratios measured side by side in this run.',
    '',
  );
  out.push('## Machine and versions', '');
  out.push(
    table(
      ['', ''],
      [
        ['CPU', `${m.cpuModel} × ${m.cpus}`],
        ['Memory', `${m.memoryGb} GB`],
        ['OS', m.os],
        ['Node', m.node],
        ['Load average (1/5/15 min) at start', m.loadAverageAtStart.join(' / ')],
        ['Load average at end', (m.loadAverageAtEnd ?? []).join(' / ')],
        ...Object.entries(m.packages).map(([name, version]) => [name, version]),
        ...(report.sections.scaleOut ? [['PostgreSQL', report.sections.scaleOut.postgres]] : []),
        ...(report.sections.addin ? [['Chromium', report.sections.addin.chromium]] : []),
      ],
    ),
    '',
  );
  if (m.loadAverageAtStart[0]! > m.cpus)
    out.push(
      `> The machine was shared and busy during this run (load average ${m.loadAverageAtStart[0]} on ${m.cpus} cores): ` +
        'absolute throughput and latency are far below what an idle machine gives; the side-by-side ratios are the ' +
        'figures to compare.',
      '',
    );

  const loads = Object.entries(report.sectionLoad);
  if (loads.length) {
    out.push('Load average (1/5/15 min) when each section began and ended:', '');
    out.push(
      table(
        ['Section', 'seconds', 'load at start', 'load at end'],
        loads.map(([name, load]) => [name, load!.seconds, load!.start.join(' / '), load!.end.join(' / ')]),
      ),
      '',
    );
  }
  out.push('## Summary', '');
  out.push(table(['Figure', 'Measured', 'Target', 'Result'], verdicts(report).map((v) => [v.figure, v.value, v.target, yes(v.met)])), '');
  if (Object.keys(report.errors).length) {
    out.push('**Sections that failed to run:**', '');
    for (const [name, error] of Object.entries(report.errors)) out.push(`- ${name}: \`${error.replace(/`/g, "'")}\``);
    out.push('');
  }

  const { turns, calls, throttle, memory, addin, scaleOut, start } = report.sections;
  if (turns) {
    out.push('## Bot turn overhead', '');
    out.push(
      `\`POST /api/messages\` with autocannon, ${turns.durationS} s per cell after ${turns.warmupS} s warm-up, ` +
        `bodies rotating over ${turns.users} connected users (${turns.keys} sandbox API keys). \`help\` and ` +
        '`my tasks` are chat messages with `deliveryMode: expectReplies` (the cards come back in the response); ' +
        '"create task" is the create-task card\'s `Action.Execute` (`adaptiveCard/action` invoke, `task.create`, ' +
        'POST Task + the project name for the task card). The sandbox adds no latency. CPU per turn: user + system ' +
        'time of the bot\'s and the sandbox\'s process over the measured run, divided by the completed turns. **Limits raised for these ' +
        'runs:** the sandbox does not throttle and the client allows 1,000,000 calls per 60 s per key, so the ' +
        'figures measure the product, not the limiter. The baseline is `bench/children/echo-bot.ts`: botbuilder ' +
        'echo bot on the same express 5 + CloudAdapter setup, same expectReplies messages.',
      '',
    );
    out.push(
      table(
        ['Server', 'Turn', 'Concurrency', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'non-2xx', 'errors', 'bot CPU ms/turn', 'sandbox CPU ms/turn', 'handler p99 ms', 'loop delay p99 / max ms', 'GC ms/turn (longest)'],
        turns.cells.map((c) => [c.target, c.scenario, c.connections, c.rps, c.p50Ms, c.p99Ms, c.maxMs, c.requests, c.non2xx, c.errors, c.botCpuMsPerTurn ?? '—', c.sandboxCpuMsPerTurn ?? '—', c.serverP99Ms ?? '—', c.loopDelayP99Ms === undefined ? '—' : `${c.loopDelayP99Ms} / ${c.loopDelayMaxMs}`, c.gcMsPerTurn === undefined ? '—' : `${c.gcMsPerTurn} (${c.gcMaxMs})`]),
      ),
      '',
    );
    out.push(
      'The last three columns come from inside the bot\'s process and depend little on how busy the machine is: ' +
        '"handler" is the time from the request\'s arrival in the process to the end of its answer (p99); the ' +
        'event-loop delay is `perf_hooks.monitorEventLoopDelay` over the measured run; GC is the total of the ' +
        'process\'s garbage-collection pauses per turn. Both servers run from a bundle with plain `node`, as ' +
        '`npm start` runs the product (`scripts/start.mjs`).',
      '',
    );
    out.push(
      table(
        ['Concurrency', 'product `help` req/s ÷ echo bot req/s'],
        turns.helpRatio.map((r) => [r.connections, `${r.ratio}×`]),
      ),
      '',
    );
  }
  if (calls) {
    out.push('## InLoox calls per action', '');
    out.push(
      'Each action performed once through the real app over HTTP (bot: `/api/messages`; add-in: `/addin/api`), ' +
        'counted in the sandbox request log. Guarded by `test/bench/calls-per-action.test.ts` (part of `npm test`), ' +
        'which fails when an action makes more calls.',
      '',
    );
    out.push(
      table(
        ['Action', 'Surface', 'Calls', 'API minimum', 'Test budget', 'Why', 'Requests'],
        calls.map((a) => [a.action, a.surface, a.calls, a.minimum, a.budget, a.why, a.requests.map((r) => `\`${r.replace(/\|/g, '\\|')}\``).join('<br>')]),
      ),
      '',
    );
  }
  if (throttle) {
    out.push('## Throttle compliance', '');
    out.push(
      `**Small window for a run in seconds:** ${throttle.limit.calls} calls per ${throttle.limit.windowMs / 1000} s ` +
        'per API key, configured the same on the client (`INLOOX_RATE_LIMIT`, `INLOOX_RATE_WINDOW_SECONDS`) and on ' +
        `the sandbox. One user fires ${throttle.actions} create-task submits (3× the limit; each is a write plus a ` +
        'read of the project name) a few milliseconds apart, each over its own already-open connection.',
      '',
    );
    out.push(
      table(
        ['Figure', 'Value'],
        [
          ['actions fired', throttle.actions],
          ['actions completed with the task card', throttle.completed],
          ['InLoox calls', throttle.inlooxCalls],
          ['429 answers from InLoox', throttle.responses429],
          [`most calls in any ${throttle.limit.windowMs / 1000} s window`, throttle.maxCallsInWindow],
          ['writes reached InLoox in the order fired', throttle.writesInOrder ? 'yes' : `no, ${throttle.inversions} inversions`],
          ['time for the whole burst', `${throttle.elapsedMs} ms`],
          ['least possible time at this limit', `${throttle.lowerBoundMs} ms`],
        ],
      ),
      '',
    );
  }
  if (memory) {
    out.push('## Memory', '');
    out.push(
      `The product server in a child process started with \`--expose-gc\` and the Node flags and environment of ` +
        '`npm start` (`scripts/start.mjs`); RSS and heapUsed are sampled after two full collections, a one-second ' +
        'pause in which V8 returns the freed pages, and two more collections. ' +
        `${memory.users} distinct users (distinct tenantId + aadObjectId) connect through the ` +
        `connect card (sharing ${memory.keys} sandbox API keys) and ask for their tasks; then ${memory.turns} turns ` +
        `round-robin over them (${memory.turnMix.map((t) => `\`${t}\``).join(', ')}), 10 at a time ` +
        `(${memory.turnsPerSecond} turns/s). Warm-up: the first ${report.settings.memory.warmupTurns} turns.`,
      '',
    );
    out.push(
      table(
        ['Sample', 'Turns', 'RSS MB', 'heapUsed MB', 'heapTotal MB', 'external MB', 'threads'],
        memory.samples.map((s) => [s.label, s.turns, s.rssMb, s.heapUsedMb, s.heapTotalMb ?? '—', s.externalMb ?? '—', s.threads ?? '—']),
      ),
      '',
    );
    out.push(
      `Growth after warm-up: heapUsed ${memory.heapGrowthAfterWarmupMb} MB, RSS ${memory.rssGrowthAfterWarmupMb} MB. ` +
        `Failed turns: ${memory.failedTurns}.`,
      '',
    );
    if (memory.maps) {
      const { started, afterUsers } = memory.maps;
      const groups = [...new Set([...Object.keys(afterUsers.groups), ...Object.keys(started.groups)])].filter(
        (g) => (afterUsers.groups[g] ?? 0) >= 0.1 || (started.groups[g] ?? 0) >= 0.1,
      );
      out.push(
        'Resident memory by mapping (`/proc/self/smaps` of the product process, `bench/lib/memory-map.ts`), MB:',
        '',
        table(
          ['Mapping', 'started', `after ${memory.users} users`],
          [
            ...groups.map((g) => [g, started.groups[g] ?? 0, afterUsers.groups[g] ?? 0]),
            ['total', started.totalRssMb, afterUsers.totalRssMb],
            ['(V8: heap committed)', started.v8.heapCommittedMb, afterUsers.v8.heapCommittedMb],
            ['(V8: code spaces)', started.v8.codeSpaceMb, afterUsers.v8.codeSpaceMb],
            ['(glibc thread arenas)', started.arenas, afterUsers.arenas],
          ],
        ),
        '',
      );
    }
  }
  if (addin) {
    out.push('## Outlook add-in', '');
    out.push(
      table(
        ['File', 'Bytes', 'gzip -9'],
        [...addin.files.map((f) => [f.name, kb(f.bytes), kb(f.gzipBytes)]), ['**task pane total**', '', `**${kb(addin.taskpaneGzipBytes)}**`]],
      ),
      '',
    );
    out.push(
      `Headless Chromium ${addin.chromium} (\`launchChromium()\`), local Outlook host page \`/dev/outlook?mail=${addin.mail}\` ` +
        'with the Office.js stub, the real add-in API, key store and sandbox; the user is connected. A fresh browser ' +
        `context per load, ${addin.runs} measured loads after one warm-up load. Pane times are from the pane ` +
        "document's own navigation start: first contentful paint (the loading spinner), the pane's first real " +
        'view (`taskpane-first-render` mark, after `/addin/api/me`), and the form with the name prefilled from the ' +
        'mail. "Host to form" is the wall clock from opening the host page. No target was set for these; recorded.',
      '',
    );
    out.push(
      table(
        ['Load', 'first paint ms', 'first render ms', 'prefilled form ms', 'host page → form ms'],
        [
          ...addin.loads.map((l, i) => [i + 1, l.firstContentfulPaintMs, l.firstRenderMs, l.prefilledFormMs, l.hostToFormMs]),
          ['**median**', addin.median.firstContentfulPaintMs, addin.median.firstRenderMs, addin.median.prefilledFormMs, addin.median.hostToFormMs].map(String),
        ],
      ),
      '',
    );
  }
  if (scaleOut) {
    out.push('## Scale-out', '');
    out.push(
      `Two product instances (child processes, \`createServices\` + \`createApp\`, \`DATABASE_URL\` = one real ` +
        `PostgreSQL ${scaleOut.postgres} from \`startPostgres()\`, same key encryption key) behind a round-robin proxy ` +
        '(`bench/children/proxy.ts`, node:http). One instance is measured behind the same proxy code, so both ' +
        'sides pay the proxy hop. Users were connected through the two-instance proxy (each instance stored half, ' +
        'both read all). Limits raised for the throughput cells, as above. All processes share the same cores: ' +
        'on a 2-core machine a second instance cannot double throughput.',
      '',
    );
    out.push(
      table(
        ['Instances', 'Turn', 'Concurrency', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
        scaleOut.cells.map((c) => [c.instances, c.scenario, c.connections, c.rps, c.p50Ms, c.p99Ms, c.non2xx, c.errors]),
      ),
      '',
    );
    out.push(table(['Turn', 'Concurrency', '2 instances ÷ 1 instance'], scaleOut.speedup.map((s) => [s.scenario, s.connections, `${s.ratio}×`])), '');
    const shared = scaleOut.sharedLimit;
    out.push(
      `**Per-key limit across both instances:** ${shared.limit.calls} calls per ${shared.limit.windowMs / 1000} s on both ` +
        `instances and the sandbox; one user fires ${shared.actions} \`my tasks\` at once through the proxy ` +
        `(served ${shared.servedByInstance.join(' + ')} by the two instances). InLoox saw ${shared.inlooxCalls} calls, ` +
        `${shared.responses429} answered 429, at most ${shared.maxCallsInWindow} in any ${shared.limit.windowMs / 1000} s ` +
        `window; ${shared.completed}/${shared.actions} actions completed with the task list, in ${shared.elapsedMs} ms.`,
      '',
    );
  }
  if (report.sections.cluster) out.push(...clusterSection(report.sections.cluster));
  if (report.sections.notify) out.push(...notifySection(report.sections.notify));
  if (start) {
    out.push('## Start time', '');
    out.push(
      '`npm start` in local mode (embedded sandbox with demo data, Agents Playground, every router), spawned as a ' +
        'newcomer runs it, until its start block is on stdout; a fresh data folder and free ports per run. The first ' +
        'run finds no bundle and builds it (esbuild, `scripts/start.mjs`), the others reuse it.',
      '',
    );
    out.push(table(['Run', 'bundle', 'ms to start block'], start.runs.map((r, i) => [i + 1, r.kind === 'build' ? 'built first' : 'reused', r.msToBanner])), '');
  }
  return `${out.join('\n')}\n`;
}

function clusterSection(c: ClusterResult): string[] {
  return [
    '## Multi-core (node:cluster)',
    '',
    `The server as \`npm start\` runs it (\`node ${c.nodeFlags.join(' ')} scripts/start.mjs\`, one PostgreSQL) with ` +
      '`WEB_CONCURRENCY=1` and `=2`, `help` turns straight at its port; the workers share it. CPU time is that of the ' +
      `whole process tree (primary and workers, from \`/proc\`) per completed turn. The machine has ${c.cores} cores, ` +
      'shared with the load generator and the other processes on it.',
    '',
    table(
      ['Workers', 'Concurrency', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms per turn', 'CPU share per worker', 'non-2xx', 'errors'],
      c.cells.map((x) => [
        x.workers,
        x.connections,
        x.rps,
        x.p50Ms,
        x.p99Ms,
        x.cpuMsPerTurn,
        x.cpuShareByWorker.join(' / ') || '—',
        x.non2xx,
        x.errors,
      ]),
    ),
    '',
    table(
      ['Concurrency', '2 workers ÷ 1 worker', 'per core'],
      c.scaleUp.map((s) => [s.connections, `${s.ratio}×`, `${s.perCore}×`]),
    ),
    '',
  ];
}

function notifySection(n: NotifyBenchResult): string[] {
  return [
    '## Notifications',
    '',
    `${n.people} connected people, each with an API key of their own in the sandbox (100 calls per 60 s per key), ` +
      `checked every ${n.intervalS} s by two product instances (child processes, \`createServices\` + the notifier on ` +
      `pg-boss) sharing one real PostgreSQL; a local connector stands in for Teams. ${n.durationS} s run, ` +
      `${n.assignments} tasks assigned by a colleague during the second interval, each after the person's first check ` +
      '(which records what is there without a card); the run goes on until every card has come, at most two more ' +
      'intervals.',
    '',
    table(
      ['Figure', 'Value'],
      [
        ['checks (per instance)', `${n.checks} (${n.checksByInstance.join(' + ')})`],
        ['checks per second', n.checksPerSecond],
        ['CPU per check (both instances, ms)', n.cpuMsPerCheck],
        ['heap growth per person (bytes)', n.heapBytesPerPerson],
        ['people checked twice within one interval', n.checkedTwiceInOneInterval],
        ['people unchecked for more than two intervals', n.uncheckedOverTwoIntervals],
        ['InLoox calls / answered 429', `${n.inlooxCalls} / ${n.responses429}`],
        ['cards received / assignments (duplicates)', `${n.cardsReceived} / ${n.assignments} (${n.duplicateCards})`],
        ['assignments whose card never came', n.lost.length],
        ['cards more than one interval late', n.lateCards],
        ['cards left in the outbox at the end', n.undelivered],
        ['assignments that waited for the person’s first check', n.waitedForFirstCheck],
        ['assignment → card, median / p99 / max (ms)', `${n.latencyMs.median} / ${n.latencyMs.p99} / ${n.latencyMs.max}`],
      ],
    ),
    '',
  ];
}
