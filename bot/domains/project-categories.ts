/** One category at a time from the project card, and the project form's "Suggest a description". */
import { z } from 'zod';
import { projectCategoriesCard, projectTitle, type AdaptiveCardJson, type Banner } from '../../shared/cards';
import { isProjectLocked } from '../../shared/cards/project-extras';
import { t } from '../../shared/cards/strings';
import { guidSchema } from '../../shared/domain';
import type { InLooxApi } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorReason } from '../errors';
import { loadProjectForm } from '../loaders';
import { originalOf } from '../project-form-extras';
import { apiFor } from '../turn';
import { idSchemas, projectFormValues } from '../validation';
import { explainRefusal, lockedCard } from './project-extras';

const categoryData = z.object({ projectId: guidSchema, categoryId: guidSchema, assigned: z.boolean() });
const editFormData = z.looseObject(idSchemas.project.shape);

async function categoriesCard(c: HandlerContext, api: InLooxApi, projectId: string, banner?: Banner) {
  const [project, categories] = await Promise.all([api.getProject(projectId), api.listCategories()]);
  if (isProjectLocked(project)) return lockedCard(c.turn.ctx, projectTitle(project));
  return projectCategoriesCard(c.turn.ctx, { project, categories, banner });
}

async function changeOne(c: HandlerContext, data: z.output<typeof categoryData>): Promise<AdaptiveCardJson> {
  const { ctx } = c.turn;
  const api = await apiFor(c.deps, c.turn);
  const projectId = data.projectId.toLowerCase();
  const categoryId = data.categoryId.toLowerCase();
  try {
    await api.changeCategory(projectId, categoryId, data.assigned);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'validation')
      return categoriesCard(c, api, projectId, { text: t(ctx.locale, 'categoryMissing'), tone: 'attention' });
    return explainRefusal(api, ctx, projectId, error);
  }
  const [project, categories] = await Promise.all([api.getProject(projectId), api.listCategories()]);
  const name = categories.find((category) => category.CategoryId.toLowerCase() === categoryId)?.Name ?? '?';
  const text = t(ctx.locale, data.assigned ? 'categoryAssigned' : 'categoryUnassigned', { name: name.slice(0, 100) });
  return projectCategoriesCard(ctx, { project, categories, banner: { text, tone: 'good' } });
}

/** Fills the edit form's description with InLoox's suggestion; everything else typed stays as it was. */
async function suggestDescription(c: HandlerContext, raw: Record<string, unknown>, projectId: string) {
  const { ctx } = c.turn;
  const api = await apiFor(c.deps, c.turn);
  const values = projectFormValues(raw);
  const form = { mode: 'edit' as const, projectId, values, original: originalOf(raw) };
  let suggestion: string | undefined;
  try {
    suggestion = await api.generateProjectDescription(projectId, ctx.locale);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    return loadProjectForm(api, ctx, { ...form, error: errorReason(ctx, error) });
  }
  if (suggestion === undefined)
    return loadProjectForm(api, ctx, { ...form, error: t(ctx.locale, 'suggestionsNotOffered') });
  return loadProjectForm(api, ctx, {
    ...form,
    values: { ...values, description: suggestion.slice(0, 10_000) },
    notice: t(ctx.locale, 'descriptionSuggested'),
  });
}

export const projectCategories: Domain = {
  name: 'projectCategories',
  commands: [],
  verbs: {
    'project.categories': verb(idSchemas.project, async (c, data) =>
      categoriesCard(c, await apiFor(c.deps, c.turn), data.projectId.toLowerCase()),
    ),
    'project.category': verb(categoryData, changeOne),
    'project.suggestDescription': verb(editFormData, (c, data, raw) =>
      suggestDescription(c, raw, data.projectId.toLowerCase()),
    ),
  },
};
