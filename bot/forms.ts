import { plainTextToHtml } from '../shared/sanitize';
import type { AdaptiveCardJson, CardContext } from '../shared/cards';
import { t } from '../shared/cards/strings';
import { isInLooxError } from '../shared/inloox/errors';
import { errorReason } from './errors';

/**
 * Saves an edit form: bad input or a failed save brings the form back with what was typed and why. An emptied
 * description is saved as none (DescriptionHTML null), so clearing it in the form clears it in InLoox.
 */
export async function submitEditForm<F extends { description: string }>(
  ctx: CardContext,
  parse: () => F,
  showForm: (error: string) => Promise<AdaptiveCardJson>,
  save: (form: F, descriptionHtml: string | undefined) => Promise<AdaptiveCardJson>,
): Promise<AdaptiveCardJson> {
  let form: F;
  try {
    form = parse();
  } catch (error) {
    return showForm(t(ctx.locale, 'formFixErrors', { errors: errorReason(ctx, error) }));
  }
  try {
    return await save(form, form.description.trim() ? plainTextToHtml(form.description) : undefined);
  } catch (error) {
    if (isInLooxError(error) && (error.kind === 'auth' || error.kind === 'not_found' || error.kind === 'forbidden'))
      throw error;
    return showForm(t(ctx.locale, 'saveFailed', { reason: errorReason(ctx, error) }));
  }
}
