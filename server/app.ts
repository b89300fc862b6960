import express, { type Express } from 'express';
import { createAddinRouter } from '../addin/server/router';
import { createBotRouter } from '../bot/router';
import { ICONS_URL_PATH } from '../manifest/icons';
import { iconsRouter } from '../manifest/serve-icons';
import { createTabRouter } from '../tab/server/router';
import type { AppServices } from './app-services';

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
