/** Tasks: list (by project, assignee, state, text), read and write. */
import type { CreatedTask, TaskListOptions } from './api';
import { checkGuid, searchFilter, type ODataSession } from './odata';
import { PROJECT_NAMES_PER_CALL } from './projects';
import { and, entityPath, eq, lit, or } from './query';
import { guidListSchema, taskInputSchema, taskPatchSchema, taskSchema, validate } from './schemas';
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

/** The tasks of the given ids that InLoox still knows, in one call per 25 ids (same query-length budget as names). */
export async function getTasksByIds(odata: ODataSession, taskIds: Guid[]): Promise<Task[]> {
  const ids = [...new Set(validate(guidListSchema, taskIds, 'taskIds').map((id) => id.toLowerCase()))];
  const found: Task[] = [];
  for (let start = 0; start < ids.length; start += PROJECT_NAMES_PER_CALL) {
    const chunk = ids.slice(start, start + PROJECT_NAMES_PER_CALL);
    const page = await odata.list<Task>({
      entitySet: 'Task',
      schema: taskSchema,
      what: 'task',
      filter: or(...chunk.map((id) => eq('TaskItemId', lit.guid(id)))),
      top: chunk.length,
    });
    found.push(...page.items);
  }
  return found;
}

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
