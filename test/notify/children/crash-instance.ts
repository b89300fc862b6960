/**
 * A product instance for the crash test, in its own process: the services on the test's PostgreSQL and the
 * notifier on pg-boss with a short job expiry. It looks for due checks once, at the clock the test gives it, and
 * takes them; the test kills the process while a check waits for InLoox.
 */
import { loadConfig } from '../../../shared/config';
import { createNotifier } from '../../../server/notifications';
import { createServices } from '../../../server/services';
import { PgBossJobQueue } from '../../../shared/notify/queue-pgboss';

/** Passed as the first argument (JSON), so that nothing here is read from the environment. */
export interface CrashInstanceSettings {
  databaseUrl: string;
  keyEncryptionKey: string;
  inlooxBaseUrl: string;
  dataDir: string;
  now: number;
  expireInSeconds: number;
}

const settings = JSON.parse(process.argv[2]!) as CrashInstanceSettings;
const config = loadConfig(
  {
    DATABASE_URL: settings.databaseUrl,
    KEY_ENCRYPTION_KEY: settings.keyEncryptionKey,
    INLOOX_BASE_URL: settings.inlooxBaseUrl,
    DATA_DIR: settings.dataDir,
    NOTIFY_INTERVAL_SECONDS: '300',
  },
  { readDotenv: false },
);
const services = await createServices(config);
const notifier = createNotifier({
  config,
  connections: services.connections,
  store: services.notify,
  now: () => settings.now,
  queue: new PgBossJobQueue({
    pool: services.pool!,
    expireInSeconds: settings.expireInSeconds,
    pollingIntervalSeconds: 0.5,
  }),
});
await notifier.start({ timer: false });
await notifier.tick();
process.send?.({ ticked: true });
