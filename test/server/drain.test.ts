import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestDrain } from '../../server/drain';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** An app behind the drain with GET /slow, which answers when the test releases it. */
async function start(drain: RequestDrain) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const app = express();
  app.use(drain.middleware());
  app.get('/slow', async (_req, res) => {
    await released;
    res.json({ finished: true });
  });
  app.get('/quick', (_req, res) => void res.json({ quick: true }));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  servers.push(server);
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, release };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('RequestDrain', () => {
  it('finishes the request in flight, refuses new connections and stops scheduled jobs before it resolves', async () => {
    const drain = new RequestDrain();
    const events: string[] = [];
    drain.addJob({
      name: 'reminders',
      stop: async () => {
        events.push('job stopping');
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push('job stopped');
      },
    });
    const { server, base, release } = await start(drain);
    const slow = fetch(`${base}/slow`).then((r) => r.json());
    await until(() => drain.inFlight === 1);

    const drained = drain.drain(server, 10_000).then((result) => {
      events.push('drained');
      return result;
    });
    await expect(fetch(`${base}/quick`)).rejects.toThrow();
    expect(events).toContain('job stopping');
    expect(events).not.toContain('drained');

    release();
    await expect(slow).resolves.toEqual({ finished: true });
    await expect(drained).resolves.toEqual({ completed: true, abandoned: 0 });
    expect(events).toEqual(['job stopping', 'job stopped', 'drained']);
  });

  it('answers 503 with Connection: close to a request that arrives on an open connection while draining', async () => {
    const drain = new RequestDrain();
    const { base } = await start(drain);
    drain.begin();
    const response = await fetch(`${base}/quick`, { headers: { 'Accept-Language': 'de-DE' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('connection')).toBe('close');
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: {
        code: 'shutting_down',
        message: 'Der Dienst wird neu gestartet. Bitte versuchen Sie es gleich noch einmal.',
      },
    });
  });

  it('gives up on a request that outlasts the bound and cuts its connection', async () => {
    const drain = new RequestDrain();
    const { server, base } = await start(drain);
    const slow = fetch(`${base}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await until(() => drain.inFlight === 1);
    await expect(drain.drain(server, 100)).resolves.toEqual({ completed: false, abandoned: 1 });
    await expect(slow).resolves.toBe('cut');
  });
});
