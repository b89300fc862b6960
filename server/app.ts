import express, { type Express } from 'express';
import type { AppConfig } from '../shared/config';
import type { ConnectionService } from '../shared/connections';
import { createAddinRouter } from '../addin/server/router';
import { createBotRouter } from '../bot/router';
import { ICONS_URL_PATH } from '../manifest/icons';
import { iconsRouter } from '../manifest/serve-icons';
import { createTabRouter } from '../tab/server/router';

/** Everything the HTTP layer needs, built once by the entry point (server/main.ts) or by a test. */
export interface AppServices {
  config: AppConfig;
  connections: ConnectionService;
}

/**
 * Builds the express app: the bot at POST /api/messages, the add-in under /addin/, the tab under /tab/,
 * and GET /healthz. Never listens; only server/main.ts does.
 */
export function createApp(services: AppServices): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', mode: services.config.mode });
  });
  app.use(ICONS_URL_PATH, iconsRouter());
  app.use(createBotRouter(services));
  app.use('/tab', createTabRouter(services));
  app.use(createAddinRouter(services));

  return app;
}
