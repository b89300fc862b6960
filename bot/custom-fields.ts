/** Reading what the custom field section and form show, and adding the section to project and task cards. */
import { columnsToRead, withCustomFieldSection, type AdaptiveCardJson, type CardContext } from '../shared/cards';
import type { CustomFieldView } from '../shared/cards';
import type { InLooxApi } from '../shared/inloox/api';
import type { CustomFieldTable } from '../shared/inloox/custom-field-types';
import { isInLooxError } from '../shared/inloox/errors';
import type { BotLogger } from './errors';

/** Definitions (cached by the client) and the values of every field: one InLoox call once definitions are cached. */
export async function loadCustomFieldView(
  api: InLooxApi,
  table: CustomFieldTable,
  id: string,
  options: { blocked?: boolean; refresh?: boolean } = {},
): Promise<CustomFieldView> {
  const schema = await api.customFieldSchema(table, { refresh: options.refresh });
  if (schema.fields.length === 0) return { schema, values: {}, blocked: [] };
  const [values, blocked] = await Promise.all([
    api.customFieldValues(table, id, columnsToRead(schema.fields)),
    options.blocked ? api.blockedCustomFields(table, id) : Promise.resolve([]),
  ]);
  return { schema, values, blocked };
}

/**
 * Starts reading an object's custom fields (next to the card's other reads) and returns what adds them to the card.
 * Custom fields are extra: when InLoox cannot give them (an account without the Dynamic sets, a hiccup) the card is
 * shown without them, but a revoked key still asks to reconnect.
 */
export function customFieldsFor(
  api: InLooxApi,
  ctx: CardContext,
  target: { table: CustomFieldTable; id: string; name: string },
  options: { readOnly?: boolean; log?: BotLogger } = {},
): (card: AdaptiveCardJson) => Promise<AdaptiveCardJson> {
  const view = loadCustomFieldView(api, target.table, target.id).then(
    (v) => ({ ok: true as const, v }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async (card) => {
    const result = await view;
    if (result.ok) return withCustomFieldSection(card, ctx, target, result.v, { readOnly: options.readOnly });
    const { error } = result;
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    options.log?.('custom_fields_not_shown', { kind: isInLooxError(error) ? error.kind : 'unknown' });
    return card;
  };
}
