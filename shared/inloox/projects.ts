/** Projects: list, find, read, write, and the names of many projects at once. */
import { LIMITS } from '../domain/limits';
import type { ProjectListOptions } from './api';
import { InLooxError } from './errors';
import { checkGuid, searchFilter, type ListSpec, type ODataSession } from './odata';
import { and, containsText, entityPath, eq, lit, or } from './query';
import { guidListSchema, projectInputSchema, projectPatchSchema, projectSchema, validate } from './schemas';
import type { Guid, Page, Project, ProjectInput, ProjectName, ProjectPatch } from './types';

/**
 * Ids per name lookup: each id adds about 60 characters of $filter, so 25 keep the query string well under the
 * 2,048 characters that IIS accepts by default.
 */
export const PROJECT_NAMES_PER_CALL = 25;

function projectSpec(options: ProjectListOptions = {}): ListSpec {
  return {
    entitySet: 'Project',
    schema: projectSchema,
    what: 'project',
    filter: and(
      eq('IsRecycled', lit.boolean(false)),
      options.includeArchived ? undefined : eq('IsArchived', lit.boolean(false)),
      searchFilter(['Name', 'Number'], options.search),
      options.favoritesOnly ? eq('IsFavorite', lit.boolean(true)) : undefined,
      categoryFilter(options.category),
    ),
    orderBy: [
      ...(options.favoritesFirst ? [{ field: 'IsFavorite', direction: 'desc' as const }] : []),
      { field: 'CreatedDateTime', direction: 'desc' },
    ],
    top: options.top,
    skip: options.skip,
  };
}

/** Categories is a comma-separated text: contains() narrows the list, hasCategory() keeps the exact matches. */
function categoryFilter(category: string | undefined) {
  const name = category?.trim();
  if (!name) return undefined;
  if (name.length > 100) throw new InLooxError('validation', { field: 'category', detail: 'too long' });
  return containsText('Categories', name);
}

export function hasCategory(project: Project, category: string): boolean {
  const wanted = category.trim().toLowerCase();
  return (project.Categories ?? '').split(',').some((name) => name.trim().toLowerCase() === wanted);
}

export async function listProjects(odata: ODataSession, options?: ProjectListOptions): Promise<Page<Project>> {
  const page = await odata.list<Project>(projectSpec(options));
  const category = options?.category?.trim();
  return category ? { ...page, items: page.items.filter((p) => hasCategory(p, category)) } : page;
}

export async function getProject(odata: ODataSession, projectId: Guid): Promise<Project> {
  return odata.entity<Project>(entityPath('Project', projectId, 'projectId'), projectSchema, 'project');
}

export async function findProject(odata: ODataSession, nameOrNumber: string): Promise<Project | undefined> {
  const needle = typeof nameOrNumber === 'string' ? nameOrNumber.trim() : '';
  if (!needle) throw new InLooxError('validation', { field: 'nameOrNumber', detail: 'empty' });
  if (needle.length > LIMITS.search) {
    throw new InLooxError('validation', { field: 'nameOrNumber', detail: 'too long' });
  }
  const active = eq('IsRecycled', lit.boolean(false));
  const base = { entitySet: 'Project', schema: projectSchema, what: 'project' };
  const byNumber = await odata.list<Project>({
    ...base,
    filter: and(active, eq('Number', lit.string(needle))),
    top: 1,
  });
  if (byNumber.items[0]) return byNumber.items[0];
  const byName = await odata.list<Project>({
    ...base,
    filter: and(active, containsText('Name', needle)),
    orderBy: [{ field: 'CreatedDateTime', direction: 'desc' }],
    top: 20,
  });
  const lower = needle.toLowerCase();
  return byName.items.find((p) => p.Name.toLowerCase() === lower) ?? byName.items[0];
}

export async function getProjectNames(odata: ODataSession, projectIds: Guid[]): Promise<Map<Guid, ProjectName>> {
  const ids = [...new Set(validate(guidListSchema, projectIds, 'projectIds').map((id) => id.toLowerCase()))];
  const names = new Map<Guid, ProjectName>();
  for (let start = 0; start < ids.length; start += PROJECT_NAMES_PER_CALL) {
    const chunk = ids.slice(start, start + PROJECT_NAMES_PER_CALL);
    const page = await odata.list<Project>({
      entitySet: 'Project',
      schema: projectSchema,
      what: 'project',
      filter: or(...chunk.map((id) => eq('ProjectId', lit.guid(id)))),
      select: ['ProjectId', 'Name', 'Number'],
      top: chunk.length,
    });
    for (const project of page.items) {
      names.set(project.ProjectId.toLowerCase(), {
        ProjectId: project.ProjectId,
        Name: project.Name,
        Number: project.Number ?? null,
      });
    }
  }
  return names;
}

export async function createProject(odata: ODataSession, input: ProjectInput): Promise<Project> {
  return odata.create<Project>({
    path: 'Project',
    entitySet: 'Project',
    body: validate(projectInputSchema, input),
    schema: projectSchema,
    what: 'project',
  });
}

export async function updateProject(odata: ODataSession, projectId: Guid, patch: ProjectPatch): Promise<Project> {
  const path = entityPath('Project', checkGuid(projectId, 'projectId'));
  return odata.update<Project>({
    path,
    body: validate(projectPatchSchema, patch),
    schema: projectSchema,
    what: 'project',
  });
}

export async function deleteProject(odata: ODataSession, projectId: Guid): Promise<void> {
  return odata.remove(entityPath('Project', checkGuid(projectId, 'projectId')));
}
