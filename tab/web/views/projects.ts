import { formatDate, isoToDateInput, parseDateInput, toDateInputValue } from '../../../ui/dates';
import { h } from '../../../ui/dom';
import { emptyView } from '../../../ui/views';
import type { TabProject, TabProjectList } from '../../api-types';
import type { ViewContext } from './context';
import { fieldsDisclosure } from './custom-fields';

function progressBar(project: TabProject, ctx: ViewContext): HTMLElement {
  const value = project.progress;
  const bar = h('progress', { class: 'tab-progress__bar', max: 100, 'aria-label': ctx.t('projectProgress') });
  if (value !== null) bar.value = value;
  return h(
    'div',
    { class: 'tab-progress' },
    bar,
    h('span', { class: 'tab-progress__value' }, value === null ? '–' : `${value} %`),
  );
}

export type ProjectSchedule = 'notStarted' | 'inProgress' | 'overdue' | 'completed';

/** Where a project stands by its dates and progress; shown when InLoox has no status name for it. */
export function projectSchedule(project: TabProject, today: Date): ProjectSchedule {
  if (project.progress === 100) return 'completed';
  const todayValue = toDateInputValue(today);
  const start = isoToDateInput(project.start);
  const end = isoToDateInput(project.end);
  if (end && end < todayValue) return 'overdue';
  if (start && start > todayValue && !project.progress) return 'notStarted';
  return 'inProgress';
}

const SCHEDULE_LABEL = {
  notStarted: 'scheduleNotStarted',
  inProgress: 'scheduleInProgress',
  overdue: 'scheduleOverdue',
  completed: 'scheduleCompleted',
} as const;

function statusBadge(project: TabProject, ctx: ViewContext, today: Date): HTMLElement {
  if (project.status) return h('span', { class: 'tab-badge' }, project.status);
  const schedule = projectSchedule(project, today);
  return h('span', { class: `tab-badge tab-badge--${schedule}` }, ctx.t(SCHEDULE_LABEL[schedule]));
}

function projectCard(project: TabProject, ctx: ViewContext, today: Date): HTMLElement {
  const { t } = ctx;
  const end = isoToDateInput(project.end);
  return h(
    'li',
    { class: 'tab-project fx-card', 'data-project-id': project.id },
    h(
      'div',
      { class: 'tab-project__head' },
      h(
        'div',
        { class: 'tab-project__title' },
        project.favorite
          ? h(
              'span',
              { class: 'tab-project__favorite', title: t('projectFavorite') },
              '★',
              h('span', { class: 'fx-visually-hidden' }, t('projectFavorite')),
            )
          : null,
        h('span', { class: 'tab-project__name' }, project.name),
        project.number ? h('span', { class: 'tab-project__number' }, project.number) : null,
      ),
      statusBadge(project, ctx, today),
    ),
    progressBar(project, ctx),
    h(
      'div',
      { class: 'tab-project__foot' },
      end
        ? h(
            'span',
            { class: 'tab-project__end' },
            `${t('projectEnd')}: ${formatDate(parseDateInput(end)!, ctx.locale)}`,
          )
        : h('span'),
      h(
        'a',
        {
          class: 'tab-task__open',
          href: project.link,
          target: '_blank',
          rel: 'noopener noreferrer',
        },
        t('openInInLoox'),
        h('span', { class: 'fx-visually-hidden' }, `: ${project.name}`),
      ),
    ),
    fieldsDisclosure(ctx, 'projects', project.id, project.name),
  );
}

export interface ProjectsFilter {
  favoritesOnly: boolean;
  setFavoritesOnly(favoritesOnly: boolean): void;
}

/** "Only favorites": a pressed/unpressed toggle; the server lists just the person's InLoox favorites then. */
function toolbar(filter: ProjectsFilter, ctx: ViewContext): HTMLElement {
  return h(
    'div',
    { class: 'tab-toolbar' },
    h(
      'div',
      { class: 'tab-segment' },
      h(
        'button',
        {
          type: 'button',
          class: 'tab-segment__button',
          'aria-pressed': String(filter.favoritesOnly),
          onclick: () => filter.setFavoritesOnly(!filter.favoritesOnly),
        },
        `★ ${ctx.t('onlyFavorites')}`,
      ),
    ),
  );
}

/** The projects the connected user sees in InLoox, with status and progress. */
export function projectsView(
  list: TabProjectList,
  ctx: ViewContext,
  filter?: ProjectsFilter,
  today = new Date(),
): HTMLElement {
  const { t } = ctx;
  const bar = filter ? toolbar(filter, ctx) : null;
  if (list.projects.length === 0) {
    const empty = filter?.favoritesOnly
      ? emptyView({ title: t('noFavoritesTitle'), message: t('noFavoritesText') })
      : emptyView({ title: t('noProjectsTitle'), message: t('noProjectsText') });
    return h('div', { class: 'tab-view' }, bar, empty);
  }
  return h(
    'div',
    { class: 'tab-view' },
    bar,
    h(
      'ul',
      { class: 'tab-projects' },
      list.projects.map((project) => projectCard(project, ctx, today)),
    ),
    list.more ? h('p', { class: 'tab-footnote' }, t('moreProjects', { count: list.projects.length })) : null,
  );
}
