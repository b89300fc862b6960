/** POST /api/messages: botbuilder's CloudAdapter (JWT validation with MicrosoftAppId; anonymous on loopback in local mode). */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AppConfig } from '../shared/config';
import type { ConnectionService } from '../shared/connections';
import { createInLooxLinks } from '../shared/inloox/links';
import { ListMemory } from './list-cursors';
import type { BotDeps } from './turn';
import { defaultLogger, errorCard, errorSummary, type BotLogger } from './errors';
import { InLooxTeamsBot } from './handler';
import { cardContextFromActivity, type ActivityLike } from './identity';

export interface BotRouterOptions {
  config: AppConfig;
  connections: ConnectionService;
  log?: BotLogger;
}

export const BOT_PATH = '/api/messages';

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** Local mode has no bot authentication, so only this machine may talk to the bot. */
export function loopbackOnly(localMode: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (localMode && !isLoopback(req.socket.remoteAddress)) {
      res
        .status(401)
        .json({ error: 'The bot runs in local mode (no MicrosoftAppId) and accepts requests from this machine only.' });
      return;
    }
    next();
  };
}

export function createBotDeps(options: BotRouterOptions): BotDeps {
  return {
    connections: options.connections,
    links: createInLooxLinks(options.config.inlooxBaseUrl),
    inlooxBaseUrl: options.config.inlooxBaseUrl,
    log: options.log ?? defaultLogger,
    cursors: new ListMemory(),
  };
}

export function createBotRouter(options: BotRouterOptions): Router {
  const { config } = options;
  const localMode = !config.microsoftAppId;
  const deps = createBotDeps(options);
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    deps.log('turn_error', errorSummary(error));
    try {
      const ctx = cardContextFromActivity(context.activity as unknown as ActivityLike);
      if (context.activity.type === 'message')
        await context.sendActivity({
          attachments: [
            { contentType: 'application/vnd.microsoft.card.adaptive', content: errorCard(ctx, error, deps.log) },
          ],
        });
    } catch {
      // The channel is unreachable; nothing more to tell the person.
    }
  };
  const bot = new InLooxTeamsBot(deps, { localMode });

  const router = express.Router();
  router.post(
    BOT_PATH,
    loopbackOnly(localMode),
    express.json({ limit: '512kb' }),
    async (req: Request, res: Response) => {
      const body = req.body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
        res.status(400).json({ error: 'The request body must be a Bot Framework activity (JSON object with "type").' });
        return;
      }
      if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl)) {
        res.status(400).json({ error: 'The activity needs a serviceUrl.' });
        return;
      }
      try {
        await adapter.process(req, res, (context) => bot.run(context));
      } catch (error) {
        deps.log('process_failed', errorSummary(error));
        if (!res.headersSent) res.status(500).json({ error: 'The activity could not be processed.' });
      }
    },
  );
  router.use(BOT_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    res
      .status(status && status >= 400 && status < 500 ? status : 400)
      .json({ error: 'The request could not be read as an activity.' });
  });
  return router;
}
