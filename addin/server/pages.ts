/** The add-in's HTML pages and bundled files under /addin/, with their security headers. */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { basePageHeaders, frameAncestorsDirective } from '../../server/web-page';
import type { AppConfig } from '../../shared/config';
import type { AddinAssets } from '../build';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com';

/** Outlook on the web, new Outlook and Microsoft 365 host add-in panes in frames on these origins (desktop: none). */
export const OFFICE_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://*.outlook.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.officeapps.live.com',
  'https://*.cloud.microsoft',
];

/**
 * No inline script anywhere. Office.js comes from Microsoft's CDN (and loads its helpers from there); SSO may show
 * Microsoft's sign-in in a frame. Inline styles are allowed because the description preview keeps the email's
 * formatting, which lives in style attributes (already filtered by the sanitizer).
 */
export function addinContentSecurityPolicy(mode: AppConfig['mode']): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${OFFICE_CDN}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${OFFICE_CDN}`,
    `frame-src ${OFFICE_CDN} https://login.microsoftonline.com`,
    "base-uri 'self'",
    "form-action 'none'",
    frameAncestorsDirective(mode, OFFICE_FRAME_ANCESTORS),
  ].join('; ');
}

export function setPageSecurityHeaders(res: Response, csp: string): void {
  res.set({
    ...basePageHeaders(csp),
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
  });
}

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The task pane page. The Office.js stub is used only in local mode and only when the local host page asks for it
 * (?officeStub=1); otherwise, and always in production, Microsoft's Office.js is loaded.
 */
export function taskpaneHtml(options: { mode: AppConfig['mode']; useStub: boolean; assets: AddinAssets }): string {
  const version = (name: string) => options.assets.files.get(name)?.hash ?? '0';
  const officeScript = options.useStub ? `/addin/office-stub.js?v=${version('office-stub.js')}` : OFFICE_JS_URL;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <meta name="inloox-mode" content="${escapeAttribute(options.mode)}" />
    <base href="/addin/" />
    <title>InLoox</title>
    <link rel="stylesheet" href="/addin/taskpane.css?v=${version('taskpane.css')}" />
    <script src="${escapeAttribute(officeScript)}"></script>
    <script src="/addin/taskpane.js?v=${version('taskpane.js')}" defer></script>
  </head>
  <body>
    <main id="app" aria-live="polite"></main>
  </body>
</html>
`;
}

function commandsHtml(options: { useStub: boolean; assets: AddinAssets }): string {
  const version = (name: string) => options.assets.files.get(name)?.hash ?? '0';
  const officeScript = options.useStub ? `/addin/office-stub.js?v=${version('office-stub.js')}` : OFFICE_JS_URL;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>InLoox commands</title>
    <script src="${escapeAttribute(officeScript)}"></script>
    <script src="/addin/commands.js?v=${version('commands.js')}" defer></script>
  </head>
  <body></body>
</html>
`;
}

function sendAsset(res: Response, assets: AddinAssets, name: string, req: Request): void {
  const asset = assets.files.get(name);
  if (!asset) {
    res.status(404).type('text/plain').send('Not found');
    return;
  }
  res.set({
    'Content-Type': asset.contentType,
    'X-Content-Type-Options': 'nosniff',
    // Versioned URLs (?v=hash) may be cached for long; unversioned ones are revalidated.
    'Cache-Control': req.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: `"${asset.hash}"`,
  });
  if (req.get('if-none-match') === `"${asset.hash}"`) {
    res.status(304).end();
    return;
  }
  res.send(asset.contents);
}

/** GET /addin/taskpane.html, /addin/commands.html and the bundled files. */
export function addinPagesRouter(config: AppConfig, assets: () => Promise<AddinAssets>): Router {
  const router = express.Router();
  const csp = addinContentSecurityPolicy(config.mode);
  const publicFiles = new Set(['taskpane.js', 'taskpane.css', 'commands.js']);

  // The Office.js stub only in local mode and only when the local host page asks for it.
  const page =
    (render: (built: AddinAssets, useStub: boolean) => string): RequestHandler =>
    async (req, res, next) => {
      try {
        const built = await assets();
        const useStub = config.mode === 'local' && req.query.officeStub === '1';
        setPageSecurityHeaders(res, csp);
        res.set('Cache-Control', 'no-cache').type('html').send(render(built, useStub));
      } catch (error) {
        next(error);
      }
    };
  router.get(
    ['/', '/taskpane.html'],
    page((built, useStub) => taskpaneHtml({ mode: config.mode, useStub, assets: built })),
  );
  router.get(
    '/commands.html',
    page((built, useStub) => commandsHtml({ useStub, assets: built })),
  );
  router.get('/:file', async (req, res, next) => {
    const file = String(req.params.file);
    const allowed = publicFiles.has(file) || (config.mode === 'local' && file === 'office-stub.js');
    if (!allowed) return next();
    try {
      sendAsset(res, await assets(), file, req);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** Serves one bundled file (used by the local host page for its own script and styles). */
export async function serveAsset(req: Request, res: Response, assets: AddinAssets, name: string): Promise<void> {
  sendAsset(res, assets, name, req);
}
