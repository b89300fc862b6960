/**
 * The limiter's safety margin, its release stamp, its in-memory fallback and its pause, each pinned to exact times
 * on a virtual clock. Mutation testing showed each could be switched off without a failing test.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  MemoryLimiterStore,
  RateLimiter,
  type LimiterStore,
  type RateLimiterOptions,
} from '../../shared/inloox/limiter';

function setup(options: Partial<RateLimiterOptions> & Pick<RateLimiterOptions, 'calls' | 'windowMs'>) {
  let now = 1_000_000;
  const clock = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await Promise.resolve();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
  const limiter = new RateLimiter({
    sleep: clock.sleep,
    now: clock.now,
    store: new MemoryLimiterStore(clock.now),
    ...options,
  });
  /** Acquires and returns the grant time relative to the start, and the release function. */
  const start = now;
  const take = async (key = 'k') => {
    const release = await limiter.acquire(key);
    return { at: now - start, release };
  };
  return { clock, limiter, take };
}

describe('safety margin', () => {
  it('adds 2 % of the window by default, so the next call waits window + margin after the last release', async () => {
    const { take } = setup({ calls: 1, windowMs: 1_000 });
    (await take()).release();
    expect((await take()).at).toBe(1_020);
  });

  it('caps the default margin at one second', async () => {
    const { take } = setup({ calls: 1, windowMs: 60_000 });
    (await take()).release();
    expect((await take()).at).toBe(61_000);
  });

  it('uses an explicit margin, including none', async () => {
    const none = setup({ calls: 1, windowMs: 1_000, marginMs: 0 });
    (await none.take()).release();
    expect((await none.take()).at).toBe(1_000);
    const some = setup({ calls: 2, windowMs: 1_000, marginMs: 300 });
    expect((await some.take()).at).toBe(0);
    expect((await some.take()).at).toBe(0);
    expect((await some.take()).at).toBe(1_300);
  });
});

describe('release', () => {
  it('counts the window from the release, once, however often release is called', async () => {
    const { take, clock } = setup({ calls: 1, windowMs: 1_000, marginMs: 0 });
    const first = await take();
    clock.advance(400);
    first.release();
    clock.advance(300);
    first.release();
    expect((await take()).at).toBe(1_400);
  });

  it('reports a failed release and keeps serving', async () => {
    const errors: unknown[] = [];
    const store = new MemoryLimiterStore();
    const failing: LimiterStore = {
      tryTake: (key, calls, windowMs) => store.tryTake(key, calls, windowMs),
      release: () => Promise.reject(new Error('release failed')),
    };
    const { take } = setup({ calls: 5, windowMs: 1_000, store: failing, onStoreError: (e) => errors.push(e) });
    (await take()).release();
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect((errors[0] as Error).message).toBe('release failed');
    expect((await take()).at).toBe(0);
  });
});

describe('fallback when the shared store fails', () => {
  it('grants from its own window with the margin and releases there, not in the broken store', async () => {
    const errors: unknown[] = [];
    const brokenRelease = vi.fn(async () => undefined);
    const broken: LimiterStore = {
      tryTake: () => Promise.reject(new Error('database down')),
      release: brokenRelease,
    };
    const { take, clock } = setup({ calls: 1, windowMs: 1_000, store: broken, onStoreError: (e) => errors.push(e) });
    const first = await take();
    expect(first.at).toBe(0);
    clock.advance(500);
    first.release();
    expect((await take()).at).toBe(1_520);
    expect(brokenRelease).not.toHaveBeenCalled();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((e) => (e as Error).message === 'database down')).toBe(true);
  });

  it('uses the shared store again once it answers', async () => {
    let down = true;
    const shared = new MemoryLimiterStore();
    const flaky: LimiterStore = {
      tryTake: (key, calls, windowMs) =>
        down ? Promise.reject(new Error('down')) : shared.tryTake(key, calls, windowMs),
      release: (key, slot) => shared.release(key, slot),
    };
    const { take } = setup({ calls: 10, windowMs: 1_000, store: flaky });
    await take();
    expect(shared.inWindow('k', 1_020)).toBe(0);
    down = false;
    await take();
    expect(shared.inWindow('k', 1_020)).toBe(1);
  });
});

describe('pause after a 429', () => {
  it('holds the key until Retry-After has passed; a shorter later pause does not shorten it', async () => {
    const { limiter, take } = setup({ calls: 10, windowMs: 1_000 });
    limiter.pause('k', 5_000);
    limiter.pause('k', 1_000);
    expect((await take()).at).toBe(5_000);
    expect((await take()).at).toBe(5_000);
    expect((await take('other')).at).toBe(5_000);
  });

  it('a longer later pause extends the hold', async () => {
    const { limiter, take } = setup({ calls: 10, windowMs: 1_000 });
    limiter.pause('k', 1_000);
    limiter.pause('k', 3_000);
    expect((await take()).at).toBe(3_000);
  });
});

describe('MemoryLimiterStore', () => {
  it('says how long until the oldest counted slot leaves the window, at least 1 ms', async () => {
    let now = 0;
    const store = new MemoryLimiterStore(() => now);
    expect(await store.tryTake('k', 2, 1_000)).toEqual({ ok: true, slotId: '1' });
    now = 100;
    expect(await store.tryTake('k', 2, 1_000)).toEqual({ ok: true, slotId: '2' });
    now = 250;
    expect(await store.tryTake('k', 2, 1_000)).toEqual({ ok: false, retryInMs: 750 });
    now = 999;
    expect(await store.tryTake('k', 2, 1_000)).toEqual({ ok: false, retryInMs: 1 });
    now = 1_000;
    expect(store.inWindow('k', 1_000)).toBe(1);
    expect(await store.tryTake('k', 2, 1_000)).toEqual({ ok: true, slotId: '3' });
    expect(await store.tryTake('other', 2, 1_000)).toMatchObject({ ok: true });
  });

  it('release re-stamps only the named slot and never moves it back in time', async () => {
    let now = 0;
    const store = new MemoryLimiterStore(() => now);
    await store.tryTake('k', 2, 1_000);
    now = 100;
    await store.tryTake('k', 2, 1_000);
    now = 600;
    await store.release('k', '1');
    await store.release('k', '9');
    await store.release('nobody', '1');
    now = 1_150;
    // slot 2 (stamped 100) left the window, slot 1 (re-stamped 600) has not
    expect(store.inWindow('k', 1_000)).toBe(1);
    expect(await store.tryTake('k', 1, 1_000)).toEqual({ ok: false, retryInMs: 450 });
  });
});

describe('release reorders the window', () => {
  it('waits for the earliest stamp, even when a release moved an older slot later', async () => {
    let now = 0;
    const store = new MemoryLimiterStore(() => now);
    await store.tryTake('k', 2, 1_000);
    now = 100;
    await store.tryTake('k', 2, 1_000);
    now = 600;
    await store.release('k', '1');
    now = 700;
    expect(await store.tryTake('k', 2, 1_000)).toEqual({ ok: false, retryInMs: 400 });
  });

  it('a failed release without an error callback stays quiet', async () => {
    const store = new MemoryLimiterStore();
    const failing: LimiterStore = {
      tryTake: (key, calls, windowMs) => store.tryTake(key, calls, windowMs),
      release: () => Promise.reject(new Error('release failed')),
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const limiter = new RateLimiter({ calls: 1, windowMs: 1_000, store: failing });
      (await limiter.acquire('k'))();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});

describe('configuration', () => {
  it('refuses calls that are not a positive whole number and windows that are not positive', () => {
    expect(() => new RateLimiter({ calls: 1.5, windowMs: 1_000 })).toThrow('rate limit calls must be > 0');
    expect(() => new RateLimiter({ calls: -1, windowMs: 1_000 })).toThrow('rate limit calls must be > 0');
    expect(() => new RateLimiter({ calls: 1, windowMs: 0 })).toThrow('rate limit window must be > 0');
    expect(() => new RateLimiter({ calls: 1, windowMs: Number.NaN })).toThrow('rate limit window must be > 0');
    expect(new RateLimiter({ calls: 1, windowMs: 1 })).toMatchObject({ calls: 1, windowMs: 1 });
  });
});
