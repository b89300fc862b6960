/**
 * The job queue notifications are scheduled on: pg-boss on PostgreSQL (several instances; each job runs once, a
 * job of a crashed instance is picked up again after it expires), and the same interface in-process for one
 * instance on SQLite.
 */
export interface JobQueue {
  start(): Promise<void>;
  /** Enqueues jobs; a job whose key is already waiting or running is not added again. */
  send(name: string, jobs: { key: string; data: Record<string, unknown> }[]): Promise<void>;
  /** Runs `handler` for the jobs of `name`, up to `concurrency` at once on this instance. */
  work<T>(name: string, concurrency: number, handler: (data: T) => Promise<void>): Promise<void>;
  /** Waits until nothing of this instance is waiting or running (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
}

interface Waiting {
  name: string;
  key: string;
  data: unknown;
  attempts: number;
}

/** In-process queue for one instance: FIFO per name, de-duplicated by key, a failed job is retried twice. */
export class MemoryJobQueue implements JobQueue {
  private readonly waiting: Waiting[] = [];
  private readonly keys = new Set<string>();
  private readonly workers = new Map<string, { concurrency: number; handler: (data: unknown) => Promise<void> }>();
  private readonly running = new Map<string, number>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: { retries?: number; onError?: (error: unknown) => void } = {}) {}

  async start(): Promise<void> {
    this.stopped = false;
  }

  async send(name: string, jobs: { key: string; data: Record<string, unknown> }[]): Promise<void> {
    for (const job of jobs) {
      const key = `${name}\0${job.key}`;
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      this.waiting.push({ name, key, data: job.data, attempts: 0 });
    }
    this.pump();
  }

  async work<T>(name: string, concurrency: number, handler: (data: T) => Promise<void>): Promise<void> {
    this.workers.set(name, { concurrency, handler: handler as (data: unknown) => Promise<void> });
    this.pump();
  }

  private pump(): void {
    if (this.stopped) return;
    for (let i = 0; i < this.waiting.length;) {
      const job = this.waiting[i]!;
      const worker = this.workers.get(job.name);
      const busy = this.running.get(job.name) ?? 0;
      if (!worker || busy >= worker.concurrency) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.running.set(job.name, busy + 1);
      void this.run(job, worker.handler);
    }
    this.maybeIdle();
  }

  private async run(job: Waiting, handler: (data: unknown) => Promise<void>): Promise<void> {
    try {
      await handler(job.data);
      this.keys.delete(job.key);
    } catch (error) {
      this.options.onError?.(error);
      if (++job.attempts <= (this.options.retries ?? 2) && !this.stopped) this.waiting.push(job);
      else this.keys.delete(job.key);
    } finally {
      this.running.set(job.name, (this.running.get(job.name) ?? 1) - 1);
      this.pump();
    }
  }

  private busy(): boolean {
    const running = [...this.running.values()].some((n) => n > 0);
    const runnable = !this.stopped && this.waiting.some((job) => this.workers.has(job.name));
    return running || runnable;
  }

  private maybeIdle(): void {
    if (this.busy()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  idle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const running = () => [...this.running.values()].some((n) => n > 0);
    if (running()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}
