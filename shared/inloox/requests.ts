/** Project requests: open requests, and the reviewer's decision (ApproveRequest / RejectRequest). */
import { checkGuid, type ODataSession } from './odata';
import { and, entityPath, eq, lit } from './query';
import { projectSchema } from './schemas';
import type { Guid, Page, Project } from './types';

/** Most open requests one list reads; each is checked for the reader's role before it is shown. */
export const MAX_REQUESTS = 25;

export type RequestState = 'open' | 'approved' | 'rejected';

/**
 * What became of a request. InLoox documents only IsRequest; an approved request turns into a project
 * (IsRequest false). A rejected one stays a request but is closed: archived or in the recycle bin.
 */
export function requestState(project: Pick<Project, 'IsRequest' | 'IsArchived' | 'IsRecycled'>): RequestState {
  if (project.IsRequest === false) return 'approved';
  if (project.IsArchived || project.IsRecycled) return 'rejected';
  return 'open';
}

export async function listProjectRequests(odata: ODataSession, options: { top?: number } = {}): Promise<Page<Project>> {
  return odata.list<Project>({
    entitySet: 'Project',
    schema: projectSchema,
    what: 'project',
    filter: and(
      eq('IsRequest', lit.boolean(true)),
      eq('IsRecycled', lit.boolean(false)),
      eq('IsArchived', lit.boolean(false)),
    ),
    orderBy: [{ field: 'CreatedDateTime', direction: 'desc' }],
    top: Math.min(Math.max(1, options.top ?? MAX_REQUESTS), MAX_REQUESTS),
  });
}

export async function decideRequest(
  odata: ODataSession,
  projectId: Guid,
  decision: 'ApproveRequest' | 'RejectRequest',
): Promise<void> {
  return odata.action(`${entityPath('Project', checkGuid(projectId, 'projectId'))}/${decision}`, {});
}
