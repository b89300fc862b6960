import express, { type Router } from 'express';
import { ICONS_DIR } from './icons';

/**
 * Serves the add-in icons that both manifests link to (PUBLIC_BASE_URL + ICONS_URL_PATH). Outlook fetches them
 * over HTTPS when it shows the ribbon button and the add-in list.
 */
export function iconsRouter(): Router {
  const router = express.Router();
  router.use(express.static(ICONS_DIR, { index: false, maxAge: '1d', fallthrough: true }));
  return router;
}
