import { describe, expect, it } from 'vitest';
import { hashApiKey, MemoryLimiterStore, RateLimiter, type LimiterStore } from '../../shared/inloox/limiter';

/** A virtual clock: sleep() advances time instead of waiting, so the tests are deterministic and instant. */
function virtualClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await Promise.resolve();
    },
  };
}

/** Largest number of grants inside any window of `windowMs` (sliding). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < times.length; i++) {
    const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + windowMs).length;
    max = Math.max(max, inWindow);
  }
  return max;
}

describe('RateLimiter (memory)', () => {
  it('queues a burst of 3x the limit, serves everyone, in FIFO order, never more than the limit per window', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({
      calls: 5,
      windowMs: 1_000,
      store: new MemoryLimiterStore(clock.now),
      sleep: clock.sleep,
    });
    const order: number[] = [];
    const grantedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        limiter.acquire('key-a').then(() => {
          order.push(i);
          grantedAt.push(clock.now());
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(maxInAnyWindow(grantedAt, 1_000)).toBe(5);
    // 15 calls at 5 per second need at least two full windows of waiting.
    expect(grantedAt.at(-1)! - grantedAt[0]!).toBeGreaterThanOrEqual(2_000);
  });

  it('counts the window from when a call finished, so slow calls push the next ones back', async () => {
    const clock = virtualClock();
    const store = new MemoryLimiterStore(clock.now);
    const limiter = new RateLimiter({
      calls: 2,
      windowMs: 1_000,
      marginMs: 0,
      store,
      sleep: clock.sleep,
      now: clock.now,
    });
    const start = clock.now();
    const first = await limiter.acquire('k');
    const second = await limiter.acquire('k');
    await clock.sleep(300); // both calls take 300 ms to answer
    first();
    second();
    first(); // releasing twice changes nothing
    await limiter.acquire('k');
    expect(clock.now() - start).toBe(1_300);
  });

  it('keeps keys independent', async () => {
    const clock = virtualClock();
    const store = new MemoryLimiterStore(clock.now);
    const limiter = new RateLimiter({ calls: 2, windowMs: 1_000, store, sleep: clock.sleep });
    const start = clock.now();
    await Promise.all([limiter.acquire('a'), limiter.acquire('a'), limiter.acquire('b'), limiter.acquire('b')]);
    expect(clock.now()).toBe(start);
    expect(store.inWindow('a', 1_000)).toBe(2);
    expect(store.inWindow('b', 1_000)).toBe(2);
  });

  it('falls back to its own in-memory window when the shared store fails, and reports the failure', async () => {
    const clock = virtualClock();
    const failures: unknown[] = [];
    const broken: LimiterStore = {
      tryTake: async () => {
        throw new Error('database down');
      },
      release: async () => {
        throw new Error('database down');
      },
    };
    const limiter = new RateLimiter({
      calls: 3,
      windowMs: 1_000,
      store: broken,
      sleep: clock.sleep,
      now: clock.now,
      onStoreError: (e) => failures.push(e),
    });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => limiter.acquire('k').then(() => times.push(clock.now()))));
    expect(times).toHaveLength(6);
    expect(maxInAnyWindow(times, 1_000)).toBe(3);
    expect(failures.length).toBeGreaterThanOrEqual(6);
  });

  it('rejects a nonsensical configuration', () => {
    expect(() => new RateLimiter({ calls: 0, windowMs: 1000 })).toThrow();
    expect(() => new RateLimiter({ calls: 10, windowMs: -1 })).toThrow();
  });
});

describe('hashApiKey', () => {
  it('is stable, distinct per key and does not contain the key', () => {
    const key = 'pat_ABCDEF1234567890';
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key}x`));
    expect(hashApiKey(key)).not.toContain(key);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{32}$/);
  });
});
