/**
 * Categories: the account's Category set (CategoryId, Name) and their assignment to projects, kept in an internal
 * collection. Project.Categories shows the assigned names, comma-separated (computed from the assignments).
 */
import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import { define } from './define';

export const CATEGORY_LINK = 'ProjectCategoryLink';

const linkId = (projectId: string, categoryId: string) => `${projectId}|${categoryId}`.toLowerCase();

export const category: EntityModule = {
  set: define('Category', { writable: ['Name'], required: ['Name'] }),
  indexes: { [CATEGORY_LINK]: ['ProjectId', 'CategoryId'] },
  check(_data, row) {
    if (typeof row.Name === 'string' && row.Name.length > 100)
      throw badRequest('A category name may have at most 100 characters.');
  },
  beforeDelete(data, categoryId) {
    for (const link of data.where(CATEGORY_LINK, 'CategoryId', categoryId))
      data.remove(CATEGORY_LINK, linkId(link.ProjectId as string, categoryId));
  },
};

function requireCategory(data: AccountData, categoryId: string) {
  return data.requireRow('Category', categoryId, 'Category');
}

function assignedIds(data: AccountData, projectId: string): string[] {
  return data.where(CATEGORY_LINK, 'ProjectId', projectId.toLowerCase()).map((l) => l.CategoryId as string);
}

/** The project's categories by name. */
export function assignedCategories(data: AccountData, projectId: string) {
  return assignedIds(data, projectId)
    .map((id) => data.rawOne('Category', id))
    .filter((c) => c !== undefined)
    .sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
}

export function categoriesText(data: AccountData, projectId: string): string | null {
  const names = assignedCategories(data, projectId).map((c) => String(c.Name));
  return names.length ? names.join(', ') : null;
}

export function assignCategory(data: AccountData, projectId: string, categoryId: string): void {
  requireCategory(data, categoryId);
  const id = linkId(projectId, categoryId);
  if (!data.rawOne(CATEGORY_LINK, id))
    data.put(CATEGORY_LINK, id, { ProjectId: projectId.toLowerCase(), CategoryId: categoryId.toLowerCase() });
}

function unassign(data: AccountData, projectId: string, categoryId: string): void {
  data.remove(CATEGORY_LINK, linkId(projectId, categoryId));
}

export function deleteCategoryLinks(data: AccountData, projectId: string): void {
  for (const categoryId of assignedIds(data, projectId)) unassign(data, projectId, categoryId);
}

const categoryParameter = { categoryId: { type: 'Edm.Guid', required: true } };

export const getAssignedCategories: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  handler: ({ data, key }) => {
    data.existing('Project', key);
    const rows = assignedCategories(data, key).map((c) => ({ CategoryId: c.CategoryId, Name: c.Name ?? null }));
    return { set: 'Category', rows, query: true, keepOrder: true };
  },
};

/** GET …/AssignCategory(categoryId=…): true; assigning an assigned category changes nothing. */
export const assignCategoryFunction: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  parameters: categoryParameter,
  handler({ data, key, args }) {
    data.existing('Project', key);
    assignCategory(data, key, args().categoryId as string);
    return { type: 'Edm.Boolean', value: true };
  },
};

/** GET …/UnAssignCategory(categoryId=…): true when it was assigned, false when it was not. */
export const unassignCategoryFunction: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  parameters: categoryParameter,
  handler({ data, key, args }) {
    data.existing('Project', key);
    const categoryId = args().categoryId as string;
    requireCategory(data, categoryId);
    const was = !!data.rawOne(CATEGORY_LINK, linkId(key, categoryId));
    unassign(data, key, categoryId);
    return { type: 'Edm.Boolean', value: was };
  },
};

/** POST …/SetCategories {categoryIds: [...]}: replaces every assignment, all or nothing. */
export const setCategories: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: { categoryIds: { type: 'Collection(Edm.Guid)', required: true } },
  handler({ data, key, args }) {
    data.existing('Project', key);
    const ids = [...new Set((args().categoryIds as string[]).map((id) => id.toLowerCase()))];
    if (ids.length > 100) throw badRequest('At most 100 categories can be assigned to a project.');
    for (const id of ids) requireCategory(data, id);
    data.transaction(() => {
      deleteCategoryLinks(data, key);
      for (const id of ids) assignCategory(data, key, id);
    });
    return undefined;
  },
};
