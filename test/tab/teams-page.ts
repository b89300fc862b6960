/** The tab in Chromium inside a stubbed Teams host: its assets built with the stub, and a page opened on it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { buildTabAssets } from '../../tab/build';
import type { TeamsStubState } from './fixtures/teams-js-stub';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function buildStubbedTabAssets(): ReturnType<typeof buildTabAssets> {
  return buildTabAssets({ teamsJsModule: path.join(HERE, 'fixtures/teams-js-stub.ts'), minify: false });
}

/** A new page with the Teams stub set up as signed in as Alice (or as `host` says), at the tab's start page. */
export async function openTeamsTab(
  browser: Browser,
  baseUrl: string,
  host: Partial<TeamsStubState> = {},
  page: Pick<BrowserContextOptions, 'viewport' | 'timezoneId'> = {},
  beforeGoto: (page: Page) => void = () => {},
): Promise<Page> {
  const opened = await browser.newPage(page);
  beforeGoto(opened);
  const state: TeamsStubState = {
    inTeams: true,
    locale: 'en-US',
    theme: 'default',
    token: 'alice',
    openedLinks: [],
    tokenRequests: 0,
    ready: false,
    ...host,
  };
  await opened.addInitScript((initial) => {
    (window as unknown as { __teamsStub: unknown }).__teamsStub = initial;
  }, state);
  await opened.goto(`${baseUrl}/tab/`);
  return opened;
}
