import type { RequestHandler } from 'express';
import { basePageHeaders, cacheUntilFailure, frameAncestorsDirective } from '../../server/web-page';
import type { AppConfig } from '../../shared/config';
import { logger } from '../../server/telemetry/logger';

export interface TabAssets {
  js: string;
  css: string;
}

/** Produces the bundled browser code once; called lazily on the first page request and cached. */
export type TabAssetSource = () => Promise<TabAssets>;

/** Teams (web, desktop, mobile) and the Microsoft 365 app host personal tabs in frames on these origins. */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.office.com',
  'https://*.cloud.microsoft',
];

/**
 * The one request @microsoft/teams-js makes by itself when it loads: the list of valid Teams origins from the Office
 * CDN (validOriginsCdnEndpoint in its internal/constants.js). Allowed as this exact file, not the whole CDN host.
 */
export const TEAMS_JS_VALID_ORIGINS_URL = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

export function tabContentSecurityPolicy(mode: AppConfig['mode']): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${TEAMS_JS_VALID_ORIGINS_URL}`,
    "base-uri 'none'",
    "form-action 'self'",
    frameAncestorsDirective(mode, TEAMS_FRAME_ANCESTORS),
  ].join('; ');
}

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>My InLoox</title>
    <link rel="stylesheet" href="./tab.css" />
    <script src="./tab.js" defer></script>
  </head>
  <body>
    <main id="app" aria-busy="true"><p class="tab-loading">InLoox …</p></main>
  </body>
</html>
`;

/** GET /tab/ (the page), /tab/tab.js and /tab/tab.css, each with the tab's security headers. */
export function serveTabPage(config: AppConfig, source: TabAssetSource): RequestHandler {
  // A failed build is retried on the next request.
  const load = cacheUntilFailure(source);
  const csp = tabContentSecurityPolicy(config.mode);

  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file =
      req.path === '/' || req.path === '/index.html'
        ? 'page'
        : req.path === '/tab.js'
          ? 'js'
          : req.path === '/tab.css'
            ? 'css'
            : undefined;
    if (!file) return next();
    if (file === 'page' && req.originalUrl.split('?')[0]?.endsWith('/tab')) {
      // Relative asset URLs need the trailing slash.
      return res.redirect(301, `${req.baseUrl}/`);
    }
    res.set({
      ...basePageHeaders(csp),
      'Cache-Control': 'no-cache',
    });
    if (file === 'page') return res.type('html').send(PAGE);
    try {
      const built = await load();
      res.type(file === 'js' ? 'application/javascript' : 'text/css').send(file === 'js' ? built.js : built.css);
    } catch (error) {
      logger.error({ event: 'tab_bundle_failed', message: (error as Error).message });
      res.status(500).type('text/plain').send('The tab could not be built.');
    }
  };
}
