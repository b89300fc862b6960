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

// Stryker disable all: the PostgreSQL store is proven against a real server (limiter-postgres.test.ts), which
// takes seconds to start; per mutant that would not fit a mutation run.
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/**
 * Sliding-window log in PostgreSQL, shared by every server instance using the database. One take is one call of
 * a PL/pgSQL function (one round trip) that holds a transaction-scoped advisory lock for the key and uses the
 * database clock, so concurrent instances never grant more than the budget together.
 */
export class PostgresLimiterStore implements LimiterStore {
  private readonly table: string;
  private readonly takeFunction: string;
  private ready: Promise<void> | undefined;
  private takes = 0;

  constructor(
    private readonly pool: pg.Pool,
    options: { table?: string } = {},
  ) {
    const table = options.table ?? 'inloox_rate_calls';
    if (!TABLE_NAME.test(table)) throw new Error(`invalid limiter table name: ${table}`);
    this.table = table;
    this.takeFunction = `${table}_take`;
  }

  /** Creates the table and the take function if needed; called lazily by the first take. */
  init(): Promise<void> {
    this.ready ??= this.createSchema().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createSchema(): Promise<void> {
    const t = this.table;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Two instances starting together must not race on CREATE OR REPLACE FUNCTION.
      await client.query('SELECT pg_advisory_xact_lock(7151001)');
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${t} (id bigserial PRIMARY KEY, key_hash text NOT NULL, taken_at timestamptz NOT NULL)`,
      );
      await client.query(`CREATE INDEX IF NOT EXISTS ${t}_key_time ON ${t} (key_hash, taken_at)`);
      await client.query(`
        CREATE OR REPLACE FUNCTION ${this.takeFunction}(p_key text, p_calls int, p_window_ms float8)
        RETURNS TABLE (slot_id bigint, wait_ms float8) LANGUAGE plpgsql AS $fn$
        DECLARE
          win interval := make_interval(secs => p_window_ms / 1000);
          used int;
          frees timestamptz;
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtextextended('inloox-limiter:' || p_key, 7151));
          DELETE FROM ${t} WHERE key_hash = p_key AND taken_at <= clock_timestamp() - win;
          SELECT count(*) INTO used FROM ${t} WHERE key_hash = p_key;
          IF used < p_calls THEN
            INSERT INTO ${t} (key_hash, taken_at) VALUES (p_key, clock_timestamp()) RETURNING id INTO slot_id;
            wait_ms := NULL;
          ELSE
            SELECT x.taken_at INTO frees FROM ${t} x WHERE x.key_hash = p_key
              ORDER BY x.taken_at DESC OFFSET p_calls - 1 LIMIT 1;
            slot_id := NULL;
            wait_ms := extract(epoch FROM (frees + win - clock_timestamp())) * 1000;
          END IF;
          RETURN NEXT;
        END
        $fn$`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async tryTake(keyId: string, calls: number, windowMs: number): Promise<TakeResult> {
    await this.init();
    const { rows } = await this.pool.query<{ slot_id: string | null; wait_ms: number | null }>(
      `SELECT slot_id, wait_ms FROM ${this.takeFunction}($1, $2, $3)`,
      [keyId, calls, windowMs],
    );
    const row = rows[0];
    // Keys that are never used again would keep their last rows; sweep every key now and then.
    if (++this.takes % 500 === 0) {
      await this.pool.query(
        `DELETE FROM ${this.table} WHERE taken_at <= clock_timestamp() - make_interval(secs => $1::float8 / 1000)`,
        [windowMs],
      );
    }
    if (row?.slot_id) return { ok: true, slotId: String(row.slot_id) };
    return { ok: false, retryInMs: Math.max(1, Math.ceil(Number(row?.wait_ms ?? windowMs))) };
  }

  async release(keyId: string, slotId: string): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET taken_at = greatest(taken_at, clock_timestamp()) WHERE id = $1 AND key_hash = $2`,
      [slotId, keyId],
    );
  }
}

// Stryker restore all

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
