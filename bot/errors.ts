/**
 * The bot's one presenter of failures: any error becomes an AppError (shared/errors/classify.ts), its message
 * comes from the shared catalogue (for the Teams host), and its code decides the card. Card-data problems keep
 * the bot's own words for each field (bot/validation.ts maps the domain codes to them).
 */
import { connectCard, messageCard, type AdaptiveCardJson, type CardContext, type Tone } from '../shared/cards';
import { t, type StringKey } from '../shared/cards/strings';
import { AppError } from '../shared/errors/app-error';
import { toAppError } from '../shared/errors/classify';
import { errorMessage, unreachable } from '../shared/errors/messages';
import type { ErrorCode } from '../shared/errors/wire';
import { NotConnectedError } from '../shared/connections';
import { isInLooxError } from '../shared/inloox/errors';
import type { Locale } from '../shared/i18n';
import { logger } from '../server/telemetry/logger';
import { BadInputError } from './validation';

/** Logs without message text, card data or keys: only the error's kind and class. */
export type BotLogger = (event: string, detail: Record<string, unknown>) => void;

export const defaultLogger: BotLogger = (event, detail) => {
  logger.warn({ ...detail, event, source: 'bot' });
};

/** The person has no usable Microsoft 365 identity in the activity. */
export class MissingIdentityError extends AppError {
  constructor() {
    super('missing_identity', { detail: 'activity without tenant or user id' });
    this.name = 'MissingIdentityError';
  }
}

/** Short, safe description of an error for logs (never the message text or card data). */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (isInLooxError(error)) return { kind: error.kind, status: error.details.status, field: error.details.field };
  if (error instanceof NotConnectedError) return { kind: 'not_connected', reason: error.reason };
  if (error instanceof AppError) return { kind: error.name, code: error.code };
  if (error instanceof Error) return { kind: error.name, message: error.message.slice(0, 200) };
  return { kind: typeof error };
}

type CardLook = { connect: true } | { connect: false; title: StringKey; tone: Tone };

const message = (title: StringKey, tone: Tone = 'attention'): CardLook => ({ connect: false, title, tone });

/** Which card a failure gets; exhaustive, so a new code needs its card here before it compiles. */
function lookOf(code: ErrorCode): CardLook {
  switch (code) {
    case 'not_connected':
    case 'needs_reconnect':
      return { connect: true };
    case 'invalid_request':
    case 'invalid_key':
    case 'validation':
    case 'too_large':
    case 'too_complex':
    case 'unsupported_media_type':
      return message('invalidInputTitle');
    case 'forbidden':
    case 'cross_site_request':
      return message('noPermissionTitle');
    case 'not_found':
    case 'route_not_found':
      return message('notFoundTitle', 'warning');
    case 'throttled':
    case 'too_many_attempts':
    case 'form_in_progress':
    case 'busy':
      return message('throttledTitle', 'warning');
    case 'inloox_unavailable':
      return message('unavailableTitle');
    case 'missing_identity':
    case 'unauthenticated':
    case 'sign_in_unavailable':
    case 'connection_unreadable':
    case 'conflict':
    case 'internal':
      return message('errorTitle');
    default:
      return unreachable(code);
  }
}

export interface PresentedError {
  code: ErrorCode;
  /** HTTP status for invoke answers that carry one. */
  status: number;
  /** One sentence (or several, for card data) in the person's language. */
  text: string;
  look: CardLook;
}

/** What to tell the person about a failure; unexpected ones are logged (by kind, never their text to the person). */
export function presentError(error: unknown, locale: Locale, log: BotLogger = defaultLogger): PresentedError {
  const app = toAppError(error);
  if (app.code === 'internal') log('unexpected_error', errorSummary(error));
  const text = error instanceof BadInputError ? error.userText : errorMessage(app, locale, 'teams');
  return { code: app.code, status: app.status, text, look: lookOf(app.code) };
}

/** Maps any failure to a friendly card in the person's language; never shows a stack trace. */
export function errorCard(ctx: CardContext, error: unknown, log: BotLogger = defaultLogger): AdaptiveCardJson {
  const { text, look } = presentError(error, ctx.locale, log);
  if (look.connect) return connectCard(ctx, { error: text });
  return messageCard(ctx, { title: t(ctx.locale, look.title), text, tone: look.tone });
}

/** The person-facing reason of a failure as one sentence (for "not created: …" banners in forms). */
export function errorReason(ctx: CardContext, error: unknown, log: BotLogger = defaultLogger): string {
  return presentError(error, ctx.locale, log).text;
}
