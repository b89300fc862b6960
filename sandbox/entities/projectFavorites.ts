/**
 * Favorite projects, per user of an account: ApiProject.IsFavorite is "marked as a favorite by the current user",
 * set with Project(…)/ToggleFavorite(isFavorite=…). Kept in an internal collection keyed by contact and project.
 */
import type { AccountData, BoundOperation } from '../accountData';

export const FAVORITE = 'ProjectFavorite';
export const FAVORITE_INDEXES = { [FAVORITE]: ['ProjectId'] };

const favoriteId = (contactId: string, projectId: string) => `${contactId}|${projectId}`.toLowerCase();

export function isFavorite(data: AccountData, projectId: string): boolean {
  return !!data.rawOne(FAVORITE, favoriteId(data.profile.contactId, projectId));
}

/** Marks or unmarks a project for the current user; asking for the state it already has changes nothing. */
export function setFavorite(data: AccountData, projectId: string, favorite: boolean): void {
  const id = favoriteId(data.profile.contactId, projectId);
  if (favorite === !!data.rawOne(FAVORITE, id)) return;
  if (favorite) data.put(FAVORITE, id, { ProjectId: projectId.toLowerCase(), ContactId: data.profile.contactId });
  else data.remove(FAVORITE, id);
}

/** A deleted project is nobody's favorite any more. */
export function deleteFavorites(data: AccountData, projectId: string): void {
  for (const row of data.where(FAVORITE, 'ProjectId', projectId.toLowerCase()))
    data.remove(FAVORITE, favoriteId(row.ContactId as string, projectId));
}

/**
 * GET Project(…)/ToggleFavorite(isFavorite=true|false). The EDMX declares an Edm.Boolean result without saying what
 * it means; the sandbox answers the state the project has afterwards.
 */
export const toggleFavorite: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  parameters: { isFavorite: { type: 'Edm.Boolean', required: true } },
  handler({ data, key, args }) {
    data.existing('Project', key);
    const favorite = args().isFavorite as boolean;
    setFavorite(data, key, favorite);
    return { type: 'Edm.Boolean', value: favorite };
  },
};
