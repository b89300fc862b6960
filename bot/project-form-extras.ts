/**
 * The project form's number and categories: read from what the person sent, checked before the first write (a
 * taken number brings the form back, nothing written), then written with the fewest calls (only what changed).
 */
import { z } from 'zod';
import {
  assignedCategoryIds,
  categoryChoice,
  numberIncrement,
  type CardContext,
  type ProjectFormExtras,
  type ProjectFormOriginal,
} from '../shared/cards';
import { t } from '../shared/cards/strings';
import { guidSchema, isGuid } from '../shared/domain';
import type { InLooxApi } from '../shared/inloox/api';
import { isInLooxError } from '../shared/inloox/errors';
import { NUMBER_AFFIX_MAX } from '../shared/inloox/project-actions';
import type { Project } from '../shared/inloox/types';
import { BadInputError } from './validation';

const affix = z
  .string()
  .max(NUMBER_AFFIX_MAX)
  .regex(/^[^\p{Cc}]*$/u);

const originalSchema = z.object({
  prefix: z.string().max(100),
  suffix: z.string().max(100),
  increment: z.string().max(20),
  categoryIds: z.array(guidSchema).max(200),
});

/** undefined: the form did not send the field (an older card, or no categories to choose), so it stays as it is. */
export interface FormExtrasInput {
  prefix?: string;
  suffix?: string;
  categoryIds?: string[];
}

/** What the edit form was opened with; undefined when the card did not carry it (or it was tampered with). */
export function originalOf(raw: Record<string, unknown>): ProjectFormOriginal | undefined {
  const parsed = originalSchema.safeParse(raw.original);
  if (!parsed.success) return undefined;
  return { ...parsed.data, categoryIds: parsed.data.categoryIds.map((id) => id.toLowerCase()) };
}

/** Prefix, suffix and chosen categories; a bad value throws BadInputError in the person's language. */
export function parseFormExtras(raw: Record<string, unknown>, ctx: CardContext): FormExtrasInput {
  const prefix = affix.optional().safeParse(raw.numberPrefix ?? undefined);
  const suffix = affix.optional().safeParse(raw.numberSuffix ?? undefined);
  if (!prefix.success || !suffix.success)
    throw new BadInputError(t(ctx.locale, 'numberAffixInvalid', { max: NUMBER_AFFIX_MAX }));
  return { prefix: prefix.data?.trim(), suffix: suffix.data?.trim(), categoryIds: chosenCategories(raw, ctx) };
}

function chosenCategories(raw: Record<string, unknown>, ctx: CardContext): string[] | undefined {
  const chosen = raw.categoryIds ?? undefined;
  if (chosen === undefined) return undefined;
  const ids = typeof chosen === 'string' && chosen.length <= 4_000 ? chosen.split(',').map((id) => id.trim()) : null;
  if (!ids || ids.some((id) => id !== '' && !isGuid(id)) || ids.length > 100)
    throw new BadInputError(t(ctx.locale, 'invalidCardData', { detail: 'categoryIds' }));
  return [...new Set(ids.filter(Boolean).map((id) => id.toLowerCase()))];
}

export interface ExtrasPlan {
  number?: { prefix: string; suffix: string };
  categoryIds?: string[];
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * What an edit must write, asked of InLoox before any write: a changed number is checked with
 * CheckIfProjectNumberExists and, when taken, refused with the form's error.
 */
export async function planEdit(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  input: FormExtrasInput,
  original: ProjectFormOriginal | undefined,
): Promise<ExtrasPlan> {
  const plan: ExtrasPlan = {};
  if (!original) return plan;
  if (input.categoryIds && !sameSet(input.categoryIds, original.categoryIds)) plan.categoryIds = input.categoryIds;
  const prefix = input.prefix ?? original.prefix;
  const suffix = input.suffix ?? original.suffix;
  if (prefix !== original.prefix || suffix !== original.suffix) {
    const number = `${prefix}${original.increment}${suffix}`;
    if (await api.projectNumberExists(projectId, number))
      throw new BadInputError(t(ctx.locale, 'numberTaken', { number: number.slice(0, 80) }));
    plan.number = { prefix, suffix };
  }
  return plan;
}

/**
 * Writes the plan: categories first (SetCategories is all or nothing), then the number. A missing category (400)
 * or a number taken meanwhile (409) becomes the form's error.
 */
export async function writePlan(api: InLooxApi, ctx: CardContext, projectId: string, plan: ExtrasPlan): Promise<void> {
  try {
    if (plan.categoryIds) await api.setCategories(projectId, plan.categoryIds);
  } catch (error) {
    throw explainCategoryError(ctx, error);
  }
  try {
    if (plan.number) await api.updateProjectNumber(projectId, plan.number.prefix, plan.number.suffix);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'conflict') throw new BadInputError(t(ctx.locale, 'numberTakenNew'));
    throw error;
  }
}

/** InLoox answers 400 to a category id it does not know: the person's words for it; any other error stays. */
export function explainCategoryError(ctx: CardContext, error: unknown): unknown {
  if (isInLooxError(error) && error.kind === 'validation') return new BadInputError(t(ctx.locale, 'categoryMissing'));
  return error;
}

/** The choices and the state the form was opened with (the edit form's `original`). */
export async function formExtras(
  api: InLooxApi,
  project: Project | undefined,
  original: ProjectFormOriginal | undefined,
): Promise<ProjectFormExtras & { projectCategoryIds?: string[] }> {
  const categories = await api.listCategories().catch(() => []);
  const categoryChoices = categories.map(categoryChoice);
  if (!project) return { categoryChoices, original };
  const projectCategoryIds = assignedCategoryIds(project, categories);
  return {
    categoryChoices,
    projectCategoryIds,
    original: {
      prefix: project.NumberPrefix ?? '',
      suffix: project.NumberSuffix ?? '',
      increment: numberIncrement(project),
      categoryIds: projectCategoryIds,
    },
  };
}
