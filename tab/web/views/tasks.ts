import { formatDate, parseDateInput } from '../../../ui/dates';
import { h } from '../../../ui/dom';
import { emptyView } from '../../../ui/views';
import type { TabTask, TabTaskList } from '../../api-types';
import { dueBucket, dueDay, groupByDue, groupByProject, projectsOf, type TaskGroup } from '../grouping';
import type { TabMessageKey } from '../messages';
import type { ViewContext } from './context';
import { fieldsDisclosure } from './custom-fields';

export type GroupMode = 'due' | 'project';

export interface TasksViewState {
  list: TabTaskList;
  groupBy: GroupMode;
  /** '' = all projects. */
  projectFilter: string;
  /** Tasks with a request in flight (their checkbox is disabled). */
  busy: ReadonlySet<string>;
  today: Date;
}

export interface TasksViewActions {
  setDone(task: TabTask, done: boolean): void;
  setGroupBy(mode: GroupMode): void;
  setProjectFilter(projectId: string): void;
}

const BUCKET_LABEL: Record<string, TabMessageKey> = {
  overdue: 'groupOverdue',
  thisWeek: 'groupThisWeek',
  later: 'groupLater',
  noDue: 'groupNoDue',
};

function taskRow(task: TabTask, state: TasksViewState, actions: TasksViewActions, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const day = dueDay(task);
  const overdue = !task.done && dueBucket(task, state.today) === 'overdue';
  const checkbox = h('input', {
    type: 'checkbox',
    class: 'tab-task__check',
    'aria-label': t('markDone', { name: task.name }),
    disabled: state.busy.has(task.id),
    onchange: (event: Event) => actions.setDone(task, (event.target as HTMLInputElement).checked),
  });
  checkbox.checked = task.done;
  const meta = [
    state.groupBy === 'due' && task.projectName ? h('span', { class: 'tab-task__project' }, task.projectName) : null,
    day
      ? h(
          'span',
          { class: `tab-task__due${overdue ? ' tab-task__due--overdue' : ''}` },
          t('due', { date: formatDate(parseDateInput(day)!, ctx.locale) }),
        )
      : null,
  ].filter((part): part is HTMLSpanElement => !!part);
  return h(
    'li',
    { class: `tab-task${task.done ? ' tab-task--done' : ''}`, 'data-task-id': task.id },
    checkbox,
    h(
      'div',
      { class: 'tab-task__body' },
      h('span', { class: 'tab-task__name' }, task.name),
      meta.length ? h('span', { class: 'tab-task__meta' }, ...meta) : null,
      fieldsDisclosure(ctx, 'tasks', task.id, task.name),
    ),
    task.done ? h('span', { class: 'tab-badge tab-badge--done' }, t('doneLabel')) : null,
    h(
      'a',
      {
        class: 'tab-task__open',
        href: task.link,
        target: '_blank',
        rel: 'noopener noreferrer',
      },
      t('openInInLoox'),
      h('span', { class: 'fx-visually-hidden' }, `: ${task.name}`),
    ),
  );
}

function groupSection(
  group: TaskGroup,
  title: string,
  state: TasksViewState,
  actions: TasksViewActions,
  ctx: ViewContext,
) {
  const headingId = `group-${state.groupBy}-${group.key || 'none'}`;
  return h(
    'section',
    {
      class: `tab-group tab-group--${state.groupBy === 'due' ? group.key : 'project'}`,
      'aria-labelledby': headingId,
      'data-group': group.key,
    },
    h(
      'h2',
      { class: 'tab-group__title', id: headingId },
      title,
      h('span', { class: 'tab-group__count' }, String(group.tasks.length)),
    ),
    h(
      'ul',
      { class: 'tab-tasks' },
      group.tasks.map((task) => taskRow(task, state, actions, ctx)),
    ),
  );
}

function toolbar(state: TasksViewState, actions: TasksViewActions, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  const projects = projectsOf(state.list.tasks);
  const select = h(
    'select',
    {
      class: 'fx-select tab-filter',
      id: 'tab-project-filter',
      onchange: (event: Event) => actions.setProjectFilter((event.target as HTMLSelectElement).value),
    },
    h('option', { value: '' }, t('allProjects')),
    ...projects.map((project) => h('option', { value: project.id }, project.name)),
  );
  select.value = projects.some((p) => p.id === state.projectFilter) ? state.projectFilter : '';
  const modeButton = (mode: GroupMode, label: TabMessageKey) =>
    h(
      'button',
      {
        type: 'button',
        class: 'tab-segment__button',
        'aria-pressed': String(state.groupBy === mode),
        onclick: () => actions.setGroupBy(mode),
      },
      t(label),
    );
  return h(
    'div',
    { class: 'tab-toolbar' },
    h(
      'label',
      { class: 'tab-toolbar__field', for: 'tab-project-filter' },
      h('span', { class: 'tab-toolbar__label' }, t('filterProject')),
      select,
    ),
    h(
      'div',
      { class: 'tab-toolbar__field', role: 'group', 'aria-label': t('groupBy') },
      h('span', { class: 'tab-toolbar__label', 'aria-hidden': 'true' }, t('groupBy')),
      h('div', { class: 'tab-segment' }, modeButton('due', 'groupByDue'), modeButton('project', 'groupByProject')),
    ),
  );
}

/** My open tasks, grouped by due date or by project, with the project filter; tasks marked done stay visible. */
export function tasksView(state: TasksViewState, actions: TasksViewActions, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  if (state.list.tasks.length === 0) {
    return h('div', { class: 'tab-view' }, emptyView({ title: t('noTasksTitle'), message: t('noTasksText') }));
  }
  const visible = state.projectFilter
    ? state.list.tasks.filter((task) => task.projectId === state.projectFilter)
    : state.list.tasks;
  const groups =
    state.groupBy === 'due'
      ? groupByDue(visible, state.today).map((group) =>
          groupSection(group, t(BUCKET_LABEL[group.key]!), state, actions, ctx),
        )
      : groupByProject(visible).map((group) =>
          groupSection(group, group.label ?? t('groupNoProject'), state, actions, ctx),
        );
  return h(
    'div',
    { class: 'tab-view' },
    toolbar(state, actions, ctx),
    ...(groups.length ? groups : [emptyView({ title: t('noTasksForProject') })]),
    state.list.more ? h('p', { class: 'tab-footnote' }, t('moreTasks', { count: state.list.tasks.length })) : null,
  );
}
