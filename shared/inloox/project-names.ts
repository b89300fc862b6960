/** Project names for a list of tasks: one getProjectNames call for the whole list instead of a read per project. */
import type { InLooxApi } from './api';
import type { Guid, ProjectName, Task } from './types';

/**
 * The projects of these tasks by lower-case id. Names only decorate a list, so when InLoox cannot answer the lookup
 * the list is still shown, without them.
 */
export async function projectNamesOf(
  api: Pick<InLooxApi, 'getProjectNames'>,
  tasks: readonly Pick<Task, 'ProjectId'>[],
): Promise<Map<Guid, ProjectName>> {
  const ids = tasks.map((task) => task.ProjectId).filter((id): id is string => !!id);
  if (ids.length === 0) return new Map();
  return api.getProjectNames(ids).catch(() => new Map<Guid, ProjectName>());
}
