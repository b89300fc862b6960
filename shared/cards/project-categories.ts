/** The small card behind "Categories" on the project card: one selection adds or removes one category. */
import type { Category, Project } from '../inloox/types';
import type { Banner } from './common';
import { projectTitle } from './common';
import { truncate, type CardContext } from './format';
import { assignedCategoryIds, MAX_CATEGORY_CHOICES } from './project-form-extras';
import { renderCard, type AdaptiveCardJson } from './render';
import { t } from './strings';
import template from './templates/project-categories.json';

export interface ProjectCategoriesInput {
  project: Project;
  categories: Category[];
  banner?: Banner;
}

export function projectCategoriesCard(ctx: CardContext, input: ProjectCategoriesInput): AdaptiveCardJson {
  const { project } = input;
  const assigned = new Set(assignedCategoryIds(project, input.categories));
  const categories = input.categories.slice(0, MAX_CATEGORY_CHOICES).map((category) => {
    const id = category.CategoryId.toLowerCase();
    const name = truncate(category.Name || '?', 100);
    const isAssigned = assigned.has(id);
    return {
      name,
      mark: isAssigned ? '☑' : '☐',
      markColor: isAssigned ? 'Good' : 'Default',
      actionTitle: t(ctx.locale, isAssigned ? 'actionRemoveCategory' : 'actionAddCategory', { name }),
      data: { projectId: project.ProjectId, categoryId: id, assigned: !isAssigned },
    };
  });
  return renderCard(
    template,
    {
      banner: input.banner?.text ?? '',
      bannerStyle: input.banner?.tone ?? 'default',
      title: t(ctx.locale, 'categoriesTitle', { name: truncate(projectTitle(project), 120) }),
      categories,
      projectId: project.ProjectId,
    },
    ctx,
  );
}
