/** The InLoox call budget in the SQLite file: it survives a restart, even a SIGKILL in the middle of a burst. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/server';
import { SqliteLimiterStore } from '../../shared/inloox/limiter-sqlite';

const CHILD = fileURLToPath(new URL('./fixtures/burst-child.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'limiter-sqlite-'));
  dirs.push(dir);
  return dir;
}

describe('SqliteLimiterStore', () => {
  it('grants the budget, then says when the oldest call leaves the window; a reopened store remembers', async () => {
    let now = 1_000_000;
    const file = path.join(tempDir(), 'limits.sqlite');
    const first = new SqliteLimiterStore(file, () => now);
    for (let i = 0; i < 3; i++) expect((await first.tryTake('k', 3, 10_000)).ok).toBe(true);
    now += 4_000;
    expect(await first.tryTake('k', 3, 10_000)).toEqual({ ok: false, retryInMs: 6_000 });
    expect((await first.tryTake('other', 3, 10_000)).ok).toBe(true);
    first.close();

    const reopened = new SqliteLimiterStore(file, () => now);
    expect(reopened.inWindow('k', 10_000)).toBe(3);
    expect(await reopened.tryTake('k', 3, 10_000)).toEqual({ ok: false, retryInMs: 6_000 });
    now += 6_001;
    const granted = await reopened.tryTake('k', 3, 10_000);
    expect(granted.ok).toBe(true);
    // A released slot counts from when the call finished.
    now += 9_000;
    await reopened.release('k', (granted as { slotId: string }).slotId);
    now += 2_000;
    expect(reopened.inWindow('k', 10_000)).toBe(1);
    reopened.close();
  });
});

describe('a server killed in the middle of a burst', () => {
  it('restarts without granting a fresh budget: InLoox answers no 429', async () => {
    const budget = { calls: 8, windowMs: 4_000 };
    const sandbox = createSandbox({ rateLimit: budget });
    const running = await sandbox.listen(0, '127.0.0.1');
    const dataDir = tempDir();
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !['DATABASE_URL', 'KEY_ENCRYPTION_KEY', 'MicrosoftAppId', 'INLOOX_BASE_URL'].includes(name),
      ),
    );
    const env = {
      ...inherited,
      INLOOX_BASE_URL: running.baseUrl,
      DATA_DIR: dataDir,
      INLOOX_RATE_LIMIT: String(budget.calls),
      INLOOX_RATE_WINDOW_SECONDS: String(budget.windowMs / 1000),
    };
    const person = [randomUUID(), randomUUID(), sandbox.accounts[0]!.apiKey];

    /** Runs the child; resolves with the lines it printed, killing it with SIGKILL once `killAfter` lines came. */
    function burst(calls: number, killAfter?: number): Promise<string[]> {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...person, String(calls)], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
      const lines: string[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (killAfter !== undefined && lines.length === killAfter) child.kill('SIGKILL');
      });
      return new Promise((resolve, reject) => {
        child.once('exit', (code, signal) => {
          if (signal === 'SIGKILL' || code === 0) resolve(lines);
          else reject(new Error(`burst child exited with ${code}: ${stderr}`));
        });
      });
    }

    try {
      // Connect (one call) and 7 more: the budget is used up and the next call is waiting when the process dies.
      const killed = await burst(30, 8);
      expect(killed).toEqual(['connected', ...Array.from({ length: 7 }, (_, i) => `call ${i}`)]);
      const restarted = await burst(budget.calls);
      expect(restarted).toHaveLength(budget.calls);

      const statuses = sandbox.requestLog.entries().map((entry) => entry.status);
      expect(statuses.filter((status) => status === 429)).toEqual([]);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(8 + budget.calls);
    } finally {
      await running.close();
      await sandbox.close();
    }
  }, 60_000);
});
