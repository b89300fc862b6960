import express, { type Express } from 'express';
import { createAddinRouter } from '../addin/server/router';
import { createBotRouter } from '../bot/router';
import { ICONS_URL_PATH } from '../manifest/icons';
import { iconsRouter } from '../manifest/serve-icons';
import { createTabRouter } from '../tab/server/router';
import { finalErrorHandler, notFoundHandler } from './api-errors';
import type { AppServices } from './app-services';
import { RequestDrain } from './drain';
import { fairAdmission } from './fair-admission';
import { healthRouter, inlooxBaseUrlCheck, type ReadinessCheck } from './readiness';
import { apiTelemetry } from './telemetry/http';

export interface AppLifecycle {
  /** What /readyz checks besides the InLoox base URL (the entry point adds the database and the key). */
  checks?: ReadinessCheck[];
  /** Tracks requests in flight for a graceful shutdown; the entry point passes the one it drains on SIGTERM. */
  drain?: RequestDrain;
}

/**
 * Builds the express app: the bot at POST /api/messages, the add-in under /addin/, the tab under /tab/,
 * GET /healthz and GET /readyz. Never listens; only server/main.ts does.
 */
export function createApp(services: AppServices, lifecycle: AppLifecycle = {}): Express {
  const drain = lifecycle.drain ?? new RequestDrain();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use(
    healthRouter({
      mode: services.config.mode,
      checks: [inlooxBaseUrlCheck(services.config), ...(lifecycle.checks ?? [])],
      draining: () => drain.isDraining,
    }),
  );
  app.use(drain.middleware());
  app.use(fairAdmission());
  app.use(ICONS_URL_PATH, iconsRouter());
  app.use(['/addin/api', '/tab/api'], apiTelemetry());
  app.use(createBotRouter(services));
  app.use('/tab', createTabRouter(services));
  app.use(createAddinRouter(services));
  app.use(notFoundHandler(), finalErrorHandler());

  return app;
}
