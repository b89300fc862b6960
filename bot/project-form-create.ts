/** The create form's number and categories: checked before the project is created, written with it. */
import { t } from '../shared/cards/strings';
import type { Banner, CardContext } from '../shared/cards';
import type { InLooxApi } from '../shared/inloox/api';
import { isInLooxError } from '../shared/inloox/errors';
import type { Project, ProjectInput } from '../shared/inloox/types';
import { explainCategoryError, type FormExtrasInput } from './project-form-extras';
import { BadInputError } from './validation';

/** Prefix and suffix go with the new project; left empty, InLoox's defaults apply. */
export function numberForCreate(input: FormExtrasInput): Pick<ProjectInput, 'NumberPrefix' | 'NumberSuffix'> {
  return {
    ...(input.prefix ? { NumberPrefix: input.prefix } : {}),
    ...(input.suffix ? { NumberSuffix: input.suffix } : {}),
  };
}

/**
 * A new project's sequential number is not known before InLoox creates it, so CheckIfProjectNumberExists cannot be
 * asked first; InLoox refuses a taken number with 409, which brings the form back.
 */
export async function createWithNumber(api: InLooxApi, ctx: CardContext, input: ProjectInput): Promise<Project> {
  try {
    return await api.createProject(input);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'conflict' && (input.NumberPrefix || input.NumberSuffix))
      throw new BadInputError(t(ctx.locale, 'numberTakenNew'));
    throw error;
  }
}

/** Chosen categories must exist before anything is created (one read, only when some were chosen). */
export async function checkCategoriesExist(
  api: InLooxApi,
  ctx: CardContext,
  categoryIds: string[] | undefined,
): Promise<void> {
  if (!categoryIds?.length) return;
  const known = new Set((await api.listCategories()).map((category) => category.CategoryId.toLowerCase()));
  if (categoryIds.some((id) => !known.has(id))) throw new BadInputError(t(ctx.locale, 'categoryMissing'));
}

/** After the create: a category deleted meanwhile leaves the project without categories and says so. */
export async function setCreatedCategories(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  categoryIds: string[],
): Promise<Banner | undefined> {
  try {
    await api.setCategories(projectId, categoryIds);
    return undefined;
  } catch (error) {
    const explained = explainCategoryError(ctx, error);
    if (explained instanceof BadInputError) return { text: explained.userText, tone: 'warning' };
    throw error;
  }
}
