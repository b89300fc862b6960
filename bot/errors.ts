import { connectCard, messageCard, type AdaptiveCardJson, type CardContext } from '../shared/cards';
import { t } from '../shared/cards/strings';
import { NotConnectedError } from '../shared/connections';
import { isInLooxError } from '../shared/inloox/errors';
import { logger } from '../server/telemetry/logger';
import { isHtmlLimitError } from '../shared/sanitize/limits';
import { BadInputError } from './validation';

/** Logs without message text, card data or keys: only the error's kind and class. */
export type BotLogger = (event: string, detail: Record<string, unknown>) => void;

export const defaultLogger: BotLogger = (event, detail) => {
  logger.warn({ ...detail, event, source: 'bot' });
};

/** The person has no usable Microsoft 365 identity in the activity. */
export class MissingIdentityError extends Error {
  constructor() {
    super('activity without tenant or user id');
    this.name = 'MissingIdentityError';
  }
}

/** Short, safe description of an error for logs (never the message text or card data). */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (isInLooxError(error)) return { kind: error.kind, status: error.details.status, field: error.details.field };
  if (error instanceof NotConnectedError) return { kind: 'not_connected', reason: error.reason };
  if (error instanceof Error) return { kind: error.name, message: error.message.slice(0, 200) };
  return { kind: typeof error };
}

/** Maps any failure to a friendly card in the person's language; never shows a stack trace. */
export function errorCard(ctx: CardContext, error: unknown, log: BotLogger = defaultLogger): AdaptiveCardJson {
  const { locale } = ctx;
  if (error instanceof NotConnectedError) return connectCard(ctx, { error: error.userMessage(locale) });
  if (error instanceof MissingIdentityError)
    return messageCard(ctx, { title: t(locale, 'errorTitle'), text: t(locale, 'noIdentity'), tone: 'attention' });
  if (error instanceof BadInputError)
    return messageCard(ctx, { title: t(locale, 'invalidInputTitle'), text: error.userText, tone: 'attention' });
  if (isHtmlLimitError(error))
    return messageCard(ctx, {
      title: t(locale, 'invalidInputTitle'),
      text: error.userMessage(locale),
      tone: 'attention',
    });
  if (isInLooxError(error)) {
    const text = error.userMessage(locale);
    switch (error.kind) {
      case 'auth':
        return connectCard(ctx, { error: text });
      case 'forbidden':
        return messageCard(ctx, { title: t(locale, 'noPermissionTitle'), text, tone: 'attention' });
      case 'not_found':
        return messageCard(ctx, { title: t(locale, 'notFoundTitle'), text, tone: 'warning' });
      case 'throttled':
        return messageCard(ctx, { title: t(locale, 'throttledTitle'), text, tone: 'warning' });
      case 'unavailable':
        return messageCard(ctx, { title: t(locale, 'unavailableTitle'), text, tone: 'attention' });
      default:
        return messageCard(ctx, { title: t(locale, 'invalidInputTitle'), text, tone: 'attention' });
    }
  }
  log('unexpected_error', errorSummary(error));
  return messageCard(ctx, { title: t(locale, 'errorTitle'), text: t(locale, 'unexpectedError'), tone: 'attention' });
}

/** The person-facing reason of a failure as one sentence (for "not created: …" banners in forms). */
export function errorReason(ctx: CardContext, error: unknown): string {
  if (error instanceof NotConnectedError) return error.userMessage(ctx.locale);
  if (error instanceof BadInputError) return error.userText;
  if (isHtmlLimitError(error)) return error.userMessage(ctx.locale);
  if (isInLooxError(error)) return error.userMessage(ctx.locale);
  return t(ctx.locale, 'unexpectedError');
}
