/** Custom fields of the create forms: checked before the create, written right after it. */
import {
  createFormFields,
  readCustomFieldInputs,
  withCreateFields,
  type AdaptiveCardJson,
  type Banner,
  type CardContext,
} from '../shared/cards';
import { t } from '../shared/cards/strings';
import type { InLooxApi } from '../shared/inloox/api';
import type { CustomFieldSchema, CustomFieldTable, CustomFieldValues } from '../shared/inloox/custom-field-types';
import { isInLooxError } from '../shared/inloox/errors';
import { errorReason, type BotLogger } from './errors';

export interface CreateFields {
  schema: CustomFieldSchema;
  /** Only the fields the person filled in. */
  values: CustomFieldValues;
  errors: string[];
}

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

export async function readCreateFields(
  api: InLooxApi,
  ctx: CardContext,
  table: CustomFieldTable,
  raw: Record<string, unknown>,
): Promise<CreateFields> {
  const none: CreateFields = { schema: { table, sections: [], fields: [] }, values: {}, errors: [] };
  if (!Object.keys(raw).some((key) => key.startsWith('cf_'))) return none;
  let schema: CustomFieldSchema;
  try {
    schema = await api.customFieldSchema(table);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    return none;
  }
  const read = readCustomFieldInputs(ctx, createFormFields(schema), raw);
  const values = Object.fromEntries(Object.entries(read.values).filter(([, v]) => v !== null));
  return { schema, values, errors: read.errors };
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
  if (Object.keys(fields.values).length === 0) return undefined;
  try {
    await api.saveCustomFields(id, fields.values);
    return undefined;
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    log('custom_fields_not_saved_after_create', { kind: isInLooxError(error) ? error.kind : 'other' });
    const labels = fields.schema.fields.filter((f) => f.column in fields.values).map((f) => f.label);
    return {
      text: t(ctx.locale, 'cfNotSaved', { fields: labels.join(', '), reason: errorReason(ctx, error, log) }),
      tone: 'warning',
    };
  }
}
