/** POST /api/messages: botbuilder's CloudAdapter (JWT validation with MicrosoftAppId; anonymous on loopback in local mode). */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import express, { type Request, type Response, type Router } from 'express';
import type { AppConfig } from '../shared/config';
import type { ConnectionService } from '../shared/connections';
import { createInLooxLinks } from '../shared/inloox/links';
import type { FilingStore } from '../shared/filings';
import type { NotifyStore } from '../shared/notify';
import type { StateStore } from '../shared/state';
import { storedListCursors } from './list-cursors';
import type { BotDeps } from './turn';
import { finalErrorHandler, sendApiError } from '../server/api-errors';
import { AppError } from '../shared/errors/app-error';
import { guardedResponse } from './guarded-response';
import { defaultLogger, errorCard, errorSummary, type BotLogger } from './errors';
import { botFrameworkTokenGate, isLoopbackServiceUrl, localModeGuard } from './edge-guards';
import { InLooxTeamsBot } from './handler';
import { cardContextFromActivity, type ActivityLike, type IdentityOptions } from './identity';
import { traceTurn } from './turn-telemetry';

export interface BotRouterOptions {
  config: AppConfig;
  connections: ConnectionService;
  log?: BotLogger;
  /** Where list positions for "more" and submitted forms are kept; its owner opens and closes it. */
  state: StateStore;
  /** Where conversation references and notification settings are kept; without it, notifications are off. */
  notify?: NotifyStore;
  /** The filing memory (which message became which task); its owner opens and closes it. */
  filings: FilingStore;
}

export const BOT_PATH = '/api/messages';

/** Whose activities get an identity: a single-tenant bot serves its own tenant only, like the add-in and tab. */
export function identityOptions(config: AppConfig): IdentityOptions {
  const singleTenant = config.microsoftAppType === 'SingleTenant' && config.microsoftAppTenantId;
  return { localMode: !config.microsoftAppId, ...(singleTenant ? { tenantId: config.microsoftAppTenantId } : {}) };
}

export function createBotDeps(options: BotRouterOptions): BotDeps {
  const { state } = options;
  return {
    connections: options.connections,
    links: createInLooxLinks(options.config.inlooxBaseUrl),
    inlooxBaseUrl: options.config.inlooxBaseUrl,
    log: options.log ?? defaultLogger,
    cursors: storedListCursors(state),
    state,
    ...(options.notify ? { notify: options.notify } : {}),
    filings: options.filings,
  };
}

type BotAuthentication = InstanceType<typeof ConfigurationBotFrameworkAuthentication>;
type ConnectorFactory = NonNullable<Awaited<ReturnType<BotAuthentication['authenticateRequest']>>['connectorFactory']>;

/**
 * botbuilder builds a connector client (credentials and an HTTP pipeline) for every turn, though a turn answered in
 * its HTTP response never uses it; that was a tenth of a `help` turn's CPU. One client per bot app id, service URL
 * and audience serves every turn instead, as botbuilder's older BotFrameworkAdapter kept them. Service URLs come from
 * authenticated activities (loopback only in local mode); the map is bounded anyway.
 */
export function reuseConnectorClients<T extends BotAuthentication>(auth: T, max = 100): T {
  const clients = new Map<string, ReturnType<ConnectorFactory['create']>>();
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = result.claimsIdentity?.getClaimValue('aud') ?? '';
    const reusing: ConnectorFactory = {
      create(serviceUrl: string, audience?: string) {
        const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
        let client = clients.get(key);
        if (!client) {
          client = factory.create(serviceUrl, audience);
          client.catch(() => clients.delete(key));
          if (clients.size >= max) clients.delete(clients.keys().next().value!);
          clients.set(key, client);
        }
        return client;
      },
    };
    return { ...result, connectorFactory: reusing };
  };
  // The same for the user token client (sign-in prompts; this bot has none): botbuilder builds one with its
  // credentials and HTTP pipeline on every turn, the largest per-turn cost left in a `help` turn (~0.05 ms CPU).
  const tokenClients = new Map<string, ReturnType<BotAuthentication['createUserTokenClient']>>();
  const createUserTokenClient = auth.createUserTokenClient?.bind(auth);
  if (createUserTokenClient) {
    auth.createUserTokenClient = (identity) => {
      const key = JSON.stringify([identity.getClaimValue('aud') ?? null, identity.getClaimValue('appid') ?? null]);
      let client = tokenClients.get(key);
      if (!client) {
        client = createUserTokenClient(identity);
        client.catch(() => tokenClients.delete(key));
        if (tokenClients.size >= max) tokenClients.delete(tokenClients.keys().next().value!);
        tokenClients.set(key, client);
      }
      return client;
    };
  }
  return auth;
}

export function createBotRouter(options: BotRouterOptions): Router {
  const { config } = options;
  const localMode = !config.microsoftAppId;
  const deps = createBotDeps(options);
  const auth = reuseConnectorClients(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.microsoftAppId,
      MicrosoftAppPassword: config.microsoftAppPassword,
      MicrosoftAppType: config.microsoftAppType,
      MicrosoftAppTenantId: config.microsoftAppTenantId,
    }),
  );
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
  const bot = new InLooxTeamsBot(deps, identityOptions(config));

  const router = express.Router();
  router.post(
    BOT_PATH,
    localMode ? localModeGuard() : botFrameworkTokenGate(config.microsoftAppId!, deps.log),
    express.json({ limit: '512kb' }),
    async (req: Request, res: Response) => {
      const body = req.body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
        sendApiError(req, res, new AppError('invalid_request', { invalidReason: 'unreadable_request' }));
        return;
      }
      if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl)) {
        sendApiError(req, res, new AppError('invalid_request', { invalidReason: 'unreadable_request' }));
        return;
      }
      if (localMode && !isLoopbackServiceUrl(body.serviceUrl)) {
        res.status(400).json({ error: 'In local mode the bot replies only to a serviceUrl on this machine.' });
        return;
      }
      try {
        await adapter.process(req, guardedResponse(req, res) as unknown as Response, (context) =>
          traceTurn(context.activity, () => bot.run(context)),
        );
      } catch (error) {
        deps.log('process_failed', errorSummary(error));
        sendApiError(req, res, error);
      }
    },
  );
  router.use(BOT_PATH, finalErrorHandler());
  return router;
}
