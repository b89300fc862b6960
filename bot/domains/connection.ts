/** Orientation and the InLoox connection: help, hello, connect, disconnect. */
import { z } from 'zod';
import { connectCard, connectedCard, disconnectedCard, helpCard, welcomeCard } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { isInLooxError } from '../../shared/inloox/errors';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorReason } from '../errors';
import { requireIdentity } from '../turn';

const noData = z.object({});
/** The key comes from the card's password input; it is read (never logged) by the handler. */
const connectData = z.looseObject({});

const help = (c: HandlerContext) => helpCard(c.turn.ctx, { commands: c.commandHelp(c.turn.ctx.locale) });

async function disconnect(c: HandlerContext) {
  return disconnectedCard(c.turn.ctx, await c.deps.connections.disconnect(requireIdentity(c.turn)));
}

export const connection: Domain = {
  name: 'connection',
  commands: [
    {
      id: 'help',
      names: { en: ['help', '?'], de: ['hilfe'] },
      argument: 'none',
      help: { en: 'Show this help', de: 'Diese Hilfe anzeigen' },
      welcome: true,
      run: async (c) => [help(c)],
    },
    {
      id: 'connect',
      names: { en: ['connect'], de: ['verbinden'] },
      argument: 'none',
      help: { en: 'Connect your InLoox account', de: 'InLoox-Konto verbinden' },
      run: async (c) => [connectCard(c.turn.ctx)],
    },
    {
      id: 'disconnect',
      names: { en: ['disconnect'], de: ['trennen'] },
      argument: 'none',
      help: { en: 'Remove your InLoox token', de: 'InLoox-Token entfernen' },
      run: async (c) => [await disconnect(c)],
    },
    {
      id: 'greeting',
      names: { en: ['hello', 'hi', 'hey', 'start'], de: ['hallo', 'guten tag', 'servus', 'moin'] },
      argument: 'none',
      help: { en: 'Show the welcome card', de: 'Die Willkommenskarte anzeigen' },
      run: async ({ deps, turn, commandHelp }) => {
        const status = turn.identity ? await deps.connections.status(turn.identity) : undefined;
        const connectedAs = status && !status.needsReconnect ? status.inlooxDisplayName : undefined;
        return [welcomeCard(turn.ctx, { commands: commandHelp(turn.ctx.locale, 'welcome'), connectedAs })];
      },
    },
  ],
  verbs: {
    help: verb(noData, async (c) => help(c)),
    'connect.show': verb(noData, async (c) => connectCard(c.turn.ctx)),
    'connect.submit': verb(connectData, async ({ deps, turn }, _data, raw) => {
      const identity = requireIdentity(turn);
      const apiKey = raw.apiKey;
      if (typeof apiKey !== 'string' || !apiKey.trim())
        return connectCard(turn.ctx, { error: t(turn.ctx.locale, 'connectKeyRequired') });
      try {
        const info = await deps.connections.connect(identity, apiKey);
        return connectedCard(turn.ctx, { DisplayName: info.inlooxDisplayName, Email: info.inlooxEmail });
      } catch (error) {
        if (
          isInLooxError(error) &&
          (error.kind === 'auth' || error.kind === 'validation' || error.kind === 'forbidden')
        )
          return connectCard(turn.ctx, { error: t(turn.ctx.locale, 'connectRejected') });
        deps.log('connect_failed', { kind: isInLooxError(error) ? error.kind : 'other' });
        return connectCard(turn.ctx, { error: errorReason(turn.ctx, error) });
      }
    }),
    disconnect: verb(noData, disconnect),
  },
};
