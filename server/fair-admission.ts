/**
 * Starts request handlers in arrival order, only a slice of them per event-loop iteration.
 *
 * Node 20's libuv accepts at most one new connection per event-loop iteration (libuv 1.45 stopped accepting in a
 * loop). Without this, every request that is readable in an iteration runs its handler in that same iteration, so
 * under load an iteration lasts (requests on open connections × CPU per request) and a burst of new connections
 * drains from the kernel's accept queue at one per such iteration: at 100 concurrent `help` turns the last
 * connections waited 2–4 s for their first answer while the handlers themselves took under 10 ms. Queued here,
 * handlers run first come, first served within a small time budget per iteration, and the loop gets back to
 * accepting after every slice.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface FairAdmissionOptions {
  /** Handler time (ms) one iteration may spend before yielding to the loop; at least one request runs. */
  budgetMs?: number;
  /** Injected for tests. */
  now?: () => number;
  defer?: (run: () => void) => void;
}

interface Waiting {
  req: Request;
  next: NextFunction;
}

export function fairAdmission(options: FairAdmissionOptions = {}): RequestHandler {
  const budgetMs = options.budgetMs ?? 1;
  const now = options.now ?? (() => performance.now());
  const defer = options.defer ?? ((run: () => void) => void setImmediate(run));
  const queue: Waiting[] = [];
  let head = 0;
  let scheduled = false;

  const slice = () => {
    scheduled = false;
    const until = now() + budgetMs;
    try {
      do {
        const waiting = queue[head]!;
        queue[head++] = undefined as unknown as Waiting;
        // A client that has gone while its request waited gets no work done for it.
        if (!waiting.req.socket?.destroyed) waiting.next();
      } while (head < queue.length && now() < until);
    } finally {
      if (head === queue.length) {
        queue.length = 0;
        head = 0;
      } else schedule();
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    defer(slice);
  };

  return (req: Request, _res: Response, next: NextFunction) => {
    queue.push({ req, next });
    schedule();
  };
}
