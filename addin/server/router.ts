/**
 * The Outlook add-in on the shared server: pages and bundles under /addin/, the JSON API under /addin/api/,
 * and in local mode the Outlook host page under /dev/outlook. Mounted at the root by server/app.ts.
 */
import express, { type Router } from 'express';
import type { AppServices } from '../../server/app-services';
import { createRequestIdentifier, createSsoVerifier } from '../../server/request-identity';
import type { InLooxLinks } from '../../shared/inloox/api';
import { createInLooxLinks } from '../../shared/inloox/links';
import { addinAssets, type AddinAssets } from '../build';
import { addinApiRouter, type IdentifyRequest } from './api';
import { devOutlookRouter } from './dev-outlook';
import { addinPagesRouter } from './pages';

export type { IdentifyRequest };

export interface AddinRouterOptions {
  /** Default: SSO bearer tokens in production, the development identity on loopback in local mode. */
  identify?: IdentifyRequest;
  links?: InLooxLinks;
  assets?: () => Promise<AddinAssets>;
}

export function createAddinRouter(services: AppServices, options: AddinRouterOptions = {}): Router {
  const identify = options.identify ?? createRequestIdentifier(services.config, createSsoVerifier(services.config));
  const assets = options.assets ?? addinAssets;
  const links = options.links ?? createInLooxLinks(services.config.inlooxBaseUrl);
  const router = express.Router();
  router.use('/addin/api', addinApiRouter(services, identify, links));
  router.use('/addin', addinPagesRouter(services.config, assets));
  if (services.config.mode === 'local') router.use('/dev/outlook', devOutlookRouter(assets));
  return router;
}
