/** The project form with number, categories and the description suggestion, and the categories card. */
import {
  EMPTY_PROJECT_FORM,
  projectCategoriesCard,
  projectFormCard,
  type AdaptiveCardJson,
  type CardContext,
} from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import type { Category, Project } from '../../shared/inloox/types';

export const CATEGORIES: Category[] = [
  { CategoryId: 'c0000000-0000-4000-8000-000000000001', Name: 'Intern' },
  { CategoryId: 'c0000000-0000-4000-8000-000000000002', Name: 'IT' },
  { CategoryId: 'c0000000-0000-4000-8000-000000000003', Name: 'Marketing' },
  { CategoryId: 'c0000000-0000-4000-8000-000000000004', Name: 'Vertrieb' },
];

const SUGGESTION = {
  en: 'The project "Website relaunch" brings the team\'s work together towards one goal. Next up: Write copy.',
  de: 'Das Projekt „Website relaunch“ bündelt die Arbeit des Teams an einem gemeinsamen Ziel. Als Nächstes steht an: Texte schreiben.',
};

export function projectFormCards(ctx: CardContext, project: Project): [string, AdaptiveCardJson][] {
  const categoryChoices = CATEGORIES.map((c) => ({ title: c.Name, value: c.CategoryId }));
  const assigned = [CATEGORIES[1]!.CategoryId, CATEGORIES[2]!.CategoryId];
  const values = {
    ...EMPTY_PROJECT_FORM,
    name: project.Name,
    start: '2026-03-01',
    end: '2026-06-30',
    priority: '2',
    numberPrefix: 'WEB-',
    numberSuffix: '-A',
    categoryIds: assigned.join(','),
    description: 'Relaunch the site and shop.',
  };
  const original = { prefix: '2026-', suffix: '', increment: '007', categoryIds: assigned };
  return [
    [
      'project form number and categories',
      projectFormCard(ctx, {
        mode: 'edit',
        projectId: project.ProjectId,
        values,
        contactChoices: [],
        extras: { categoryChoices, original },
        error: t(ctx.locale, 'saveFailed', { reason: t(ctx.locale, 'numberTaken', { number: 'WEB-007-A' }) }),
      }),
    ],
    [
      'project form suggestion',
      projectFormCard(ctx, {
        mode: 'edit',
        projectId: project.ProjectId,
        values: { ...values, description: SUGGESTION[ctx.locale] },
        contactChoices: [],
        extras: { categoryChoices, original },
        notice: t(ctx.locale, 'descriptionSuggested'),
      }),
    ],
    [
      'project form create with categories',
      projectFormCard(ctx, {
        mode: 'create',
        values: EMPTY_PROJECT_FORM,
        contactChoices: [],
        extras: { categoryChoices },
        formId: 'f0000000-0000-4000-8000-000000000001',
      }),
    ],
    [
      'project categories',
      projectCategoriesCard(ctx, {
        project,
        categories: CATEGORIES,
        banner: { text: t(ctx.locale, 'categoryAssigned', { name: 'Marketing' }), tone: 'good' },
      }),
    ],
  ];
}
