/**
 * Graceful shutdown: on SIGTERM the server stops taking requests, lets the ones in flight (bot turns included: a
 * turn's HTTP request stays open until the bot has answered) finish up to a bound, stops scheduled jobs, and only
 * then are the database and the rest closed.
 */
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import { requestLocale } from './api-errors';

/** Something that runs on a timer (reminders, sync): stop() ends the timer and waits for a run in progress. */
export interface ScheduledJob {
  name: string;
  stop(): Promise<void> | void;
}

const SHUTTING_DOWN = {
  en: 'The service is restarting. Please try again in a moment.',
  de: 'Der Dienst wird neu gestartet. Bitte versuchen Sie es gleich noch einmal.',
};

async function stopJob(job: ScheduledJob): Promise<void> {
  try {
    await job.stop();
  } catch (error) {
    console.warn(`Stopping ${job.name} failed: ${(error as Error).message}`);
  }
}

/** Counts requests in flight and refuses new ones once draining began. */
export class RequestDrain {
  private active = 0;
  private draining = false;
  private readonly idleWaiters = new Set<() => void>();
  private readonly jobs: ScheduledJob[] = [];

  get isDraining(): boolean {
    return this.draining;
  }

  get inFlight(): number {
    return this.active;
  }

  /** The hook for scheduled jobs: each one is stopped when shutdown begins, before the database closes. */
  addJob(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  /** From now on /readyz reports draining and new requests are refused; drain() begins with this. */
  begin(): void {
    this.draining = true;
  }

  /** Mount before every route: a request that arrives while draining gets 503 on a connection that then closes. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      if (this.draining) {
        res
          .status(503)
          .set({ Connection: 'close', 'Retry-After': '5', 'Cache-Control': 'no-store' })
          .json({ error: { code: 'shutting_down', message: SHUTTING_DOWN[requestLocale(req)] } });
        return;
      }
      this.active++;
      res.once('close', () => {
        this.active--;
        if (this.active === 0) for (const wake of this.idleWaiters) wake();
      });
      next();
    };
  }

  /** Resolves true when no request is in flight any more, false when boundMs passed first. */
  private whenIdle(boundMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(idle);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), boundMs);
      this.idleWaiters.add(wake);
    });
  }

  /**
   * Stops taking requests (the listener closes, idle keep-alive connections close), waits for the requests in
   * flight and stops the scheduled jobs, both within boundMs, then cuts whatever connection is left.
   */
  async drain(server: Server, boundMs: number): Promise<{ completed: boolean; abandoned: number }> {
    this.begin();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = new Promise<'late'>((resolve) => setTimeout(resolve, boundMs, 'late').unref());
    const [idle] = await Promise.all([
      this.whenIdle(boundMs),
      Promise.race([Promise.all(this.jobs.map((job) => stopJob(job))), deadline]),
    ]);
    const abandoned = this.active;
    server.closeAllConnections();
    await closed;
    return { completed: idle, abandoned };
  }
}
