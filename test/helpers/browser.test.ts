import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_JS_VALID_ORIGINS_URL } from '../../tab/server/static';
import { expectConsoleError, launchChromium, takeUnexpectedBrowserErrors } from './browser';

/** The shared browser helper is what makes every Chromium test fail on a browser error; prove that it notices. */
describe('browser test helper', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports console errors and uncaught page errors unless the test declared them', async () => {
    const page = await browser.newPage();
    expectConsoleError(page, /^declared failure/);
    await page.evaluate(() => {
      console.error('declared failure');
      console.error('surprise');
      console.warn('only a warning');
      setTimeout(() => {
        throw new Error('uncaught');
      });
    });
    await page.waitForTimeout(100);
    expect(takeUnexpectedBrowserErrors()).toEqual(['surprise', 'page error: uncaught']);
    await page.close();
  });

  it('keeps tests offline: answers the teams-js origin list itself and reports any other external request', async () => {
    const page = await browser.newPage();
    const [origins, other] = await page.evaluate(
      async ([listUrl]) => {
        const list = await fetch(listUrl!).then((r) => r.json() as Promise<{ validOrigins: string[] }>);
        const outside = await fetch('https://example.com/beacon').then(
          () => 'reached',
          () => 'blocked',
        );
        return [list.validOrigins, outside] as const;
      },
      [TEAMS_JS_VALID_ORIGINS_URL],
    );
    expect(origins).toContain('teams.microsoft.com');
    expect(other).toBe('blocked');
    const errors = takeUnexpectedBrowserErrors();
    expect(errors).toContain('external request: https://example.com/beacon');
    await page.close();
  });
});
