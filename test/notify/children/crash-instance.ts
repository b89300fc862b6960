/**
 * A product instance for the crash test, in its own process: the services on the test's PostgreSQL and the
 * notifier on pg-boss with a short job expiry. It looks for due checks once, at the clock the test gives it, and
 * takes them; the test kills the process while a check waits for InLoox.
 */
import { loadConfig } from '../../../shared/config';
import { createNotifier } from '../../../server/notifications';
import { createServices } from '../../../server/services';
import { PgBossJobQueue } from '../../../shared/notify/queue-pgboss';

const config = loadConfig(
  {
    DATABASE_URL: process.env.CRASH_DATABASE_URL!,
    KEY_ENCRYPTION_KEY: process.env.CRASH_KEK!,
    INLOOX_BASE_URL: process.env.CRASH_INLOOX_URL!,
    DATA_DIR: process.env.CRASH_DATA_DIR!,
    NOTIFY_INTERVAL_SECONDS: '300',
  },
  { readDotenv: false },
);
const services = await createServices(config);
const notifier = createNotifier({
  config,
  connections: services.connections,
  store: services.notify,
  now: () => Number(process.env.CRASH_NOW),
  queue: new PgBossJobQueue({
    pool: services.pool!,
    expireInSeconds: Number(process.env.CRASH_EXPIRE_S),
    pollingIntervalSeconds: 0.5,
  }),
});
await notifier.start({ timer: false });
await notifier.tick();
process.send?.({ ticked: true });
