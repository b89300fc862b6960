/**
 * One product instance's notification checks in its own process: createServices (key store, limiter and
 * notification store on the shared PostgreSQL) and the notifier on pg-boss, sending to the benchmark's connector.
 * Records when it checked whom, and its CPU and memory.
 */
import { loadConfig } from '../../shared/config';
import { identityKey } from '../../shared/identity';
import { createNotifier } from '../../server/notifications';
import { createServices } from '../../server/services';
import { measuredMemory, serveCommands } from '../lib/serve';

const config = loadConfig(
  {
    DATABASE_URL: process.env.BENCH_DATABASE_URL!,
    KEY_ENCRYPTION_KEY: process.env.BENCH_KEK!,
    INLOOX_BASE_URL: process.env.BENCH_SANDBOX_URL!,
    NOTIFY_INTERVAL_SECONDS: process.env.BENCH_INTERVAL_S!,
    DATA_DIR: process.env.BENCH_DATA_DIR!,
  },
  { readDotenv: false },
);
const services = await createServices(config);
const checks: [string, number, string, number][] = [];
const notifier = createNotifier({
  config,
  connections: services.connections,
  store: services.notify,
  pool: services.pool,
  onChecked: (identity, outcome, startedAt) => checks.push([identityKey(identity), Date.now(), outcome, startedAt]),
});
let cpuAtStart = process.cpuUsage();
let memoryAtStart = measuredMemory();

serveCommands(
  { pid: process.pid },
  {
    start: async () => {
      memoryAtStart = measuredMemory();
      cpuAtStart = process.cpuUsage();
      await notifier.start();
      return true;
    },
    stats: () => {
      const cpu = process.cpuUsage(cpuAtStart);
      return { checks, cpuMs: (cpu.user + cpu.system) / 1000, memoryAtStart, memory: measuredMemory() };
    },
  },
  async () => {
    await notifier.stop().catch(() => undefined);
    await services.close().catch(() => undefined);
  },
);
