/** The project and task lists, with "More" for the next page (its offset travels in the button's data). */
import type { Project, Task } from '../inloox/types';
import { action, projectTitle } from './common';
import { formatDate, truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import listTemplate from './templates/list.json';
import { timeActions } from './time';
import type { Verb } from './verbs';

export interface ListPage {
  /** Zero-based offset of the next page, when there is one. */
  nextSkip?: number;
  search?: string;
}

interface ListItem {
  title: string;
  subtitle: string;
  badge: string;
  badgeColor: 'Default' | 'Attention';
  verb: Verb;
  data: Record<string, unknown>;
  /** A button on the row itself (e.g. "Start timer" in my tasks). */
  quick?: CardAction;
}

interface ListTemplateData {
  title: string;
  empty: string;
  items: ListItem[];
  actions: CardAction[];
}

function listCard(ctx: CardContext, data: ListTemplateData): AdaptiveCardJson {
  return renderCard(listTemplate, data, ctx);
}

export function projectListCard(
  ctx: CardContext,
  projects: Project[],
  page: ListPage & { favorites?: boolean; category?: string } = {},
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const items = projects.map((project): ListItem => ({
    title: truncate(`${project.IsFavorite ? '★ ' : ''}${projectTitle(project)}`, 150),
    subtitle:
      [formatDate(project.StartDate, ctx), formatDate(project.EndDate, ctx)].filter(Boolean).join(' – ') || s.none,
    badge: project.IsArchived ? s.statusArchived : (project.StatusLabel ?? project.ProjectStatusName ?? ''),
    badgeColor: 'Default',
    verb: 'project.show',
    data: { projectId: project.ProjectId },
  }));
  const actions: CardAction[] = [];
  if (page.nextSkip !== undefined)
    actions.push(
      action(s.actionMore, 'projects.list', {
        search: page.search ?? '',
        skip: page.nextSkip,
        ...(page.favorites ? { favorites: true } : {}),
        ...(page.category ? { category: page.category } : {}),
      }),
    );
  actions.push(action(s.actionNewProject, 'project.new', { name: '' }));
  const title = page.category
    ? t(ctx.locale, 'categoryFilterTitle', { name: truncate(page.category, 60) })
    : page.search
      ? t(ctx.locale, 'projectsSearchTitle', { text: truncate(page.search, 60) })
      : page.favorites
        ? s.favoritesTitle
        : s.projectsTitle;
  return listCard(ctx, {
    title,
    empty: page.favorites ? s.favoritesEmpty : s.projectsEmpty,
    items,
    actions,
  });
}

export function taskListCard(
  ctx: CardContext,
  tasks: Task[],
  page: ListPage & { mine?: boolean; projectNames?: Map<string, string> } = {},
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const items = tasks.map((task): ListItem => {
    const due = formatDate(task.EndDateTime, ctx);
    const project = task.ProjectId ? page.projectNames?.get(task.ProjectId) : undefined;
    return {
      title: truncate(task.Name || '?', 150),
      subtitle: [project, task.ContactDisplayName].filter(Boolean).join(' · ') || s.none,
      badge: task.IsDone ? s.statusDone : due ? `${s.fieldDue} ${due}` : '',
      badgeColor:
        !task.IsDone && task.EndDateTime && new Date(task.EndDateTime).getTime() < Date.now() ? 'Attention' : 'Default',
      verb: 'task.show',
      data: { taskId: task.TaskItemId },
      quick: page.mine ? timeActions(task, s)[0] : undefined,
    };
  });
  const actions: CardAction[] = [];
  if (page.nextSkip !== undefined)
    actions.push(
      action(s.actionMore, 'tasks.list', { search: page.search ?? '', skip: page.nextSkip, mine: !!page.mine }),
    );
  actions.push(action(s.actionNewTask, 'task.new', { name: '' }));
  const title = page.mine
    ? s.myTasksTitle
    : page.search
      ? t(ctx.locale, 'tasksSearchTitle', { text: truncate(page.search, 60) })
      : s.tasksTitle;
  return listCard(ctx, { title, empty: s.tasksEmpty, items, actions });
}
