/**
 * Bound operations on one project beyond create/read/update/delete (the InLoox Projects page): favorites per user,
 * categories, project numbers, copies and the AI description.
 */
import { z } from 'zod';
import { checkGuid, type ODataSession } from './odata';
import { entityPath, functionCall, lit } from './query';
import type { Guid } from './types';

const projectPath = (projectId: Guid) => entityPath('Project', checkGuid(projectId, 'projectId'), 'projectId');

/**
 * Marks the project as a favorite of the key's owner, or not. Answers the state InLoox reports; a server that
 * answers without a value is taken to have done what was asked.
 */
export async function setFavorite(odata: ODataSession, projectId: Guid, favorite: boolean): Promise<boolean> {
  if (typeof favorite !== 'boolean') throw new TypeError('favorite must be a boolean');
  const path = `${projectPath(projectId)}/${functionCall('ToggleFavorite', { isFavorite: lit.boolean(favorite) })}`;
  const answer = await odata.call(path, z.boolean().nullable().optional(), 'favorite state');
  return answer ?? favorite;
}
