/** The state store on both engines: entries expire, keys are stored hashed, putIfAbsent claims once. */
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStateStore, type StateStore } from '../../shared/state';
import { queryOnce } from '../helpers/postgres';
import { storeEngines, type StoreEngine } from '../helpers/store-engines';

/**
 * How entries age: SQLite's store reads the process clock, which the test freezes and moves; PostgreSQL's compares
 * with the database's `now()`, so there the test waits for real.
 */
interface Engine extends StoreEngine {
  fakeClock: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const engines: Engine[] = storeEngines('state').map((engine) => ({ ...engine, fakeClock: engine.name === 'SQLite' }));

describe.each(engines)('state store ($name)', (engine) => {
  beforeEach(() => {
    if (engine.fakeClock) vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const passTime = async (ms: number) => {
    if (engine.fakeClock) vi.setSystemTime(Date.now() + ms);
    else await sleep(ms);
  };

  let url: string;
  let done: () => Promise<void>;
  let one: StateStore;
  let two: StateStore;

  beforeAll(async () => {
    ({ url, done } = await engine.open());
    // Two stores on one database: what two server instances see.
    one = await openStateStore({ databaseUrl: url });
    two = await openStateStore({ databaseUrl: url });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await done?.();
  });

  it('shares entries between instances, replaces and deletes them', async () => {
    expect(await two.get('ns', 'k')).toBeUndefined();
    await one.put('ns', 'k', '{"a":1}', 60_000);
    expect(await two.get('ns', 'k')).toBe('{"a":1}');
    expect(await two.get('other', 'k')).toBeUndefined();
    await two.put('ns', 'k', '{"a":2}', 60_000);
    expect(await one.get('ns', 'k')).toBe('{"a":2}');
    await one.delete('ns', 'k');
    expect(await two.get('ns', 'k')).toBeUndefined();
  });

  it('forgets an entry once it expired', async () => {
    await one.put('ns', 'short', 'x', 50);
    expect(await two.get('ns', 'short')).toBe('x');
    await passTime(120);
    expect(await two.get('ns', 'short')).toBeUndefined();
  });

  it('putIfAbsent claims once, even when both instances try at the same time; an expired claim can be retaken', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).putIfAbsent('form', 'f-1', `claim-${i}`, 60_000)),
    );
    const winners = results.filter((result) => result.inserted);
    expect(winners).toHaveLength(1);
    const stored = await one.get('form', 'f-1');
    for (const result of results) if (!result.inserted) expect(result.value).toBe(stored);
    await one.putIfAbsent('form', 'f-2', 'old', 50);
    await passTime(120);
    expect(await two.putIfAbsent('form', 'f-2', 'new', 60_000)).toEqual({ inserted: true });
    expect(await one.get('form', 'f-2')).toBe('new');
  });

  it('stores keys only as hashes', async () => {
    const secretKey = 'tenant-7f3a|conversation-with-a-name';
    await one.put('ns', secretKey, '1', 60_000);
    if (engine.name === 'SQLite') {
      await one.close();
      one = await openStateStore({ databaseUrl: url });
      const files = await Promise.all(
        ['', '-wal'].map((suffix) => readFile(url + suffix).catch(() => Buffer.alloc(0))),
      );
      expect(Buffer.concat(files).includes(Buffer.from('conversation-with-a-name'))).toBe(false);
    } else {
      const rows = await queryOnce<{ key_hash: string }>(url, 'SELECT key_hash FROM state_entries');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await one.get('ns', secretKey)).toBe('1');
  });
});
