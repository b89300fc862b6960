/**
 * Locked projects (LockMode 1; the API reference adds IsLocked): InLoox refuses changes to them. The sandbox answers
 * 403 with an OData error body to PATCH, DELETE and the bound actions that change the project's data; comments,
 * followers, favorites, copies and reads stay allowed, and a PATCH that only changes LockMode unlocks.
 */
import type { AccountData, BoundOperation } from '../accountData';
import { ODataError } from '../odata/errors';
import type { StoredRow } from '../store';

export const LOCKED = 1;

export function isLocked(row: StoredRow | undefined): boolean {
  return row?.LockMode === LOCKED;
}

export function lockedError(row: StoredRow): ODataError {
  return new ODataError(
    403,
    'ProjectLocked',
    `The project '${String(row.Name ?? '')}' is locked. Unlock it in InLoox before changing it.`,
  );
}

/** 403 when the project exists and is locked; 404 when it does not exist. */
export function refuseIfLocked(data: AccountData, projectId: string): void {
  const row = data.existing('Project', projectId);
  if (isLocked(row)) throw lockedError(row);
}

/** The same operations, each refusing a locked project before it runs. */
export function lockGuarded(operations: Record<string, BoundOperation>): Record<string, BoundOperation> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [
      name,
      {
        ...operation,
        handler: (call) => {
          refuseIfLocked(call.data, call.key);
          return operation.handler(call);
        },
      } satisfies BoundOperation,
    ]),
  );
}
