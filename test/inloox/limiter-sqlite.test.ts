/** The InLoox call budget in the SQLite file: it survives a restart, even a SIGKILL in the middle of a burst. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
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

describe('the count of calls per key', () => {
  it('includes calls from a file written before the count existed and from writers that only insert rows', async () => {
    let now = 1_000_000;
    const file = path.join(tempDir(), 'limits.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_migrations (namespace TEXT NOT NULL, id TEXT NOT NULL, applied_at TEXT NOT NULL,
      PRIMARY KEY (namespace, id));
      INSERT INTO schema_migrations VALUES ('limiter', '001-rate-calls', '2026-01-01');
      CREATE TABLE rate_calls (id INTEGER PRIMARY KEY AUTOINCREMENT, key_hash TEXT NOT NULL, taken_at REAL NOT NULL);
      CREATE INDEX rate_calls_key_time ON rate_calls (key_hash, taken_at);`);
    old.prepare('INSERT INTO rate_calls (key_hash, taken_at) VALUES (?, ?)').run('k', now);
    old.close();

    const store = new SqliteLimiterStore(file, () => now);
    expect((await store.tryTake('k', 3, 10_000)).ok).toBe(true);
    const other = new Database(file);
    other.prepare('INSERT INTO rate_calls (key_hash, taken_at) VALUES (?, ?)').run('k', now + 1);
    other.close();
    expect(await store.tryTake('k', 3, 10_000)).toEqual({ ok: false, retryInMs: 10_000 });
    expect((await store.tryTake('k2', 3, 10_000)).ok).toBe(true);

    now += 10_001;
    for (let i = 0; i < 3; i++) expect((await store.tryTake('k', 3, 10_000)).ok, `take ${i}`).toBe(true);
    expect((await store.tryTake('k', 3, 10_000)).ok).toBe(false);
    expect(store.inWindow('k', 10_000)).toBe(3);
    store.close();
  });

  it('stays right across the sweep of keys no longer used', async () => {
    let now = 1_000_000;
    const store = new SqliteLimiterStore(path.join(tempDir(), 'limits.sqlite'), () => now);
    for (let i = 0; i < 499; i++) await store.tryTake(`idle-${i % 7}`, 1000, 10_000);
    now += 5_000;
    await store.tryTake('k', 2, 10_000);
    now += 5_001;
    await store.tryTake('k', 2, 10_000); // the 501st take sweeps every key's calls older than the window
    expect((await store.tryTake('k', 2, 10_000)).ok).toBe(false);
    for (let i = 0; i < 7; i++)
      expect(await store.tryTake(`idle-${i}`, 1, 10_000), `idle-${i}`).toMatchObject({ ok: true });
    store.close();
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
