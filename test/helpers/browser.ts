import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
  type Route,
} from 'playwright-core';
import { TEAMS_JS_VALID_ORIGINS_URL } from '../../tab/server/static';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Console errors and page errors no test declared, since the last check after a test. */
const unexpected: string[] = [];
const expectedErrors = new WeakMap<Page, RegExp[]>();

/**
 * Every browser test fails on a console error or an uncaught page error it did not declare with expectConsoleError
 * (a CSP violation, a failed request, a script error), and on any request that would leave the machine.
 * Only under vitest: `npm run bench` launches Chromium through this file too, and vitest cannot be imported there.
 */
if (process.env.VITEST) {
  const { afterEach } = await import('vitest');
  afterEach(() => {
    const found = takeUnexpectedBrowserErrors();
    if (found.length) throw new Error(`The browser reported errors:\n${found.map((e) => `  ${e}`).join('\n')}`);
  });
}

/** What the browser reported since the last call, minus what was declared; empties the list. */
export function takeUnexpectedBrowserErrors(): string[] {
  return unexpected.splice(0);
}

/**
 * Declares errors a test causes on purpose, e.g. the browser's "Failed to load resource ... 400" for a request the
 * test expects to be refused. The pattern is matched against the console text followed by its URL in parentheses,
 * and against "external request: <url>" for a request that would leave the machine.
 */
export function expectConsoleError(page: Page, pattern: RegExp): void {
  expectedErrors.set(page, [...(expectedErrors.get(page) ?? []), pattern]);
}

function report(page: Page | undefined, text: string): void {
  if (!(page && expectedErrors.get(page)?.some((pattern) => pattern.test(text)))) unexpected.push(text);
}

/**
 * Declares what the browser logs when it refuses hostile mail content (the sample mails of the Outlook host page):
 * inline event handlers under the CSP, scripts in the sandboxed reading pane, frames from other origins.
 */
export function expectRefusedActiveContent(page: Page): void {
  expectConsoleError(page, /^Executing inline event handler violates the following Content Security Policy/);
  expectConsoleError(page, /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/);
  expectConsoleError(page, /^Framing '[^']+' violates the following Content Security Policy directive: "frame-src/);
}

/**
 * The Agents Playground (a Microsoft package, not ours) loads fonts and an animation worklet from the Office CDN;
 * offline they fail, which the Playground shrugs off.
 */
export function expectAgentsPlaygroundAssets(page: Page): void {
  expectConsoleError(page, /https:\/\/res-1\.cdn\.office\.net\/files\/fabric-cdn-prod_\d+\.\d+\/assets\//);
}

/** Declares that the page's request to pathname is answered with status on purpose (Chromium logs that as an error). */
export function expectFailedResponse(page: Page, status: number, pathname: string): void {
  const escaped = pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expectConsoleError(
    page,
    new RegExp(`^Failed to load resource: .*status of ${status} .*\\(https?://[^/]+${escaped}\\)$`),
  );
}

function describeMessage(message: ConsoleMessage): string {
  const url = message.location().url;
  return url ? `${message.text()} (${url})` : message.text();
}

function watch(page: Page): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    report(page, describeMessage(message));
  });
  page.on('pageerror', (error) => unexpected.push(`page error: ${error.message}`));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

let teamsJsValidOrigins: Promise<string> | undefined;

/** What the Teams CDN serves, taken from the copy teams-js bundles as its own fallback. */
function validOriginsBody(): Promise<string> {
  const specifier = '@microsoft/teams-js/dist/esm/packages/teams-js/src/artifactsForCDN/validDomains.json.js';
  teamsJsValidOrigins ??= import(specifier).then((list: { validOrigins: string[] }) =>
    JSON.stringify({ validOrigins: list.validOrigins }),
  );
  return teamsJsValidOrigins;
}

/** Tests run offline: the teams-js origin list is answered locally, any other external request fails the test. */
async function offline(route: Route): Promise<void> {
  const url = route.request().url();
  if (url === TEAMS_JS_VALID_ORIGINS_URL) {
    await route.fulfill({
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: await validOriginsBody(),
    });
    return;
  }
  let page: Page | undefined;
  try {
    page = route.request().frame().page();
  } catch {
    // A service worker's request has no frame; it is reported without a page to match against.
  }
  report(page, `external request: ${url}`);
  await route.abort('blockedbyclient');
}

async function prepare(context: BrowserContext): Promise<BrowserContext> {
  context.on('page', watch);
  await context.route((url) => url.protocol.startsWith('http') && !LOOPBACK.has(url.hostname), offline);
  return context;
}

/**
 * Real headless Chromium from Debian. A missing browser fails the test run instead of skipping it.
 * Every context and page it opens is watched (see afterEach above) and kept offline.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install the Debian package "chromium" (see .ci/run)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // browser.newPage() goes through newContext() as well.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => prepare(await newContext(options));
  return browser;
}
