/**
 * /dev/outlook: a local stand-in for Outlook with sample mails and appointments and the real task pane beside them (local mode only;
 * not mounted in production, so it answers 404 there).
 */
import express, { type Router } from 'express';
import type { AddinAssets } from '../build';
import { devSampleAppointments } from './dev-appointments';
import { devSampleMails } from './dev-samples';
import { serveAsset, setPageSecurityHeaders } from './pages';

const HOST_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Outlook (local) · InLoox add-in</title>
    <link rel="stylesheet" href="/dev/outlook/dev-host.css" />
    <script src="/dev/outlook/dev-host.js" defer></script>
  </head>
  <body>
    <div id="host"></div>
  </body>
</html>
`;

export function devOutlookRouter(assets: () => Promise<AddinAssets>): Router {
  const router = express.Router();
  const mails = [...devSampleMails(), ...devSampleAppointments()];
  router.get(['/', '/index.html'], (_req, res) => {
    setPageSecurityHeaders(res, HOST_CSP);
    res.set('Cache-Control', 'no-cache').type('html').send(PAGE);
  });
  router.get('/mails.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ mails });
  });
  router.get(['/dev-host.js', '/dev-host.css'], async (req, res, next) => {
    try {
      await serveAsset(req, res, await assets(), req.path.slice(1));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
