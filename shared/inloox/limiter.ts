/**
 * Per-API-key rate limiter for InLoox calls (default 100 calls per 60 s, the connector's documented budget).
 * Calls over the budget wait in a FIFO queue per key instead of failing. The window is a sliding log of call
 * times, kept in memory (one server) or in PostgreSQL (several servers sharing one budget per key).
 *
 * A call's slot is stamped when it is granted and stamped again when the call finishes (release). InLoox counts
 * a call when it arrives, which is somewhere between the two; counting the window from the finish means the
 * next call in that slot can never reach InLoox within one window of the previous one, whatever the latency.
 * Keys are opaque ids (a hash of the API key, see hashApiKey); the limiter never sees an API key.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type TakeResult = { ok: true; slotId: string } | { ok: false; retryInMs: number };

export interface LimiterStore {
  /** Takes one call slot for `keyId` if the window has room, else says how long until the oldest slot frees. */
  tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult>;
  /** Re-stamps a taken slot with the time the call finished. */
  release(keyId: string, slotId: string): Promise<void>;
}

/** The registry key of an API key: a SHA-256 hash, so the key itself never sits in limiter state, logs or dumps. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(`inloox-key:${apiKey}`).digest('hex').slice(0, 32);
}

export class MemoryLimiterStore implements LimiterStore {
  private readonly log = new Map<string, { id: number; at: number }[]>();
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  private current(keyId: string, windowMs: number) {
    const now = this.now();
    const slots = (this.log.get(keyId) ?? []).filter((slot) => slot.at > now - windowMs);
    slots.sort((a, b) => a.at - b.at);
    this.log.set(keyId, slots);
    return { now, slots };
  }

  async tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult> {
    const { now, slots } = this.current(keyId, windowMs);
    if (slots.length < calls) {
      const id = this.nextId++;
      slots.push({ id, at: now });
      return { ok: true, slotId: String(id) };
    }
    const frees = slots[slots.length - calls]!.at;
    return { ok: false, retryInMs: Math.max(1, frees + windowMs - now) };
  }

  async release(keyId: string, slotId: string): Promise<void> {
    const slot = this.log.get(keyId)?.find((s) => String(s.id) === slotId);
    if (slot) slot.at = Math.max(slot.at, this.now());
  }

  /** Calls currently counted in the window of a key (for tests and diagnostics). */
  inWindow(keyId: string, windowMs: number): number {
    return this.current(keyId, windowMs).slots.length;
  }
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Sliding-window log in PostgreSQL. Each take runs in a transaction holding a transaction-scoped advisory lock
 * for the key, and uses the database clock, so every server instance sharing the database sees one budget.
 */
export class PostgresLimiterStore implements LimiterStore {
  private readonly table: string;
  private ready: Promise<void> | undefined;
  private takes = 0;

  constructor(
    private readonly pool: pg.Pool,
    options: { table?: string } = {},
  ) {
    const table = options.table ?? 'inloox_rate_calls';
    if (!TABLE_NAME.test(table)) throw new Error(`invalid limiter table name: ${table}`);
    this.table = table;
  }

  /** Creates the table if needed; called lazily by the first take. */
  init(): Promise<void> {
    this.ready ??= this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           id bigserial PRIMARY KEY, key_hash text NOT NULL, taken_at timestamptz NOT NULL);
         CREATE INDEX IF NOT EXISTS ${this.table}_key_time ON ${this.table} (key_hash, taken_at)`,
      )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult> {
    await this.init();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7151))', [`inloox-limiter:${keyId}`]);
      await client.query(
        `DELETE FROM ${this.table} WHERE key_hash = $1 AND taken_at <= clock_timestamp() - make_interval(secs => $2::float8 / 1000)`,
        [keyId, windowMs],
      );
      const { rows } = await client.query<{ used: string; wait_ms: string | null }>(
        `SELECT count(*) AS used,
                (SELECT extract(epoch FROM (t.taken_at + make_interval(secs => $2::float8 / 1000) - clock_timestamp())) * 1000
                   FROM ${this.table} t WHERE t.key_hash = $1
                   ORDER BY t.taken_at DESC OFFSET $3 - 1 LIMIT 1) AS wait_ms
           FROM ${this.table} WHERE key_hash = $1`,
        [keyId, windowMs, calls],
      );
      const used = Number(rows[0]?.used ?? 0);
      if (used < calls) {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO ${this.table} (key_hash, taken_at) VALUES ($1, clock_timestamp()) RETURNING id`,
          [keyId],
        );
        await client.query('COMMIT');
        // Keys that are never used again would keep their last rows; sweep every key now and then.
        if (++this.takes % 500 === 0) {
          await client.query(
            `DELETE FROM ${this.table} WHERE taken_at <= clock_timestamp() - make_interval(secs => $1::float8 / 1000)`,
            [windowMs],
          );
        }
        return { ok: true, slotId: String(inserted.rows[0]!.id) };
      }
      await client.query('COMMIT');
      return { ok: false, retryInMs: Math.max(1, Math.ceil(Number(rows[0]?.wait_ms ?? windowMs))) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async release(keyId: string, slotId: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET taken_at = greatest(taken_at, clock_timestamp()) WHERE id = $1 AND key_hash = $2`,
      [slotId, keyId],
    );
  }
}

export interface RateLimiterOptions {
  calls: number;
  windowMs: number;
  /**
   * Extra time added to the window, because InLoox counts a call when it arrives, not when we send it: latency
   * that varies between calls could otherwise squeeze calls + 1 into InLoox's window. Default: 2 % of the
   * window, at most 1 s.
   */
  marginMs?: number;
  store?: LimiterStore;
  /** Injected for tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests together with sleep; defaults to Date.now. */
  now?: () => number;
  /** Called when the shared store fails and the limiter falls back to its in-memory window. */
  onStoreError?: (error: unknown) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RateLimiter {
  readonly calls: number;
  readonly windowMs: number;
  private readonly effectiveWindowMs: number;
  private readonly store: LimiterStore;
  private readonly fallback: MemoryLimiterStore;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onStoreError?: (error: unknown) => void;
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.calls) || options.calls <= 0) throw new Error('rate limit calls must be > 0');
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) throw new Error('rate limit window must be > 0');
    this.calls = options.calls;
    this.windowMs = options.windowMs;
    this.effectiveWindowMs =
      options.windowMs + (options.marginMs ?? Math.min(1_000, Math.ceil(options.windowMs * 0.02)));
    this.store = options.store ?? new MemoryLimiterStore();
    this.now = options.now ?? Date.now;
    this.fallback = new MemoryLimiterStore(this.now);
    this.sleep = options.sleep ?? defaultSleep;
    this.onStoreError = options.onStoreError;
  }

  /**
   * Resolves when the key may make one call, with a function to call when that call has finished (answered or
   * failed). Callers of one key are served strictly in the order they asked.
   */
  acquire(keyId: string): Promise<() => void> {
    const previous = this.tails.get(keyId) ?? Promise.resolve();
    const mine = previous.then(() => this.waitForSlot(keyId));
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(keyId, tail);
    void tail.then(() => {
      if (this.tails.get(keyId) === tail) this.tails.delete(keyId);
    });
    return mine;
  }

  /** After a 429 from InLoox: hold every queued call of this key until the server's Retry-After has passed. */
  pause(keyId: string, ms: number): void {
    const until = this.now() + ms;
    if ((this.pausedUntil.get(keyId) ?? 0) < until) this.pausedUntil.set(keyId, until);
  }

  private async waitForSlot(keyId: string): Promise<() => void> {
    for (;;) {
      const paused = (this.pausedUntil.get(keyId) ?? 0) - this.now();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      this.pausedUntil.delete(keyId);
      let result: TakeResult;
      let store: LimiterStore = this.store;
      try {
        result = await this.store.tryTake(keyId, this.calls, this.effectiveWindowMs);
      } catch (error) {
        // A shared store outage must not stop the product: keep this instance within the budget on its own.
        this.onStoreError?.(error);
        store = this.fallback;
        result = await this.fallback.tryTake(keyId, this.calls, this.effectiveWindowMs);
      }
      if (result.ok) {
        const { slotId } = result;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          store.release(keyId, slotId).catch((error: unknown) => this.onStoreError?.(error));
        };
      }
      await this.sleep(result.retryInMs);
    }
  }
}
