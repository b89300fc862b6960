/** Tasks: list (by project, assignee, state, text), read and write. */
import type { TaskListOptions } from './api';
import { checkGuid, searchFilter, type ODataSession } from './odata';
import { and, entityPath, eq, lit } from './query';
import { taskInputSchema, taskPatchSchema, taskSchema, validate } from './schemas';
import type { Guid, Page, Task, TaskInput, TaskPatch } from './types';

export async function listTasks(odata: ODataSession, options: TaskListOptions = {}): Promise<Page<Task>> {
  return odata.list<Task>({
    entitySet: 'Task',
    schema: taskSchema,
    what: 'task',
    filter: and(
      options.projectId ? eq('ProjectId', lit.guid(checkGuid(options.projectId, 'projectId'))) : undefined,
      options.assigneeContactId
        ? eq('ContactId', lit.guid(checkGuid(options.assigneeContactId, 'assigneeContactId')))
        : undefined,
      options.open === undefined ? undefined : eq('IsDone', lit.boolean(!options.open)),
      searchFilter(['Name'], options.search),
    ),
    orderBy: [{ field: 'EndDateTime' }, { field: 'Name' }],
    top: options.top,
    skip: options.skip,
  });
}

export async function getTask(odata: ODataSession, taskId: Guid): Promise<Task> {
  return odata.entity<Task>(entityPath('Task', taskId, 'taskId'), taskSchema, 'task');
}

export async function createTask(odata: ODataSession, input: TaskInput): Promise<Task> {
  return odata.write<Task>({
    method: 'POST',
    path: 'Task',
    body: validate(taskInputSchema, input),
    schema: taskSchema,
    what: 'task',
    reload: (entityUrl) => entityUrl,
  });
}

export async function updateTask(odata: ODataSession, taskId: Guid, patch: TaskPatch): Promise<Task> {
  const path = entityPath('Task', checkGuid(taskId, 'taskId'));
  return odata.write<Task>({
    method: 'PATCH',
    path,
    body: validate(taskPatchSchema, patch),
    schema: taskSchema,
    what: 'task',
    reload: () => path,
  });
}

export async function deleteTask(odata: ODataSession, taskId: Guid): Promise<void> {
  return odata.remove(entityPath('Task', checkGuid(taskId, 'taskId')));
}
