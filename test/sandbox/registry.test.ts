/**
 * The entity set registry is the only list of sets and bound operations: the service document, the routing and the
 * operation dispatch all follow it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_MODULES } from '../../sandbox/entities/registry';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
let projectId: string;
let taskId: string;

beforeAll(async () => {
  h = await startSandbox({ keys: ['registry-key'] });
  const data = h.sandbox.data('registry-key');
  projectId = data.list('Project')[0]!.ProjectId as string;
  taskId = data.list('Task').find((t) => t.ProjectId === projectId)!.TaskItemId as string;
});
afterAll(async () => {
  await h.close();
});

const exposed = ENTITY_MODULES.filter((m) => m.exposed !== false);

describe('the entity set registry', () => {
  it('lists every exposed set in the service document, in registry order', async () => {
    const { body } = await h.json<Collection<{ name: string; kind: string; url: string }>>('');
    expect(body.value).toEqual(exposed.map((m) => ({ name: m.set.name, kind: 'EntitySet', url: m.set.name })));
    expect(body.value.map((s) => s.name)).not.toContain('ProjectContactRelation');
  });

  it('routes every exposed set, and no hidden one', async () => {
    for (const module of exposed) {
      const response = await h.call(`${module.set.name}?$top=1`);
      expect(response.status, module.set.name).toBe(200);
    }
    for (const module of ENTITY_MODULES.filter((m) => m.exposed === false)) {
      expect((await h.call(module.set.name)).status, module.set.name).toBe(404);
    }
  });

  it('dispatches every bound operation of every table (none answers "no such operation")', async () => {
    const keyFor: Record<string, string> = { Project: projectId, Task: taskId };
    let count = 0;
    for (const module of exposed) {
      for (const [name, operation] of Object.entries(module.operations ?? {})) {
        const bound =
          operation.binding === 'entity' ? `${module.set.name}(${keyFor[module.set.name]})` : module.set.name;
        const response =
          operation.kind === 'function'
            ? await h.json<ODataErrorBody>(`${bound}/${name}()`)
            : await h.json<ODataErrorBody>(`${bound}/${name}`, { method: 'POST', json: {} });
        expect(response.status, `${bound}/${name}`).not.toBe(404);
        expect([200, 400], `${bound}/${name}`).toContain(response.status);
        count++;
      }
    }
    expect(count).toBe(28);
  });
});
