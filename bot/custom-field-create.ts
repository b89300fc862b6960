/** Custom fields of the create forms: checked before the create, written right after it. */
import { withCreateFields, type AdaptiveCardJson, type Banner, type CardContext } from '../shared/cards';
import type { InLooxApi } from '../shared/inloox/api';
import {
  fieldsNotSavedText,
  readCreateFields,
  saveCreateFields,
  type CreateFields,
} from '../shared/custom-field-create';
import type { CustomFieldTable } from '../shared/inloox/custom-field-types';
import { isInLooxError } from '../shared/inloox/errors';
import { errorReason, type BotLogger } from './errors';

export { readCreateFields, type CreateFields };

/** A create form with its custom fields; without them when InLoox cannot say which there are. */
export async function withCreateFormFields(
  api: InLooxApi,
  ctx: CardContext,
  table: CustomFieldTable,
  card: AdaptiveCardJson,
  entered?: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  try {
    return withCreateFields(card, ctx, await api.customFieldSchema(table), entered);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    return card;
  }
}

/**
 * Writes the filled-in fields of a just-created item. The item stays whatever happens; a failure becomes a banner
 * naming the fields that were not saved (undefined when all were, or there were none).
 */
export async function writeCreateFields(
  api: InLooxApi,
  ctx: CardContext,
  fields: CreateFields,
  id: string,
  log: BotLogger,
): Promise<Banner | undefined> {
  const outcome = await saveCreateFields(api, fields, id);
  if (outcome.saved) return undefined;
  const { error, labels } = outcome;
  if (isInLooxError(error) && error.kind === 'auth') throw error;
  log('custom_fields_not_saved_after_create', { kind: isInLooxError(error) ? error.kind : 'other' });
  return {
    text: fieldsNotSavedText(ctx.locale, labels, errorReason(ctx, error, log)),
    tone: 'warning',
  };
}
