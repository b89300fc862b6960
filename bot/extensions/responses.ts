import { toSubmitOnly, type AdaptiveCardJson, type CardContext } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { presentError, type BotLogger } from '../errors';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: string;
  content: unknown;
  preview?: { contentType: string; content: unknown };
}

/** Task module (dialog) showing a card; dialogs only support Action.Submit. */
export function taskModule(title: string, card: AdaptiveCardJson) {
  return {
    task: {
      type: 'continue' as const,
      value: {
        title,
        height: 'large',
        width: 'medium',
        card: { contentType: ADAPTIVE_CARD, content: toSubmitOnly(card) },
      },
    },
  };
}

export function cardAttachment(card: AdaptiveCardJson, preview?: { title: string; text?: string }): CardAttachment {
  return {
    contentType: ADAPTIVE_CARD,
    content: card,
    ...(preview
      ? {
          preview: {
            contentType: 'application/vnd.microsoft.card.thumbnail',
            content: { title: preview.title, text: preview.text ?? '' },
          },
        }
      : {}),
  };
}

export function extensionResult(attachments: CardAttachment[]) {
  return { composeExtension: { type: 'result' as const, attachmentLayout: 'list' as const, attachments } };
}

export function extensionMessage(text: string) {
  return { composeExtension: { type: 'message' as const, text } };
}

/** What a search or link preview says when it failed: connect first, or the catalogue's words for the failure. */
export function extensionFailure(log: BotLogger, ctx: CardContext, error: unknown, logEvent: string) {
  const failed = presentError(error, ctx.locale, (_event, detail) => log(logEvent, detail));
  return extensionMessage(failed.look.connect ? t(ctx.locale, 'extConnectFirst') : failed.text);
}
