/**
 * Runs the checks on the job queue: every tick, the people whose check is due are claimed in the database (each
 * person once per interval, whichever instance claims) and enqueued as one job each; the queue's workers (on any
 * instance) run the checks.
 */
import { identityKey, type UserIdentity } from '../identity';
import { checkPerson, YIELD_MS, type CheckDeps, type CheckOutcome } from './check';
import type { JobQueue } from './queue';

export const CHECK_JOB = 'notify-check';

export interface NotifierOptions extends CheckDeps {
  queue: JobQueue;
  intervalMs: number;
  /** How often due checks are looked for; default TICK_MS. */
  tickMs?: number;
  /** Checks running at once on this instance. */
  concurrency?: number;
  /** Observes each finished check (benchmarks, metrics). */
  onChecked?: (identity: UserIdentity, outcome: CheckOutcome, startedAt: number) => void;
}

const CLAIM_BATCH = 500;
/**
 * A check starts at most this long after it is due. Ticking a tenth of the interval let a person's first check,
 * the one that only records what is there, start up to 30 s late and silently take in a task assigned meanwhile.
 * A tick with nothing due is one indexed query.
 */
export const TICK_MS = 1_000;

export class Notifier {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly options: NotifierOptions) {
    // A short interval (local mode) also shortens the wait after someone's last activity. Someone busy all the
    // time is still checked half an interval late at most, so never more than two intervals apart.
    this.options = {
      ...options,
      yieldMs: options.yieldMs ?? Math.min(YIELD_MS, options.intervalMs),
      maxDeferMs: options.maxDeferMs ?? Math.floor(options.intervalMs / 2),
    };
  }

  async start(options: { timer?: boolean } = {}): Promise<void> {
    const { queue } = this.options;
    await queue.start();
    await queue.work<UserIdentity>(CHECK_JOB, this.options.concurrency ?? 16, async (identity) => {
      const startedAt = this.options.now();
      const outcome = await checkPerson(this.options, identity).catch((error: unknown) => {
        // The store failed (database down): the queue retries the job.
        this.options.log?.('notify_check_error', { message: (error as Error).message });
        throw error;
      });
      this.options.onChecked?.(identity, outcome, startedAt);
    });
    if (options.timer === false) return;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  /** Claims the due checks and enqueues them; a tick still running is not started twice. */
  tick(): Promise<void> {
    this.ticking ??= this.enqueueDue()
      .catch((error: unknown) => this.options.log?.('notify_tick_failed', { message: (error as Error).message }))
      .finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  private async enqueueDue(): Promise<void> {
    const { store, queue, intervalMs } = this.options;
    for (;;) {
      const due = await store.claimDue(this.options.now(), intervalMs, CLAIM_BATCH);
      await queue.send(
        CHECK_JOB,
        due.map((identity) => ({ key: identityKey(identity), data: { ...identity } })),
      );
      if (due.length < CLAIM_BATCH) return;
    }
  }

  /** One tick and every check it enqueued on this instance (tests, local tools). */
  async runDue(): Promise<void> {
    await this.tick();
    await this.options.queue.idle();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.options.queue.stop();
  }
}
