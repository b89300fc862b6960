/**
 * Small, short-lived state that must hold across server instances and restarts (list positions for "more",
 * the results of submitted forms): in the product's database next to the key store, SQLite or PostgreSQL.
 * Keys are stored only as SHA-256 hashes; values are JSON text the caller owns.
 */
export interface StateStore {
  /** Runs schema migrations; call once at start. */
  init(): Promise<void>;
  /** The entry's value, unless it is missing or expired. */
  get(namespace: string, key: string): Promise<string | undefined>;
  /** Writes the entry (replacing any), kept for `ttlMs`. */
  put(namespace: string, key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Writes the entry only when no live one exists, atomically across instances. Returns the live entry's value
   * when there was one (and then writes nothing).
   */
  putIfAbsent(
    namespace: string,
    key: string,
    value: string,
    ttlMs: number,
  ): Promise<{ inserted: true } | { inserted: false; value: string }>;
  delete(namespace: string, key: string): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATION_NAMESPACE = 'state';
/** Expired entries are swept after this many writes of one instance. */
export const SWEEP_EVERY = 200;
