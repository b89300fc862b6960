/**
 * `npm run bench`: every benchmark in one run, then bench/report.json and bench/report.md.
 *   npm run bench                      all sections
 *   npm run bench -- --only=throttle   some sections (comma-separated): turns,calls,throttle,memory,addin,scaleout,cluster,notify,start
 * A section that fails is reported as failed; the others still run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBotTurns } from './bot-turns';
import { benchCluster } from './cluster';
import { measureCallsPerAction } from './calls-per-action';
import { machineInfo } from './lib/machine';
import { benchMemory } from './memory';
import { benchNotify } from './notify';
import { renderReport, type BenchReport } from './report';
import { benchScaleOut } from './scale-out';
import { benchStartTime } from './start-time';
import { benchThrottle } from './throttle';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SECTIONS = ['turns', 'calls', 'throttle', 'memory', 'addin', 'scaleout', 'cluster', 'notify', 'start'] as const;
type Section = (typeof SECTIONS)[number];

const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const selected = new Set<Section>(onlyArg ? (onlyArg.slice('--only='.length).split(',') as Section[]) : [...SECTIONS]);
for (const section of selected) if (!SECTIONS.includes(section)) throw new Error(`unknown section ${section}`);

const log = (line: string) => console.log(line);
function numberArg(prefix: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(prefix));
  const value = arg ? Number(arg.slice(prefix.length)) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${prefix} needs a positive whole number`);
  return value;
}
const started = Date.now();
const report: BenchReport = {
  startedAt: new Date(started).toISOString(),
  machine: machineInfo(),
  settings: {
    turns: { concurrencies: [1, 10, 100], durationS: 6, warmupS: 2 },
    throttle: { calls: 20, windowMs: 2000 },
    memory: { users: 1000, turns: 10_000, warmupTurns: 2000 },
    addin: { runs: 5 },
    scaleOut: { concurrencies: [10, 100], durationS: 5, warmupS: 1, limit: { calls: 20, windowMs: 2000 } },
    cluster: { concurrencies: [10, 100], durationS: 5, warmupS: 1 },
    // The 10,000 people, checked every 90 s (111 checks/s, 3.3 times the production rate of 10,000 every
    // 300 s) so that the three intervals take about 5 minutes; --notify-interval=300 is the production rate (about
    // 16 minutes), --notify-people= runs it smaller. See docs/benchmarks.md.
    notify: {
      people: numberArg('--notify-people=', 10_000),
      intervalS: numberArg('--notify-interval=', 90),
      intervals: 3,
      assignments: 200,
    },
    start: { cachedRuns: 2 },
  },
  sections: {},
  sectionLoad: {},
  errors: {},
};
const loadNow = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

async function section<T>(name: Section, title: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!selected.has(name)) return undefined;
  log(`\n▶ ${title}  (load ${loadNow().join(' / ')})`);
  const at = performance.now();
  const loadAtStart = loadNow();
  try {
    const result = await run();
    report.sectionLoad[name] = {
      start: loadAtStart,
      end: loadNow(),
      seconds: Math.round((performance.now() - at) / 1000),
    };
    log(`  done in ${Math.round((performance.now() - at) / 1000)} s  (load ${loadNow().join(' / ')})`);
    return result;
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    log(`  FAILED: ${message}`);
    report.errors[name] = message.split('\n').slice(0, 3).join(' ');
    return undefined;
  }
}

const s = report.settings;
report.sections.turns = await section('turns', 'Bot turn overhead (autocannon, product vs echo bot)', () =>
  benchBotTurns({ ...s.turns, log }),
);
report.sections.calls = await section('calls', 'InLoox calls per action', () => measureCallsPerAction());
report.sections.throttle = await section('throttle', 'Throttle compliance', () => benchThrottle(s.throttle));
report.sections.memory = await section('memory', 'Memory (1,000 users, 10,000 turns)', () =>
  benchMemory({ ...s.memory, log }),
);
// Loaded only when selected: its browser helpers import vitest, which cannot load outside a test run.
report.sections.addin = await section('addin', 'Outlook add-in (bundle, headless Chromium)', async () =>
  (await import('./addin')).benchAddin(s.addin),
);
report.sections.scaleOut = await section('scaleout', 'Scale-out (2 instances, PostgreSQL, proxy)', () =>
  benchScaleOut({ ...s.scaleOut, log }),
);

report.sections.cluster = await section('cluster', 'Multi-core (WEB_CONCURRENCY 1 vs 2, node:cluster)', () =>
  benchCluster({ ...s.cluster!, log }),
);
report.sections.notify = await section('notify', 'Notifications (2 instances, PostgreSQL, pg-boss)', () =>
  benchNotify({ ...s.notify!, log }),
);
report.sections.start = await section('start', 'Start time (npm start to its start block)', () =>
  benchStartTime(s.start),
);

report.finishedAt = new Date().toISOString();
report.durationS = Math.round((Date.now() - started) / 1000);
report.machine.loadAverageAtEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);

writeFileSync(path.join(HERE, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
// Analysis written by people (causes of missed targets, with their own measurements) goes under the figures.
const findings = path.join(HERE, 'findings.md');
writeFileSync(
  path.join(HERE, 'report.md'),
  renderReport(report) + (existsSync(findings) ? `\n${readFileSync(findings, 'utf8')}` : ''),
);
log(`\nWrote bench/report.md and bench/report.json (${report.durationS} s).`);
process.exit(Object.keys(report.errors).length ? 1 : 0);
