/** Tasks: list (by project, assignee, state, text), read and write. */
import type { CreatedTask, TaskListOptions } from './api';
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

/** readBack false: the caller needs only the new id (see ODataSession.create). */
/** readBack false: the caller needs only the new id, so a 204 answer with the address is not followed by a read. */
export async function createTask(odata: ODataSession, input: TaskInput, readBack = true): Promise<Task | CreatedTask> {
  const spec = {
    path: 'Task',
    entitySet: 'Task',
    body: validate(taskInputSchema, input),
    schema: taskSchema,
    what: 'task',
  };
  if (readBack) return odata.create<Task>(spec);
  const created = await odata.post<Task>(spec);
  return 'entity' in created ? created.entity : { TaskItemId: created.key };
}

export async function updateTask(odata: ODataSession, taskId: Guid, patch: TaskPatch): Promise<Task> {
  const path = entityPath('Task', checkGuid(taskId, 'taskId'));
  return odata.update<Task>({
    path,
    body: validate(taskPatchSchema, patch),
    schema: taskSchema,
    what: 'task',
  });
}

export async function deleteTask(odata: ODataSession, taskId: Guid): Promise<void> {
  return odata.remove(entityPath('Task', checkGuid(taskId, 'taskId')));
}
