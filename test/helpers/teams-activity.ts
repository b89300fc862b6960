/**
 * The fields Teams puts on every activity of a personal chat with the bot, for a given user and connector URL.
 * The caller adds `type`, the delivery mode and the payload.
 */
import { randomUUID } from 'node:crypto';

export interface ActivityUser {
  tenantId: string;
  objectId: string;
  name: string;
}

export function teamsEnvelope(
  serviceUrl: string,
  user: ActivityUser,
  options: { locale?: string; timeZone?: string; conversationId?: string } = {},
) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale: options.locale ?? 'en-US',
    localTimezone: options.timeZone ?? 'Europe/Berlin',
    from: { id: `29:${user.objectId}`, name: user.name, aadObjectId: user.objectId },
    recipient: { id: '28:inloox-bot', name: 'InLoox' },
    conversation: {
      id: options.conversationId ?? `a:${user.objectId}`,
      conversationType: 'personal',
      tenantId: user.tenantId,
    },
    channelData: { tenant: { id: user.tenantId } },
  };
}
