import type { AccountData, BoundOperation } from '../accountData';
import { badRequest, notFound } from '../odata/errors';

/**
 * Who follows a project's notifications. Kept on the stored project row (not an EDMX property, so GET never shows it);
 * the API shows it through GetNotificationFollowerContacts().
 */
const FOLLOWERS = 'NotificationFollowerIds';

export function followersOf(data: AccountData, projectId: string): string[] {
  const stored = data.existing('Project', projectId.toLowerCase());
  return Array.isArray(stored[FOLLOWERS]) ? (stored[FOLLOWERS] as string[]) : [];
}

function setFollowers(data: AccountData, projectId: string, ids: string[]): void {
  const id = projectId.toLowerCase();
  data.put('Project', id, { ...data.existing('Project', id), [FOLLOWERS]: ids });
}

export const getFollowerContacts: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  handler: ({ data, key }) => ({
    set: 'Contact',
    rows: followersOf(data, key).map((id) => data.get('Contact', id)),
    query: true,
    keepOrder: true,
  }),
};

/**
 * AddNotificationFollowers: `contactIds` (required) and, as the EDMX lists it, an optional `projectId`, which must
 * then name the bound project. Every contact must exist (400); following twice changes nothing.
 */
export const addFollowersAction: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: {
    contactIds: { type: 'Collection(Edm.Guid)', required: true },
    projectId: { type: 'Edm.Guid', required: false },
  },
  handler({ data, key, args }) {
    const current = followersOf(data, key);
    const p = args();
    if (typeof p.projectId === 'string' && p.projectId.toLowerCase() !== key.toLowerCase())
      throw badRequest('projectId does not name the project the action is bound to.');
    const ids = (p.contactIds as string[]).map((id) => id.toLowerCase());
    if (ids.length === 0) throw badRequest('contactIds must name at least one contact.');
    for (const id of ids) data.requireRow('Contact', id, 'Contact');
    setFollowers(data, key, [...new Set([...current, ...ids])]);
    return undefined;
  },
};

export const removeFollowerAction: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: { contactId: { type: 'Edm.Guid', required: true } },
  handler({ data, key, args }) {
    const current = followersOf(data, key);
    const contactId = (args().contactId as string).toLowerCase();
    if (!current.includes(contactId)) throw notFound(`Contact ${contactId} does not follow this project.`);
    setFollowers(
      data,
      key,
      current.filter((id) => id !== contactId),
    );
    return undefined;
  },
};
