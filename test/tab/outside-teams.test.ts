import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabAssets } from '../../tab/build';
import { TEAMS_JS_VALID_ORIGINS_URL, type TabAssets } from '../../tab/server/static';
import { DEV_IDENTITY } from '../../shared/auth/dev-identity';
import { launchChromium } from '../helpers/browser';
import { startTabHarness, type TabHarness } from './harness';

/** The real bundle (real teams-js) opened in a plain browser, as someone following a link outside Teams would. */
describe('Teams tab opened outside Teams', () => {
  let browser: Browser;
  let assets: TabAssets;
  let production: TabHarness;
  let local: TabHarness;

  beforeAll(async () => {
    assets = await buildTabAssets();
    production = await startTabHarness({
      env: {
        MicrosoftAppId: '00000000-0000-4000-8000-0000000000b0',
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
      router: { assets: async () => assets },
    });
    local = await startTabHarness({ router: { assets: async () => assets, identify: undefined } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await production?.close();
    await local?.close();
  });

  it('in local mode it runs with the development identity (loopback only), so it can be tried without Teams', async () => {
    const account = local.sandbox.accounts[0]!;
    await local.services.connections.connect(DEV_IDENTITY, account.apiKey);
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${local.baseUrl}/tab/`);
    await page
      .getByText('Local mode: running outside Teams with the development identity.')
      .waitFor({ timeout: 15_000 });
    await page.locator('.tab-task').first().waitFor();
    const expected = local.sandbox
      .data(account.apiKey)
      .list('Task')
      .filter((task) => task.ContactId === account.contactId && task.IsDone !== true)
      .map((task) => String(task.Name));
    expect((await page.locator('.tab-task__name').allTextContents()).sort()).toEqual(expected.sort());
    expect(await page.locator('.tab-header__user').textContent()).toBe(account.displayName);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['en-US', 'Please open this page in Microsoft Teams'],
    ['de-DE', 'Bitte öffnen Sie diese Seite in Microsoft Teams'],
  ])(
    'in production it says to open it in Teams (%s) and asks the server for nothing but /boot',
    async (locale, text) => {
      const context = await browser.newContext({ locale, viewport: { width: 1000, height: 700 } });
      const page = await context.newPage();
      const apiCalls: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/tab/api/')) apiCalls.push(new URL(request.url()).pathname);
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // teams-js asks the Office CDN for its valid Teams origins as it loads; the CSP must let exactly that through.
      const originList = page.waitForResponse(TEAMS_JS_VALID_ORIGINS_URL);
      await page.goto(`${production.baseUrl}/tab/`);
      await page.getByText(text).waitFor({ timeout: 15_000 });
      expect(apiCalls).toEqual(['/tab/api/boot']);
      expect((await originList).status()).toBe(200);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
