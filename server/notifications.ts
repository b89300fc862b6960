/**
 * Starts the notification checks: pg-boss on the shared PostgreSQL pool when there is one (several instances),
 * else the in-process queue (one instance on SQLite). The sender is the bot's (Bot Framework at the edge).
 */
import type pg from 'pg';
import { createProactiveSender } from '../bot/proactive';
import type { AppConfig } from '../shared/config';
import type { ConnectionService } from '../shared/connections';
import { createInLooxLinks } from '../shared/inloox/links';
import type { NotifyStore, ProactiveSender } from '../shared/notify';
import { Notifier, type NotifierOptions } from '../shared/notify/notifier';
import { MemoryJobQueue, type JobQueue } from '../shared/notify/queue';
import { PgBossJobQueue } from '../shared/notify/queue-pgboss';
import type { ScheduledJob } from './drain';
import { logger } from './telemetry/logger';

export interface NotificationDeps {
  config: AppConfig;
  connections: ConnectionService;
  store: NotifyStore;
  pool?: pg.Pool;
  sender?: ProactiveSender;
  queue?: JobQueue;
  now?: () => number;
  /** Observes every finished check (benchmarks). */
  onChecked?: NotifierOptions['onChecked'];
}

const log = (event: string, data: Record<string, unknown>) => logger.warn({ event, ...data });

export function createNotifier(deps: NotificationDeps): Notifier {
  const queue =
    deps.queue ??
    (deps.pool
      ? new PgBossJobQueue({
          pool: deps.pool,
          onError: (error) => log('notify_queue_error', { message: error.message }),
        })
      : new MemoryJobQueue({ onError: (error) => log('notify_job_failed', { message: (error as Error).message }) }));
  return new Notifier({
    store: deps.store,
    connections: deps.connections,
    sender: deps.sender ?? createProactiveSender(deps.config),
    links: createInLooxLinks(deps.config.inlooxBaseUrl),
    now: deps.now ?? Date.now,
    intervalMs: deps.config.notifyIntervalMs,
    queue,
    log,
    // The time tracking verb: "Start timer" on a new assignment.
    timer: { verb: 'timer.start', data: (taskId) => ({ taskId }) },
    ...(deps.onChecked ? { onChecked: deps.onChecked } : {}),
  });
}

/** The notifier as a job the shutdown stops before the database closes. */
export async function startNotifications(deps: NotificationDeps): Promise<ScheduledJob> {
  const notifier = createNotifier(deps);
  await notifier.start();
  return { name: 'notifications', stop: () => notifier.stop() };
}
