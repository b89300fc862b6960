/** The custom field part of the InLooxApi contract (contract.ts runs it for every implementation). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InLooxApi } from '../../shared/inloox/api';
import { CUSTOM_FIELD_TYPES, type CustomFieldSchema } from '../../shared/inloox/custom-field-types';
import { failure } from './failure';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export function customFieldContract(apiOf: () => InLooxApi): void {
  describe('custom fields', () => {
    let api: InLooxApi;
    let projects: CustomFieldSchema;
    const column = (type: string, extra: (f: CustomFieldSchema['fields'][number]) => boolean = () => true) =>
      projects.fields.find((f) => f.type === type && !f.writeProtected && extra(f))!.column;

    beforeAll(async () => {
      api = apiOf();
      projects = await api.customFieldSchema('Project');
    });

    it('lists definitions of every type, ordered by section and position, with list values and currency', async () => {
      expect(new Set(projects.fields.map((f) => f.type))).toEqual(new Set(CUSTOM_FIELD_TYPES));
      const sectionRank = (id?: string) => projects.sections.findIndex((s) => s.id === id);
      const ranks = projects.fields.map((f) => sectionRank(f.sectionId));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(projects.sections.map((s) => s.position)).toEqual([...projects.sections.map((s) => s.position)].sort());
      expect(projects.fields.find((f) => f.type === 'List')!.listValues.length).toBeGreaterThan(1);
      expect(projects.fields.find((f) => f.type === 'Currency')!.currencySymbol).toBe('€');
      expect(projects.fields.some((f) => f.writeProtected)).toBe(true);
      expect(projects.fields.some((f) => f.warnIfEmpty)).toBe(true);
      const tasks = await api.customFieldSchema('TaskItem', { refresh: true });
      expect(tasks.fields.length).toBeGreaterThan(0);
      expect(tasks.fields.every((f) => f.table === 'TaskItem')).toBe(true);
    });

    it('writes values in one batch, reads back only the asked columns, and clears with null', async () => {
      const project = await api.createProject({ Name: 'Contract Custom Fields' });
      const id = project.ProjectId;
      const list = projects.fields.find((f) => f.type === 'List' && !f.allowNew)!;
      const values = {
        [column('String', (f) => !f.rule)]: 'C-77',
        [column('Integer')]: '12',
        [column('Decimal')]: '3.25',
        [column('Boolean')]: 'true',
        [list.column]: list.listValues[1]!,
        [column('DateTime')]: '2026-05-04T10:30:00Z',
        [column('Currency')]: '1999.5',
      };
      await api.saveCustomFields(id, values);
      const read = await api.customFieldValues('Project', id, Object.keys(values));
      expect(Object.keys(read).sort()).toEqual(Object.keys(values).sort());
      expect(read).toEqual(values);
      const integer = column('Integer');
      await api.saveCustomFields(id, { [integer]: null });
      const after = await api.customFieldValues('Project', id, [integer, list.column]);
      expect(after).toEqual({ [integer]: null, [list.column]: list.listValues[1] });
      await api.saveCustomFields(id, {});
      expect(await api.customFieldValues('Project', id, [])).toEqual({});
      await api.deleteProject(id);
    });

    it('refuses a value of the wrong type as validation and writes nothing of that batch', async () => {
      const project = await api.createProject({ Name: 'Contract Custom Field Types' });
      const text = column('String', (f) => !f.rule);
      const error = await failure(
        api.saveCustomFields(project.ProjectId, { [text]: 'kept out', [column('Integer')]: 'many' }),
      );
      expect(error.kind).toBe('validation');
      expect((await api.customFieldValues('Project', project.ProjectId, [text]))[text]).toBeNull();
      await api.deleteProject(project.ProjectId);
    });

    it('refuses write-protected and blocked fields as forbidden; blocked fields are known columns', async () => {
      const project = await api.createProject({ Name: 'Contract Custom Field Rights' });
      const blocked = await api.blockedCustomFields('Project', project.ProjectId);
      const known = new Set(projects.fields.map((f) => f.column));
      expect(blocked.length).toBeGreaterThan(0);
      expect(blocked.every((c) => known.has(c))).toBe(true);
      expect((await failure(api.saveCustomFields(project.ProjectId, { [blocked[0]!]: 'x' }))).kind).toBe('forbidden');
      const locked = projects.fields.find((f) => f.writeProtected)!.column;
      expect((await failure(api.saveCustomFields(project.ProjectId, { [locked]: 'x' }))).kind).toBe('forbidden');
      await api.deleteProject(project.ProjectId);
    });

    it('reads and writes task values, and an unknown object is not_found', async () => {
      const tasks = await api.customFieldSchema('TaskItem');
      const task = await api.createTask({ Name: 'Contract custom task' });
      const integer = tasks.fields.find((f) => f.type === 'Integer')!.column;
      await api.saveCustomFields(task.TaskItemId, { [integer]: '42' });
      expect(await api.customFieldValues('TaskItem', task.TaskItemId, [integer])).toEqual({ [integer]: '42' });
      expect((await failure(api.customFieldValues('TaskItem', UNKNOWN, [integer]))).kind).toBe('not_found');
      expect((await failure(api.customFieldValues('TaskItem', 'not-a-guid', [integer]))).kind).toBe('validation');
      await api.deleteTask(task.TaskItemId);
    });
  });
}
