/** One span and one log line per bot turn, at the adapter edge; the actions below know nothing of it. */
import { SpanKind } from '@opentelemetry/api';
import { logger } from '../server/telemetry/logger';
import { countError, errorKind, hashPersonId, inSpan } from '../server/telemetry/instruments';

/** The parts of an activity telemetry may see: protocol names and ids, never text or values. */
export interface TurnActivity {
  type?: string;
  name?: string;
  channelId?: string;
  from?: { aadObjectId?: string };
  conversation?: { conversationType?: string; tenantId?: string };
  channelData?: { tenant?: { id?: string } };
}

export function traceTurn(activity: TurnActivity, run: () => Promise<void>): Promise<void> {
  const tenantId = activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
  const objectId = activity.from?.aadObjectId;
  const attributes = {
    'bot.activity.type': activity.type ?? 'unknown',
    ...(activity.type === 'invoke' && activity.name ? { 'bot.activity.name': activity.name } : {}),
    'bot.channel': activity.channelId ?? 'unknown',
    'bot.conversation.type': activity.conversation?.conversationType ?? 'unknown',
    ...(tenantId && objectId ? { 'enduser.pseudo.id': hashPersonId(tenantId, objectId) } : {}),
  };
  const name = `bot ${attributes['bot.activity.type']}${activity.type === 'invoke' && activity.name ? ` ${activity.name}` : ''}`;
  const started = performance.now();
  return inSpan(name, { kind: SpanKind.SERVER, attributes }, async () => {
    const log = (outcome: string) =>
      logger.info({ event: 'bot_turn', ...attributes, outcome, durationMs: Math.round(performance.now() - started) });
    try {
      await run();
      log('ok');
    } catch (error) {
      countError(errorKind(error), 'bot');
      log(errorKind(error));
      throw error;
    }
  });
}
