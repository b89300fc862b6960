/**
 * Runs the bad-input suite (test/robustness/bad-input.test.ts) with new random seeds, one fresh process per seed,
 * and names every seed that failed so it can be replayed. `npm test` runs the suite's fixed seeds only.
 *
 *   npm run fuzz                         10 new seeds
 *   FUZZ_RUNS=30 FUZZ_MINUTES=20 npm run fuzz
 *                                        up to 30 seeds, no new seed started after 20 minutes
 *   FUZZ_SEED=123 npm run fuzz           replays seed 123 with the suite's full output
 *
 * Exits 1 when any seed failed.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';

const SUITE = 'test/robustness/bad-input.test.ts';

function wholeNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number >= 0, not "${raw}"`);
  return value;
}

/** Runs the suite for one seed; resolves with its exit code and output. */
function runSeed(seed: number, showOutput: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'odata', SUITE], {
      env: { ...process.env, FUZZ_SEED: String(seed) },
      stdio: showOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The lines of vitest's output that say what failed (the assertion and the first failures it lists). */
function failureSummary(output: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /Failed Tests|FAIL /.test(line));
  return lines.slice(start < 0 ? -40 : start, (start < 0 ? lines.length : start) + 40).join('\n');
}

async function main(): Promise<void> {
  if (process.env.FUZZ_SEED !== undefined) {
    const seed = wholeNumber('FUZZ_SEED', 0);
    const { code } = await runSeed(seed, true);
    console.log(code === 0 ? `seed ${seed} passed` : `seed ${seed} FAILED`);
    process.exitCode = code === 0 ? 0 : 1;
    return;
  }
  const runs = wholeNumber('FUZZ_RUNS', 10);
  const minutes = wholeNumber('FUZZ_MINUTES', 60);
  const deadline = Date.now() + minutes * 60_000;
  const failed: number[] = [];
  const passed: number[] = [];
  for (let i = 0; i < runs && Date.now() < deadline; i++) {
    const seed = randomInt(1, 2 ** 31);
    const started = Date.now();
    const { code, output } = await runSeed(seed, false);
    const seconds = Math.round((Date.now() - started) / 1000);
    if (code === 0) {
      passed.push(seed);
      console.log(`seed ${seed}: passed (${seconds} s)`);
    } else {
      failed.push(seed);
      console.log(`seed ${seed}: FAILED (${seconds} s), replay with FUZZ_SEED=${seed} npm run fuzz`);
      console.log(failureSummary(output));
    }
  }
  console.log(`\n${passed.length + failed.length} seeds, ${failed.length} failed`);
  console.log(`passed: ${passed.join(' ') || '-'}`);
  console.log(`failed: ${failed.join(' ') || '-'}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

await main();
