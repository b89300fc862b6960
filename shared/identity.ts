/**
 * A person is identified by their Microsoft 365 tenant and Entra object id, whether they come from
 * Teams (activity.from.aadObjectId + conversation.tenantId) or Outlook/the tab (SSO token `tid` + `oid`).
 * One stored InLoox connection per identity serves every client.
 */
export interface UserIdentity {
  tenantId: string;
  objectId: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
