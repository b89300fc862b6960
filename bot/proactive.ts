/** The Bot Framework side of proactive notifications: writes a card into a stored conversation. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { AdaptiveCardJson } from '../shared/cards';
import type { AppConfig } from '../shared/config';
import { ProactiveSendError, type ConversationRef, type ProactiveSender } from '../shared/notify';
import { ADAPTIVE_CARD } from './extensions/responses';

/** The reference to store for an incoming activity (plain JSON, no SDK types leave bot/). */
export function conversationRefOf(activity: Activity): ConversationRef {
  return TurnContext.getConversationReference(activity) as unknown as ConversationRef;
}

function statusOf(error: unknown): { status: number; retryAfterMs?: number } {
  const e = error as {
    statusCode?: number;
    response?: { status?: number; headers?: { get?(name: string): string | undefined } };
  };
  const status = e?.statusCode ?? e?.response?.status ?? 0;
  const header = e?.response?.headers?.get?.('retry-after');
  const seconds = header === undefined ? NaN : Number(header);
  return { status, ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {}) };
}

export function createProactiveSender(config: AppConfig): ProactiveSender {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.microsoftAppId,
      MicrosoftAppPassword: config.microsoftAppPassword,
      MicrosoftAppType: config.microsoftAppType,
      MicrosoftAppTenantId: config.microsoftAppTenantId,
    }),
  );
  return {
    async send(reference, card: AdaptiveCardJson) {
      try {
        await adapter.continueConversationAsync(
          config.microsoftAppId ?? '',
          reference as unknown as Partial<ConversationReference>,
          async (context) => {
            await context.sendActivity({ attachments: [{ contentType: ADAPTIVE_CARD, content: card }] });
          },
        );
      } catch (error) {
        const { status, retryAfterMs } = statusOf(error);
        throw new ProactiveSendError(status, retryAfterMs);
      }
    },
  };
}
