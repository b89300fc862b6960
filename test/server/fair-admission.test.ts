import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { fairAdmission } from '../../server/fair-admission';

function fakeRequest(destroyed = false): Request {
  return { socket: { destroyed } } as unknown as Request;
}

function harness(budgetMs: number, costMs: number) {
  let clock = 0;
  const deferred: (() => void)[] = [];
  const started: string[] = [];
  const middleware = fairAdmission({ budgetMs, now: () => clock, defer: (run) => deferred.push(run) });
  const arrive = (name: string, options: { destroyed?: boolean; throws?: boolean } = {}) =>
    middleware(
      fakeRequest(options.destroyed),
      {} as Response,
      (() => {
        started.push(name);
        clock += costMs;
        if (options.throws) throw new Error(`${name} failed`);
      }) as NextFunction,
    );
  /** Runs one deferred slice, as the event loop would in its next iteration. */
  const iteration = () => {
    const run = deferred.shift();
    if (!run) throw new Error('nothing scheduled');
    try {
      run();
    } catch {
      // the error of a handler is the handler's business; the queue must go on
    }
  };
  return { arrive, iteration, started, deferred };
}

describe('fairAdmission', () => {
  it('starts no handler in the iteration that read the request', () => {
    const h = harness(1, 0.1);
    h.arrive('a');
    expect(h.started).toEqual([]);
    expect(h.deferred).toHaveLength(1);
  });

  it('starts handlers first come, first served, only as many per iteration as the budget allows', () => {
    const h = harness(1, 0.4);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) h.arrive(name);
    expect(h.deferred).toHaveLength(1);
    h.iteration();
    expect(h.started).toEqual(['a', 'b', 'c']);
    h.arrive('late');
    h.iteration();
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    h.iteration();
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'late']);
    expect(h.deferred).toHaveLength(0);
  });

  it('always starts at least one handler per iteration, however long one takes', () => {
    const h = harness(1, 50);
    h.arrive('a');
    h.arrive('b');
    h.iteration();
    expect(h.started).toEqual(['a']);
    h.iteration();
    expect(h.started).toEqual(['a', 'b']);
  });

  it('skips requests whose client has gone while they waited', () => {
    const h = harness(10, 0.1);
    h.arrive('a');
    h.arrive('gone', { destroyed: true });
    h.arrive('c');
    h.iteration();
    expect(h.started).toEqual(['a', 'c']);
  });

  it('keeps serving the queue after a handler threw', () => {
    const h = harness(10, 0.1);
    h.arrive('a', { throws: true });
    h.arrive('b');
    h.iteration();
    expect(h.started).toEqual(['a']);
    h.iteration();
    expect(h.started).toEqual(['a', 'b']);
  });
});

/**
 * Ten keep-alive clients keep a server busy (2 ms of work per request); then 30 new connections send one request
 * each. Counted, not timed: how many requests of the busy clients were answered while a newcomer waited.
 */
async function newcomersWait(fair: boolean): Promise<number> {
  const server = fork(
    fileURLToPath(new URL('./fixtures/busy-server.ts', import.meta.url)),
    [fair ? 'fair' : 'plain', '2'],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  const port = await new Promise<number>((resolve) => server.once('message', resolve));
  const get = (agent: Agent | false) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 10 });
  let answered = 0;
  let stop = false;
  const busy = Array.from({ length: 10 }, async () => {
    while (!stop) {
      await get(keepAlive);
      answered++;
    }
  });
  try {
    while (answered < 200) await new Promise((resolve) => setTimeout(resolve, 5));
    const waits = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const before = answered;
        await get(false);
        return answered - before;
      }),
    );
    return Math.max(...waits);
  } finally {
    stop = true;
    await Promise.all(busy);
    keepAlive.destroy();
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.send('stop');
    await exited;
  }
}

describe('fairAdmission on a busy server', () => {
  it('answers a burst of new connections while open connections keep the server busy', async () => {
    const unfair = await newcomersWait(false);
    const fair = await newcomersWait(true);
    // Without it, the n-th new connection is accepted only after n iterations of ten handlers each.
    expect(unfair).toBeGreaterThan(150);
    expect(fair).toBeLessThan(unfair / 2);
  });
});
