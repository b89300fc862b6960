import type pg from 'pg';
import { createPostgresPool, runPostgresMigrations, type Migration } from './postgres';

/**
 * Base of every PostgreSQL-backed store: given a URL it opens its own pool and ends it on close; given a pool
 * (shared by several stores) it leaves that pool open for its owner.
 */
export abstract class PostgresStore {
  protected readonly pool: pg.Pool;
  private readonly ownsPool: boolean;

  protected constructor(
    urlOrPool: string | pg.Pool,
    private readonly namespace: string,
    private readonly migrations: Migration[],
  ) {
    this.ownsPool = typeof urlOrPool === 'string';
    this.pool = typeof urlOrPool === 'string' ? createPostgresPool(urlOrPool) : urlOrPool;
  }

  async init(): Promise<void> {
    await runPostgresMigrations(this.pool, this.namespace, this.migrations);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
