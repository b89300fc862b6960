import { formatDate, isoToDateInput, parseDateInput } from '../../../ui/dates';
import { h } from '../../../ui/dom';
import { emptyView } from '../../../ui/views';
import type { TabProject, TabProjectList } from '../../api-types';
import type { ViewContext } from './context';

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

function projectCard(project: TabProject, ctx: ViewContext): HTMLElement {
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
        h('span', { class: 'tab-project__name' }, project.name),
        project.number ? h('span', { class: 'tab-project__number' }, project.number) : null,
      ),
      h('span', { class: `tab-badge${project.status ? '' : ' tab-badge--muted'}` }, project.status ?? t('noStatus')),
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
          onclick: (event: Event) => {
            event.preventDefault();
            ctx.openLink(project.link);
          },
        },
        t('openInInLoox'),
        h('span', { class: 'fx-visually-hidden' }, `: ${project.name}`),
      ),
    ),
  );
}

/** The projects the connected user sees in InLoox, with status and progress. */
export function projectsView(list: TabProjectList, ctx: ViewContext): HTMLElement {
  const { t } = ctx;
  if (list.projects.length === 0) {
    return h('div', { class: 'tab-view' }, emptyView({ title: t('noProjectsTitle'), message: t('noProjectsText') }));
  }
  return h(
    'div',
    { class: 'tab-view' },
    h(
      'ul',
      { class: 'tab-projects' },
      list.projects.map((project) => projectCard(project, ctx)),
    ),
    list.more ? h('p', { class: 'tab-footnote' }, t('moreProjects', { count: list.projects.length })) : null,
  );
}
