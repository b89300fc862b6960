import type { AccountData, BoundOperation } from '../accountData';
import { badRequest, ODataError } from '../odata/errors';
import { MEMBERSHIP } from './projectContactRelation';

/** Project roles that may decide a project request: managers (2) and project request reviewers (64). */
export const DECIDING_ROLES: readonly number[] = [2, 64];

/** Whether the key's user may decide the project's request. */
export function canDecide(data: AccountData, projectId: string): boolean {
  const me = data.profile.contactId;
  return data
    .where(MEMBERSHIP, 'ProjectId', projectId)
    .some((m) => m.ContactId === me && DECIDING_ROLES.includes(m.Role as number));
}

/**
 * ApproveRequest turns the request into a project (IsRequest false). RejectRequest keeps it a request and archives
 * it: InLoox does not document what a rejection leaves behind, and a closed request must stay readable so every
 * reviewer can see who decided (ChangedByContactId / LastChangedByName). A request already decided, or a project
 * that never was one, is refused with 400; a caller without the reviewer or manager role with 403.
 */
function decide(approve: boolean): BoundOperation {
  return {
    kind: 'action',
    binding: 'entity',
    bodyOptional: true,
    handler({ data, key, body }) {
      const id = key.toLowerCase();
      const stored = data.existing('Project', id);
      const extra = body();
      if (extra !== undefined && extra !== null && (typeof extra !== 'object' || Object.keys(extra).length > 0))
        throw badRequest('This action takes no parameters.', 'InvalidParameter');
      if (stored.IsRequest !== true) throw badRequest('The project is not a project request.', 'NotARequest');
      if (stored.IsArchived === true || stored.IsRecycled === true)
        throw badRequest('The project request has already been decided.', 'RequestDecided');
      if (!canDecide(data, id))
        throw new ODataError(403, 'Forbidden', 'Only project request reviewers and managers can decide a request.');
      data.put('Project', id, {
        ...stored,
        ...(approve ? { IsRequest: false } : { IsArchived: true }),
        ChangedByContactId: data.profile.contactId,
        LastChangedDateTime: data.now(),
      });
      return undefined;
    },
  };
}

export const approveRequestAction = decide(true);
export const rejectRequestAction = decide(false);
