/** Reading what the custom field section and form show, and adding the section to project and task cards. */
import { withCustomFieldSection, type AdaptiveCardJson, type CardContext } from '../shared/cards';
import { loadCustomFieldView } from '../shared/custom-field-view';
import type { InLooxApi } from '../shared/inloox/api';
import type { CustomFieldTable } from '../shared/inloox/custom-field-types';
import { isInLooxError } from '../shared/inloox/errors';
import type { BotLogger } from './errors';

export { loadCustomFieldView };

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
