/** Create forms carry a one-time form id; the bot creates once per id, however often the form is sent. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { messageCard, type AdaptiveCardJson, type CardContext } from '../shared/cards';
import { t } from '../shared/cards/strings';
import { guidSchema } from '../shared/domain';
import { identityKey } from '../shared/identity';
import { FormInProgressError, createOnce } from '../shared/state/once';
import { requireIdentity, type BotDeps, type Turn } from './turn';

/** What a create form sends besides its inputs: its one-time id (cards from before form ids have none). */
export const formIdData = { formId: guidSchema.optional() };
export const createFormData = z.looseObject(formIdData);

export const newFormId = (): string => randomUUID();

export function formIdOf(raw: Record<string, unknown>): string | undefined {
  return guidSchema.safeParse(raw.formId).success ? String(raw.formId).toLowerCase() : undefined;
}

/** The answer to a repeated submit while the first one is still creating. */
export function inProgressCard(ctx: CardContext): AdaptiveCardJson {
  return messageCard(ctx, {
    title: t(ctx.locale, 'throttledTitle'),
    text: t(ctx.locale, 'formInProgress'),
    tone: 'warning',
  });
}

/** The person a form's result belongs to. */
export const formScope = (turn: Turn): string => identityKey(requireIdentity(turn));

/**
 * Runs `create` once per form id of this person and shows its result; a repeated submit shows the first result.
 * While the first submit is still running, a repeat that waited in vain says so instead of creating again.
 */
export async function submitOnce<T>(
  deps: BotDeps,
  turn: Turn,
  raw: Record<string, unknown>,
  create: () => Promise<T>,
  show: (result: T, fresh: boolean) => Promise<AdaptiveCardJson>,
): Promise<AdaptiveCardJson> {
  let outcome;
  try {
    outcome = await createOnce(deps.state, formScope(turn), formIdOf(raw), create);
  } catch (error) {
    if (error instanceof FormInProgressError) return inProgressCard(turn.ctx);
    throw error;
  }
  return show(outcome.result, outcome.fresh);
}
