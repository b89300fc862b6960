import { createHash } from 'node:crypto';
import type { UserIdentity } from '../identity';
import { GUID_PATTERN as GUID } from '../domain/guid';

/**
 * The person everyone is in local mode (no MicrosoftAppId): the default user of the Microsoft 365 Agents
 * Playground, the local Teams client that `npm start` opens. The playground sends, for its default user
 * "Alex Wilber", conversation.tenantId "00000000-0000-0000-0000-0000000000001" and from.aadObjectId
 * "00000000-0000-0000-0000-0000000000020" (its built-in config; no .m365agentsplayground.yml). Those are not
 * GUIDs (13 digits in the last group), so local mode maps such ids to stable name-based GUIDs with
 * localModeGuid; the bot does the same for the activities it receives. DEV_IDENTITY is that mapping of the
 * playground's default user, so connecting in the playground also connects the local Outlook add-in page and
 * tab, and the other way round.
 */

export const PLAYGROUND_DEFAULT_USER = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  name: 'Alex Wilber',
  email: 'alexw@example.com',
} as const;

/** A GUID stays as it is (lower-case); anything else becomes a stable name-based (version 5 layout) GUID. */
export function localModeGuid(value: string): string {
  if (GUID.test(value)) return value.toLowerCase();
  const hex = createHash('sha256').update(`local-identity:${value}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** localModeGuid of PLAYGROUND_DEFAULT_USER's tenant and object id (test/auth checks the two stay equal). */
export const DEV_IDENTITY: Readonly<UserIdentity> = Object.freeze({
  tenantId: '9b951b18-aec3-523a-8482-c190c47d099c',
  objectId: 'ee0ec5ee-5ebd-58c1-852b-48026f0255a4',
});

export const DEV_USER = Object.freeze({
  displayName: PLAYGROUND_DEFAULT_USER.name,
  email: PLAYGROUND_DEFAULT_USER.email,
});
