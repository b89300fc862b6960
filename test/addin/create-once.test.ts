/** The add-in's "Create task" creates once per form id: double clicks, retries, other instances, restarts. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addinAssets } from '../../addin/build';
import { createAddinRouter } from '../../addin/server/router';
import { openStateStore, type StateStore } from '../../shared/state';
import { startPostgres, type StartedPostgres } from '../helpers/postgres';
import { startAddinHarness, testIdentify, type AddinHarness } from './harness';

let h: AddinHarness;
let projectId: string;
let pg: StartedPostgres;

interface Instance {
  create(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Another app instance on the same services and database, with its own connection to the state store. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const state: StateStore = await openStateStore({ databaseUrl });
  const app = express().use(
    createAddinRouter({ ...h.services, state }, { identify: testIdentify, assets: addinAssets }),
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async create(body) {
      const response = await fetch(`${base}/addin/api/tasks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await state.close();
    },
  };
}

beforeAll(async () => {
  h = await startAddinHarness({ identify: testIdentify });
  const connected = await h.call('POST', '/addin/api/connect', { body: { apiKey: h.apiKey } });
  expect(connected.status).toBe(200);
  projectId = (await h.inlooxApi.listProjects({ top: 1 })).items[0]!.ProjectId;
  pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  await h?.close();
  await pg?.stop();
});

function body(name: string, formId: string | undefined = crypto.randomUUID()) {
  return {
    name,
    projectId,
    startDateTime: '2025-04-08T06:00:00.000Z',
    endDateTime: '2025-04-15T15:00:00.000Z',
    workAmount: 2,
    descriptionHtml: '<p>From a mail</p>',
    ...(formId ? { formId } : {}),
  };
}

const tasksNamed = async (name: string) =>
  (await h.inlooxApi.listTasks({ search: name, top: 50 })).items.filter((task) => task.Name === name);
const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

describe('add-in: Create task creates once per form', () => {
  it('a double click creates one task and both answers name it', async () => {
    const name = unique('Double click');
    const request = body(name);
    const [one, two] = await Promise.all([
      h.call('POST', '/addin/api/tasks', { body: request }),
      h.call('POST', '/addin/api/tasks', { body: request }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body.task.id).toBe(one.body.task.id);
    expect(await tasksNamed(name)).toHaveLength(1);
    // Without a form id (an older pane) every send creates.
    await h.call('POST', '/addin/api/tasks', { body: body(name, undefined) });
    expect(await tasksNamed(name)).toHaveLength(2);
  });

  it('refuses a form id that is not a GUID', async () => {
    const response = await h.call('POST', '/addin/api/tasks', { body: { ...body('Bad id'), formId: 'x' } });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('formId');
  });

  for (const engine of ['SQLite', 'PostgreSQL'] as const) {
    it(`the same form on two instances and after a restart creates one task (${engine})`, async () => {
      const databaseUrl = engine === 'SQLite' ? h.config.databaseUrl : await pg.createDatabase('addin_once');
      const first = await startInstance(databaseUrl);
      let second = await startInstance(databaseUrl);
      try {
        const name = unique(`Two instances ${engine}`);
        const request = body(name);
        const answers = await Promise.all([first.create(request), second.create(request), first.create(request)]);
        for (const answer of answers) expect(answer.status).toBe(200);
        expect(new Set(answers.map((answer) => (answer.body.task as { id: string }).id)).size).toBe(1);
        expect(await tasksNamed(name)).toHaveLength(1);
        await second.close();
        second = await startInstance(databaseUrl);
        const afterRestart = await second.create(request);
        expect((afterRestart.body.task as { id: string }).id).toBe((answers[0]!.body.task as { id: string }).id);
        expect(await tasksNamed(name)).toHaveLength(1);
      } finally {
        await first.close();
        await second.close();
      }
    });
  }
});
