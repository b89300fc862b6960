import { GUID_PATTERN as GUID } from './domain/guid';
/**
 * A person is identified by their Microsoft 365 tenant and Entra object id, whether they come from
 * Teams (activity.from.aadObjectId + conversation.tenantId) or Outlook/the tab (SSO token `tid` + `oid`).
 * One stored InLoox connection per identity serves every client.
 */
export interface UserIdentity {
  tenantId: string;
  objectId: string;
}

export function isValidIdentity(identity: Partial<UserIdentity> | undefined | null): identity is UserIdentity {
  return (
    !!identity &&
    typeof identity.tenantId === 'string' &&
    typeof identity.objectId === 'string' &&
    GUID.test(identity.tenantId) &&
    GUID.test(identity.objectId)
  );
}

/** Stable storage key; lower-cased so the same person never gets two connections. */
export function identityKey(identity: UserIdentity): string {
  return `${identity.tenantId.toLowerCase()}:${identity.objectId.toLowerCase()}`;
}
