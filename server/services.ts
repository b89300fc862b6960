import type pg from 'pg';
import { ConfigError, type AppConfig } from '../shared/config';
import { createConnectionService } from '../shared/connection-service';
import { createPostgresPool, isPostgresUrl } from '../shared/db/postgres';
import { sqliteFileOf } from '../shared/db/sqlite';
import { createInLooxClientFactory } from '../shared/inloox/client';
import { createConnectLimit } from '../shared/connect-limit';
import { PostgresLimiterStore, type LimiterStore } from '../shared/inloox/limiter';
import { SqliteLimiterStore } from '../shared/inloox/limiter-sqlite';
import { openKeyStore, type ManagedKeyStore } from '../shared/keystore/index';
import { openNotifyStore, type NotifyStore } from '../shared/notify';
import { openFilingStore } from '../shared/filings';
import { openStateStore } from '../shared/state';
import type { AppServices } from './app-services';
import type { ScheduledJob } from './drain';
import { keyStoreChecks, type ReadinessCheck } from './readiness';
import { logger } from './telemetry/logger';

export interface RunningServices extends AppServices {
  store: ManagedKeyStore;
  /** What /readyz checks of these services: the key store's database and its encryption key. */
  readiness: ReadinessCheck[];
  /** Work on a timer, stopped on shutdown before the database closes (none yet). */
  jobs: ScheduledJob[];
  notify: NotifyStore;
  /** The shared PostgreSQL pool, when DATABASE_URL is one (the job queue runs on it). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/**
 * A KEY_ENCRYPTION_KEY that opens none of the stored connections would make every call of those people fail;
 * better not to start at all and say why (key ids are fingerprints, never key material).
 */
async function refuseForeignKey(store: ManagedKeyStore): Promise<void> {
  const foreign = await store.foreignKeyIds();
  if (foreign.length === 0) return;
  throw new ConfigError(
    `KEY_ENCRYPTION_KEY (key id ${store.keyId()}) does not match the stored connections (key id ${foreign.join(', ')}). ` +
      'Set the key they were stored with, or re-encrypt them with npm run rotate-key (see docs/security.md).',
  );
}

/**
 * Wires the shared services from configuration: the key store (SQLite or PostgreSQL), the InLoox client factory
 * with its per-key limiter (in the SQLite file, or shared through PostgreSQL when several instances run) and the
 * connection service with its connect-attempt limit in the same store.
 */
export async function createServices(config: AppConfig): Promise<RunningServices> {
  const pool: pg.Pool | undefined = isPostgresUrl(config.databaseUrl)
    ? createPostgresPool(config.databaseUrl, {
        onConnectionLost: (error) => logger.warn({ event: 'postgres_connection_lost', message: error.message }),
      })
    : undefined;
  const store = await openKeyStore({ ...config, ...(pool ? { pool } : {}) });
  await refuseForeignKey(store).catch(async (error: unknown) => {
    await store.close();
    await pool?.end();
    throw error;
  });
  const state = await openStateStore({ databaseUrl: config.databaseUrl, ...(pool ? { pool } : {}) }).catch(
    async (error: unknown) => {
      await store.close();
      await pool?.end();
      throw error;
    },
  );
  const notify = await openNotifyStore({ databaseUrl: config.databaseUrl, ...(pool ? { pool } : {}) }).catch(
    async (error: unknown) => {
      await state.close();
      await store.close();
      await pool?.end();
      throw error;
    },
  );
  const filings = await openFilingStore({ databaseUrl: config.databaseUrl, ...(pool ? { pool } : {}) }).catch(
    async (error: unknown) => {
      await notify.close();
      await state.close();
      await store.close();
      await pool?.end();
      throw error;
    },
  );
  // The call budget (and connect attempts) live next to the key store, so they hold across restarts and, with
  // PostgreSQL, across instances.
  const sqliteLimiter = pool ? undefined : new SqliteLimiterStore(sqliteFileOf(config.databaseUrl));
  const limiterStore: LimiterStore = pool ? new PostgresLimiterStore(pool) : sqliteLimiter!;
  const clientFor = createInLooxClientFactory({
    baseUrl: config.inlooxBaseUrl,
    rateLimit: config.inlooxRateLimit,
    timeoutMs: config.inlooxTimeoutMs,
    limiterStore,
    onLimiterStoreError: (error) =>
      logger.warn({ event: 'limiter_store_unavailable', message: (error as Error).message }),
  });
  const connections = createConnectionService({
    store,
    clientFor,
    connectLimit: createConnectLimit({ store: limiterStore, ...config.connectAttempts }),
    onDisconnect: async (identity) => void (await filings.forgetPerson(identity)),
    // The first check after connecting records what is there; run it now, so what comes after is news.
    onConnect: (identity) => notify.checkSoon(identity),
  });
  return {
    config,
    connections,
    store,
    state,
    filings,
    readiness: keyStoreChecks(store),
    jobs: [],
    notify,
    ...(pool ? { pool } : {}),
    async close() {
      await filings.close();
      await notify.close();
      await state.close();
      await store.close();
      sqliteLimiter?.close();
      await pool?.end();
    },
  };
}
