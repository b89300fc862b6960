/**
 * SANDBOX_SHAPE=connector: the sandbox answers in the forms the connector swagger and its notes document, so the
 * client can be tested against them. Each form is checked next to the default (OData metadata) form.
 */
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../sandbox/odata/metadata';
import { createSandbox } from '../../sandbox/server';
import { startApiHarness } from '../helpers/api-harness';
import { startSandbox, type Collection, type Harness } from './helpers';

const KEY = 'shape-key';
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const ISO_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+02:00$/;

let connector: Harness;
let odata: Harness;
let projectId: string;
let taskId: string;

type Wrapped = { '@odata.context': string; value: Record<string, unknown>[] };

function typeProperties(typeName: string): Set<string> {
  return new Set(loadModel().entityTypes.get(typeName)!.properties.keys());
}

beforeAll(async () => {
  connector = await startSandbox({ keys: [KEY], seed: false, shape: 'connector' });
  odata = await startSandbox({ keys: [KEY], seed: false });
  for (const sandbox of [connector.sandbox, odata.sandbox]) {
    const data = sandbox.data(KEY);
    const project = data.create('Project', {
      ProjectId: '0a000000-0000-4000-8000-000000000001',
      Name: 'Shape project',
      StartDate: '2026-04-01T00:00:00Z',
      EndDate: '2026-04-30T00:00:00Z',
    });
    projectId = project.ProjectId as string;
    taskId = data.create('Task', {
      TaskItemId: '0b000000-0000-4000-8000-000000000001',
      Name: 'Shape task',
      ProjectId: projectId,
      StartDateTime: '2026-04-01T07:00:00Z',
      EndDateTime: '2026-04-02T15:30:00Z',
    }).TaskItemId as string;
    for (let i = 0; i < 130; i++) data.create('Contact', { FirstName: `Page ${String(i).padStart(3, '0')}` });
    data.create('CustomFieldDefinition', { ColumnName: 'Region', DisplayName: 'Region', TableName: 'Project' });
  }
});
afterAll(async () => {
  await connector.close();
  await odata.close();
});

describe('a single entity', () => {
  it('comes as {"value":[entity]}, addressed in brackets or as a path segment; the default answers the entity', async () => {
    for (const path of [`Project(${projectId})`, `Project/${projectId}`]) {
      const { status, body } = await connector.json<Wrapped>(path);
      expect(status).toBe(200);
      expect(body['@odata.context']).toBe(`${connector.running.baseUrl}$metadata#Project`);
      expect(body.value).toHaveLength(1);
      expect(body.value[0]!.ProjectId).toBe(projectId);
      expect(body.value[0]!.Name).toBe('Shape project');
    }
    const plain = await odata.json<Record<string, unknown>>(`Project(${projectId})`);
    expect(plain.body.value).toBeUndefined();
    expect(plain.body.Name).toBe('Shape project');
    expect(plain.body['@odata.context']).toMatch(/\$metadata#Project\/\$entity$/);
  });

  it('keeps $select inside the wrapper, and wraps a custom field read by its composite key', async () => {
    const selected = await connector.json<Wrapped>(`Task(${taskId})?$select=Name,IsDone`);
    expect(selected.body['@odata.context']).toMatch(/\$metadata#Task\(Name,IsDone\)$/);
    expect(Object.keys(selected.body.value[0]!).filter((k) => !k.startsWith('@'))).toEqual([
      'Name',
      'IsDone',
      'RowVersion',
      'Extensions',
    ]);
    const field = await connector.json<Wrapped>(`CustomField(Name='Region',ObjectId=${projectId})`);
    expect(field.status).toBe(200);
    expect(field.body.value[0]).toMatchObject({ Name: 'Region', ObjectId: projectId, Value: null });
  });
});

describe('PATCH', () => {
  it('answers 204 without a body and stores the change (the default answers 200 with the entity)', async () => {
    const response = await connector.call(`Task(${taskId})`, { method: 'PATCH', json: { WorkAmount: 3 } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(connector.sandbox.data(KEY).rawOne('Task', taskId)!.WorkAmount).toBe(3);
    const plain = await odata.json<Record<string, unknown>>(`Task(${taskId})`, {
      method: 'PATCH',
      json: { WorkAmount: 3 },
    });
    expect(plain.status).toBe(200);
    expect(plain.body.WorkAmount).toBe(3);
  });

  it('answers 200 with {"value":[entity]} when asked with Prefer: return=representation', async () => {
    const { status, body } = await connector.json<Wrapped>(`Task(${taskId})`, {
      method: 'PATCH',
      json: { WorkAmount: 4 },
      headers: { Prefer: 'return=representation' },
    });
    expect(status).toBe(200);
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({ TaskItemId: taskId, WorkAmount: 4 });
  });

  it('treats a custom field value the same way', async () => {
    const path = `CustomField(Name='Region',ObjectId=${projectId})`;
    const bare = await connector.call(path, { method: 'PATCH', json: { Value: 'EMEA' } });
    expect(bare.status).toBe(204);
    expect(await bare.text()).toBe('');
    const wrapped = await connector.json<Wrapped>(path, {
      method: 'PATCH',
      json: { Value: 'APAC' },
      headers: { Prefer: 'return=representation' },
    });
    expect(wrapped.body.value[0]).toMatchObject({ Name: 'Region', Value: 'APAC' });
  });
});

describe('POST', () => {
  it('answers 204 with OData-EntityId and Location naming the new entity (the default answers 201 with it)', async () => {
    const response = await connector.call('Task', { method: 'POST', json: { Name: 'Created via connector' } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const entityId = response.headers.get('OData-EntityId');
    expect(entityId).toMatch(
      new RegExp(`^${connector.running.baseUrl.replace(/[.()]/g, '\\$&')}Task\\([0-9a-f-]{36}\\)$`),
    );
    expect(response.headers.get('Location')).toBe(entityId);
    const created = await connector.json<Wrapped>(entityId!);
    expect(created.body.value[0]!.Name).toBe('Created via connector');

    const plain = await odata.call('Task', { method: 'POST', json: { Name: 'Created via OData' } });
    expect(plain.status).toBe(201);
    expect(((await plain.json()) as Record<string, unknown>).Name).toBe('Created via OData');
    expect(plain.headers.get('OData-EntityId')).toBeNull();
  });
});

describe('entities carry what no schema lists', () => {
  it('has @odata.type and @odata.etag annotations and properties the EDMX does not declare', async () => {
    const declared = typeProperties('ApiProject');
    const single = (await connector.json<Wrapped>(`Project(${projectId})`)).body.value[0]!;
    const listed = (await connector.json<Collection>('Project')).body.value[0]!;
    for (const entity of [single, listed]) {
      expect(entity['@odata.type']).toBe('#InLoox.PM.Domain.Model.Aggregates.Api.ApiProject');
      expect(entity['@odata.etag']).toMatch(/^W\/"[0-9a-f]{16}"$/);
      expect(typeof entity.RowVersion).toBe('string');
      expect(entity.Extensions).toEqual({ source: 'sandbox', shape: 'connector' });
      expect(declared.has('RowVersion')).toBe(false);
      expect(declared.has('Extensions')).toBe(false);
    }
    const plain = (await odata.json<Record<string, unknown>>(`Project(${projectId})`)).body;
    expect(Object.keys(plain).filter((k) => !declared.has(k))).toEqual(['@odata.context']);
  });

  it('changes the etag when the entity changes', async () => {
    const before = (await connector.json<Wrapped>(`Project(${projectId})`)).body.value[0]!['@odata.etag'];
    await connector.call(`Project(${projectId})`, { method: 'PATCH', json: { Note: 'changed' } });
    const after = (await connector.json<Wrapped>(`Project(${projectId})`)).body.value[0]!['@odata.etag'];
    expect(after).not.toBe(before);
  });

  it('annotates the results of bound functions and actions too', async () => {
    const me = (await connector.json<Collection>('UserInfo/Me()')).body.value[0]!;
    expect(me['@odata.type']).toBe('#InLoox.PM.Domain.Model.Aggregates.Api.ApiUserInfo');
    const members = (await connector.json<Collection>(`Project(${projectId})/GetProjectContactRelations()`)).body.value;
    expect(members[0]!['@odata.type']).toBe('#InLoox.PM.Domain.Model.Aggregates.Api.ApiContactRelation');
    const batch = await connector.json<Collection>('CustomField/BatchUpdate', {
      method: 'POST',
      json: [{ ObjectId: projectId, Name: 'Region', Value: 'NA' }],
    });
    expect(batch.body.value[0]).toMatchObject({ Name: 'Region', Value: 'NA', RowVersion: expect.any(String) });
  });
});

describe('date-times', () => {
  it('carry an offset instead of Z and name the same instant', async () => {
    const task = (await connector.json<Wrapped>(`Task(${taskId})`)).body.value[0]!;
    expect(task.StartDateTime).toBe('2026-04-01T09:00:00+02:00');
    expect(task.EndDateTime).toBe('2026-04-02T17:30:00+02:00');
    const plain = (await odata.json<Record<string, unknown>>(`Task(${taskId})`)).body;
    expect(plain.StartDateTime).toBe('2026-04-01T07:00:00Z');
    expect(Date.parse(task.StartDateTime as string)).toBe(Date.parse(plain.StartDateTime as string));
  });

  it('leave no Z-terminated date-time in any entity of a list', async () => {
    let offsets = 0;
    for (const [set, type] of [
      ['Task', 'ApiTask'],
      ['Project', 'ApiProject'],
    ] as const) {
      const properties = loadModel().entityTypes.get(type)!.properties;
      for (const entity of (await connector.json<Collection>(set)).body.value) {
        for (const [name, value] of Object.entries(entity)) {
          if (properties.get(name)?.type !== 'Edm.DateTimeOffset' || typeof value !== 'string') continue;
          expect(value, name).not.toMatch(ISO_Z);
          expect(value, name).toMatch(ISO_OFFSET);
          offsets++;
        }
      }
    }
    expect(offsets).toBeGreaterThanOrEqual(6);
  });

  it('are still compared as instants by $filter', async () => {
    const { body } = await connector.json<Collection>(
      `Task?$filter=${encodeURIComponent('StartDateTime eq 2026-04-01T09:00:00+02:00')}`,
    );
    expect(body.value.map((t) => t.TaskItemId)).toEqual([taskId]);
  });
});

describe('paging', () => {
  it('links the next page relative to the service root, which resolves on both base URLs', async () => {
    for (const base of [connector.running.baseUrl, connector.running.selfHostedBaseUrl]) {
      const names: string[] = [];
      let url: string | undefined = `${base}Contact?$orderby=FirstName&$select=FirstName`;
      let pages = 0;
      while (url) {
        const page: { status: number; body: Collection } = await connector.json<Collection>(url);
        const { status, body } = page;
        expect(status).toBe(200);
        names.push(...body.value.map((c) => String(c.FirstName)));
        const next: string | undefined = body['@odata.nextLink'];
        if (next) {
          expect(next).toMatch(/^Contact\?/);
          expect(next).toContain('$skip=100');
          // Relative URLs resolve against the context URL, which lives at the service root.
          expect(new URL(next, body['@odata.context']).href).toBe(new URL(next, base).href);
        }
        url = next ? new URL(next, base).href : undefined;
        expect(++pages).toBeLessThan(5);
      }
      expect(pages).toBe(2);
      expect(names.filter((n) => n.startsWith('Page '))).toHaveLength(130);
    }
    const plain = (await odata.json<Collection>('Contact')).body['@odata.nextLink'];
    expect(plain).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/odata\/Contact\?/);
  });
});

describe('the switch', () => {
  const saved = process.env.SANDBOX_SHAPE;
  afterEach(() => {
    if (saved === undefined) delete process.env.SANDBOX_SHAPE;
    else process.env.SANDBOX_SHAPE = saved;
  });

  it('is read from SANDBOX_SHAPE when no option is given; the option wins; a wrong value is refused', async () => {
    process.env.SANDBOX_SHAPE = 'connector';
    const fromEnv = createSandbox({ keys: ['k'], seed: false });
    const explicit = createSandbox({ keys: ['k'], seed: false, shape: 'odata' });
    expect(fromEnv.shape).toBe('connector');
    expect(explicit.shape).toBe('odata');
    await fromEnv.close();
    await explicit.close();
    delete process.env.SANDBOX_SHAPE;
    const unset = createSandbox({ keys: ['k'], seed: false });
    expect(unset.shape).toBe('odata');
    await unset.close();
    process.env.SANDBOX_SHAPE = 'swagger';
    expect(() => createSandbox({ keys: ['k'], seed: false })).toThrow(/SANDBOX_SHAPE must be one of odata, connector/);
  });

  it('reaches the sandbox the API test harness starts', async () => {
    process.env.SANDBOX_SHAPE = 'connector';
    const harness = await startApiHarness({ tempPrefix: 'shape-harness-', app: () => express() });
    try {
      expect(harness.sandbox.shape).toBe('connector');
      const me = await fetch(`${harness.inloox.baseUrl}UserInfo/Me()`, {
        headers: { 'x-api-key': harness.sandbox.accounts[0]!.apiKey },
      });
      expect(((await me.json()) as Collection).value[0]!.RowVersion).toEqual(expect.any(String));
    } finally {
      await harness.close();
    }
  });
});
