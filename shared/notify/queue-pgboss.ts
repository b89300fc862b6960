/**
 * The job queue on PostgreSQL with pg-boss, sharing the product's pool. Queues use the "stately" policy: at most
 * one waiting and one running job per key, so a person is never checked by two instances at once. A job whose
 * instance crashed expires and is retried by another instance.
 */
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { JobQueue } from './queue';

export interface PgBossQueueOptions {
  pool: pg.Pool;
  /** Seconds a job may run before it counts as crashed and is retried. */
  expireInSeconds?: number;
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are looked for (one instance does it per period); default 30 s. */
  maintenanceIntervalSeconds?: number;
  onError?: (error: Error) => void;
}

const SETUP_LOCK = 7_302_155_077;

export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly created = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => options.pool.query(text, values) },
      schema: 'pgboss',
      // Cron scheduling is not used; keeping it off saves each instance a polling loop.
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    });
    this.boss.on('error', (error) => options.onError?.(error));
  }

  /**
   * pg-boss creates its schema and each queue's table without a lock of its own; instances starting together would
   * race on CREATE SCHEMA or deadlock on the queue's DDL, so that set-up is serialised with a session advisory lock.
   */
  private async serialised(work: () => Promise<unknown>): Promise<void> {
    const client = await this.options.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
      try {
        await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async start(): Promise<void> {
    await this.serialised(() => this.boss.start());
  }

  private async queue(name: string): Promise<void> {
    if (this.created.has(name)) return;
    await this.serialised(async () => {
      if (await this.boss.getQueue(name)) return;
      await this.boss.createQueue(name, {
        name,
        policy: 'stately',
        retryLimit: 2,
        retryDelay: 5,
        expireInSeconds: this.options.expireInSeconds ?? 120,
      });
    });
    this.created.add(name);
  }

  async send(name: string, jobs: { key: string; data: Record<string, unknown> }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(name);
    await this.boss.insert(jobs.map((job) => ({ name, data: job.data, singletonKey: job.key })));
  }

  async work<T>(name: string, concurrency: number, handler: (data: T) => Promise<void>): Promise<void> {
    await this.queue(name);
    // A few workers, each fetching a small batch, keep `concurrency` checks going without one slow check
    // holding up a large batch.
    const workers = Math.max(1, Math.min(4, concurrency));
    const batchSize = Math.max(1, Math.ceil(concurrency / workers));
    for (let i = 0; i < workers; i++) {
      const worker = { id: '' };
      worker.id = await this.boss.work<T>(
        name,
        { batchSize, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          const batch = Promise.allSettled(
            jobs.map((job) =>
              handler(job.data).catch(async (error: unknown) => {
                // Only this job is tried again; the others of the batch are done.
                await this.boss.fail(name, job.id, { message: (error as Error).message });
              }),
            ),
          );
          this.running.add(batch);
          try {
            await batch;
          } finally {
            this.running.delete(batch);
          }
          // pg-boss waits the polling interval after every batch, which capped an instance at `concurrency` checks
          // per polling interval (16 per second: two instances could not keep up with 10,000 people every
          // 300 s). A full batch means more are probably waiting: fetch again at once.
          if (jobs.length === batchSize && worker.id) this.boss.notifyWorker(worker.id);
        },
      );
    }
  }

  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000, close: false });
  }
}
