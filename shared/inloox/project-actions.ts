/**
 * Bound operations on one project beyond create/read/update/delete (the InLoox Projects page): favorites per user,
 * categories, project numbers, copies and the AI description.
 */
import { z } from 'zod';
import { InLooxError, isInLooxError } from './errors';
import { checkGuid, type ODataSession } from './odata';
import { entityPath, functionCall, lit } from './query';
import { guidSchema, validate } from './schemas';
import type { Category, Guid } from './types';

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

/** Longest prefix or suffix of a project number the product sends (InLoox documents no limit). */
export const NUMBER_AFFIX_MAX = 20;
const affixSchema = z
  .string()
  .max(NUMBER_AFFIX_MAX, 'text_too_long')
  .regex(/^[^\p{Cc}]*$/u, 'invalid_characters');
const projectNumberSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u);

/** Whether another project already has this full number (CheckIfProjectNumberExists). */
export async function projectNumberExists(odata: ODataSession, projectId: Guid, number: string): Promise<boolean> {
  const checked = validate(projectNumberSchema, number, 'projectNumber');
  const call = functionCall('CheckIfProjectNumberExists', { projectNumber: lit.string(checked) });
  return odata.call(`${projectPath(projectId)}/${call}`, z.boolean(), 'project number check');
}

export async function updateProjectNumber(
  odata: ODataSession,
  projectId: Guid,
  prefix: string,
  suffix: string,
): Promise<void> {
  const body = { prefix: validate(affixSchema, prefix, 'prefix'), suffix: validate(affixSchema, suffix, 'suffix') };
  await odata.action(`${projectPath(projectId)}/UpdateProjectNumber`, body);
}

const categorySchema = z.looseObject({
  CategoryId: guidSchema,
  Name: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
});

/** The account's categories by name (the Category set). */
export async function listCategories(odata: ODataSession): Promise<Category[]> {
  const page = await odata.list<Category>({
    entitySet: 'Category',
    schema: categorySchema,
    what: 'category',
    orderBy: [{ field: 'Name' }],
  });
  return page.items;
}

const categoryIdsSchema = z.array(guidSchema).max(100);

/** Replaces every category of the project (SetCategories). */
export async function setCategories(odata: ODataSession, projectId: Guid, categoryIds: Guid[]): Promise<void> {
  const ids = [...new Set(validate(categoryIdsSchema, categoryIds, 'categoryIds').map((id) => id.toLowerCase()))];
  await odata.action(`${projectPath(projectId)}/SetCategories`, { categoryIds: ids });
}

/** Adds (AssignCategory) or removes (UnAssignCategory) one category. */
export async function changeCategory(
  odata: ODataSession,
  projectId: Guid,
  categoryId: Guid,
  assigned: boolean,
): Promise<void> {
  const name = assigned ? 'AssignCategory' : 'UnAssignCategory';
  const call = functionCall(name, { categoryId: lit.guid(checkGuid(categoryId, 'categoryId')) });
  await odata.call(`${projectPath(projectId)}/${call}`, z.unknown(), 'category change');
}

/** Copies the project (CopyProject()); answers the copy's id. Never retried: a second call makes a second copy. */
export async function copyProject(odata: ODataSession, projectId: Guid): Promise<Guid> {
  const id = await odata.call(`${projectPath(projectId)}/CopyProject()`, guidSchema, 'project copy', 'unsafe');
  return id.toLowerCase();
}

/**
 * A suggested description (GenerateProjectDescription, InLoox Cloud only). undefined: this InLoox server does not
 * offer it (self-hosted servers answer 404 or 501).
 */
export async function generateProjectDescription(
  odata: ODataSession,
  projectId: Guid,
  language: 'de' | 'en',
): Promise<string | undefined> {
  if (language !== 'de' && language !== 'en') throw new InLooxError('validation', { field: 'language' });
  const call = functionCall('GenerateProjectDescription', { language: lit.string(language) });
  try {
    return await odata.call(`${projectPath(projectId)}/${call}`, z.string().max(100_000), 'project description');
  } catch (error) {
    if (isInLooxError(error) && (error.details.status === 404 || error.details.status === 501)) return undefined;
    throw error;
  }
}
