/**
 * Per-API-key rate limiter for InLoox calls (default 100 calls per 60 s, the connector's documented budget).
 * Calls over the budget wait in a FIFO queue per key instead of failing. The window is a sliding log of call
 * times, kept in memory (one server) or in PostgreSQL (several servers sharing one budget per key).
 * Keys are opaque ids (a hash of the API key, see hashApiKey); the limiter never sees an API key.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type TakeResult = { ok: true } | { ok: false; retryInMs: number };

export interface LimiterStore {
  /** Takes one call slot for `keyId` if the window has room, else says how long until the oldest slot frees. */
  tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult>;
}

/** The registry key of an API key: a SHA-256 hash, so the key itself never sits in limiter state, logs or dumps. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(`inloox-key:${apiKey}`).digest('hex').slice(0, 32);
}

export class MemoryLimiterStore implements LimiterStore {
  private readonly log = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  async tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult> {
    const now = this.now();
    const times = (this.log.get(keyId) ?? []).filter((t) => t > now - windowMs);
    if (times.length < calls) {
      times.push(now);
      this.log.set(keyId, times);
      return { ok: true };
    }
    this.log.set(keyId, times);
    const oldest = times[times.length - calls] ?? now;
    return { ok: false, retryInMs: Math.max(1, oldest + windowMs - now) };
  }

  /** Calls currently counted in the window of a key (for tests and diagnostics). */
  inWindow(keyId: string, windowMs: number): number {
    const now = this.now();
    return (this.log.get(keyId) ?? []).filter((t) => t > now - windowMs).length;
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
        `CREATE TABLE IF NOT EXISTS ${this.table} (key_hash text NOT NULL, taken_at timestamptz NOT NULL);
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
        await client.query(`INSERT INTO ${this.table} (key_hash, taken_at) VALUES ($1, clock_timestamp())`, [keyId]);
        await client.query('COMMIT');
        return { ok: true };
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
}

export interface RateLimiterOptions {
  calls: number;
  windowMs: number;
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
    this.store = options.store ?? new MemoryLimiterStore();
    this.now = options.now ?? Date.now;
    this.fallback = new MemoryLimiterStore(this.now);
    this.sleep = options.sleep ?? defaultSleep;
    this.onStoreError = options.onStoreError;
  }

  /**
   * Resolves when the key may make one call. Callers of one key are served strictly in the order they asked,
   * so writes leave in the order they were issued.
   */
  acquire(keyId: string): Promise<void> {
    const previous = this.tails.get(keyId) ?? Promise.resolve();
    const mine = previous.then(() => this.waitForSlot(keyId));
    const tail = mine.catch(() => undefined);
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

  private async waitForSlot(keyId: string): Promise<void> {
    for (;;) {
      const paused = (this.pausedUntil.get(keyId) ?? 0) - this.now();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      this.pausedUntil.delete(keyId);
      let result: TakeResult;
      try {
        result = await this.store.tryTake(keyId, this.calls, this.windowMs);
      } catch (error) {
        // A shared store outage must not stop the product: keep this instance within the budget on its own.
        this.onStoreError?.(error);
        result = await this.fallback.tryTake(keyId, this.calls, this.windowMs);
      }
      if (result.ok) return;
      await this.sleep(result.retryInMs);
    }
  }
}
