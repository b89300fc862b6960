import { randomUUID } from 'node:crypto';
import type { AccountData, EntityModule } from '../accountData';
import type { StoredRow } from '../store';
import { define } from './define';

export function statusesOf(data: AccountData, projectId: string): StoredRow[] {
  return data.where('TaskStatus', 'ProjectId', projectId);
}

/** The statuses every new project starts with, in the account's language. */
export function createDefaultStatuses(data: AccountData, projectId: string): void {
  const names =
    data.profile.language === 'de' ? ['Offen', 'In Bearbeitung', 'Erledigt'] : ['Open', 'In progress', 'Done'];
  names.forEach((Name, OrdinalPosition) => {
    const id = randomUUID();
    data.put('TaskStatus', id, { TaskItemStatusId: id, Name, ProjectId: projectId, OrdinalPosition, Color: null });
  });
}

export const taskStatus: EntityModule = {
  set: define('TaskStatus', {
    writable: ['Name', 'ProjectId', 'OrdinalPosition', 'Color'],
    required: ['Name', 'ProjectId'],
  }),
  indexes: { TaskStatus: ['ProjectId'] },

  prepareInsert(data, row) {
    row.OrdinalPosition ??= statusesOf(data, row.ProjectId as string).length;
  },

  check(data, row) {
    data.requireRow('Project', row.ProjectId, 'Project');
  },

  /** Tasks in a deleted status keep their project and lose the status. */
  beforeDelete(data, id) {
    for (const t of data.where('Task', 'TaskItemStatusId', id))
      data.put('Task', t.TaskItemId as string, { ...t, TaskItemStatusId: null });
  },
};
