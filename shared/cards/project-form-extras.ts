/**
 * The project form's InLoox extras: the number's prefix and suffix around the sequential part InLoox keeps, the
 * categories as a multi-select of the account's categories, and "Suggest a description" (edit form only, as InLoox
 * binds the suggestion to an existing project).
 */
import type { Project } from '../inloox/types';
import { action, type Choice } from './common';
import { truncate, type CardContext } from './format';
import type { CardAction } from './render';
import { stringsFor } from './strings';

/** Most categories the form and the categories card offer (keeps the card well under Teams' size limit). */
export const MAX_CATEGORY_CHOICES = 100;

/** What the edit form was opened with, carried in its data so a save only writes what changed. */
export interface ProjectFormOriginal {
  prefix: string;
  suffix: string;
  /** The sequential part as InLoox shows it ("014"), to check the full number before saving. */
  increment: string;
  categoryIds: string[];
}

export interface ProjectFormExtras {
  categoryChoices: Choice[];
  /** Edit form only. */
  original?: ProjectFormOriginal;
}

export interface ProjectFormExtrasFill {
  numberIncrement: string;
  categoryChoices: Choice[];
  noCategories: string;
  suggestActions: CardAction[];
}

export function originalData(extras: ProjectFormExtras | undefined): Record<string, unknown> {
  return extras?.original ? { original: extras.original } : {};
}

export function projectFormExtrasFill(
  ctx: CardContext,
  values: { categoryIds: string },
  extras: ProjectFormExtras | undefined,
  /** The edit form's data (project id and what it was opened with); undefined for a create form. */
  editData: Record<string, unknown> | undefined,
): ProjectFormExtrasFill {
  const s = stringsFor(ctx.locale);
  const choices = (extras?.categoryChoices ?? []).slice(0, MAX_CATEGORY_CHOICES);
  return {
    numberIncrement: extras?.original?.increment || s.numberNextIncrement,
    categoryChoices: choices,
    noCategories: choices.length || values.categoryIds ? '' : s.noCategoriesInAccount,
    suggestActions: editData ? [action(s.actionSuggestDescription, 'project.suggestDescription', editData)] : [],
  };
}

export function categoryChoice(category: { CategoryId: string; Name: string }): Choice {
  return { title: truncate(category.Name || '?', 100), value: category.CategoryId.toLowerCase() };
}

/** The ids of the project's categories: InLoox lists them by name (Project.Categories, comma-separated). */
export function assignedCategoryIds(project: Project, categories: { CategoryId: string; Name: string }[]): string[] {
  const names = new Set((project.Categories ?? '').split(',').map((name) => name.trim().toLowerCase()));
  return categories
    .filter((category) => names.has(category.Name.trim().toLowerCase()))
    .map((category) => category.CategoryId.toLowerCase());
}

/** The sequential part of the project's number as InLoox shows it (the number without prefix and suffix). */
export function numberIncrement(project: Project): string {
  const number = project.Number ?? '';
  const prefix = project.NumberPrefix ?? '';
  const suffix = project.NumberSuffix ?? '';
  if (number.startsWith(prefix) && number.endsWith(suffix) && number.length >= prefix.length + suffix.length)
    return number.slice(prefix.length, number.length - suffix.length);
  return project.NumberIncremential == null ? '' : String(project.NumberIncremential);
}

/** "Categories" on the project card: opens the small card that adds or removes one category. */
export function categoriesAction(project: Project, ctx: CardContext): CardAction {
  return action(stringsFor(ctx.locale).actionCategories, 'project.categories', { projectId: project.ProjectId });
}
