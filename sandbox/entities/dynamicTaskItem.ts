import type { AccountData, EntityModule } from '../accountData';
import type { Row } from '../odata/metadata';
import { customColumnLookup, customColumns } from './customField';
import { define } from './define';
import { copyProjectColumns } from './dynamicProject';
import { projectView } from './project';
import { TASK_NOTE, taskView } from './task';

const set = define('DynamicTaskItem', {});

function dynamicTasks(data: AccountData, only?: string[]): Row[] {
  const tasks = only ? only.map((id) => data.rawOne('Task', id)!).filter(Boolean) : data.raw('Task');
  const projectIds = [...new Set(tasks.map((t) => t.ProjectId).filter((p): p is string => typeof p === 'string'))];
  const projects = new Map(
    projectIds
      .map((id) => data.rawOne('Project', id)!)
      .filter(Boolean)
      .map((stored) => [stored.ProjectId as string, projectView(data, stored)]),
  );
  return tasks.map((stored) => {
    const task = taskView(data, stored);
    const row = data.withDefaults(set, {});
    for (const [name, value] of Object.entries(task)) {
      if (set.type.properties.has(`TaskItem_${name}`)) row[`TaskItem_${name}`] = value;
    }
    row.TaskItem_NotesCount = data.where(TASK_NOTE, 'TaskItemId', stored.TaskItemId).length;
    const project = typeof stored.ProjectId === 'string' ? projects.get(stored.ProjectId) : undefined;
    if (project) copyProjectColumns(set, project, row);
    Object.assign(row, customColumns(data, 'TaskItem', stored.TaskItemId as string));
    return row;
  });
}

/** Read-only view of tasks with their project's columns and their custom fields. */
export const dynamicTaskItem: EntityModule = {
  set,
  lookup: (data) => customColumnLookup(data, set, 'TaskItem'),
  list: (data) => dynamicTasks(data),
  get: (data, id) => (data.rawOne('Task', id) ? dynamicTasks(data, [id])[0] : undefined),
};
