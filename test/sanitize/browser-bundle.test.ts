import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEmailDescription, sanitizeRichText, type EmailForDescription } from '../../shared/sanitize/index';
import { launchChromium } from '../helpers/browser';
import { emailFixtureIds, loadEmailFixture } from './fixtures';
import { XSS_VECTORS } from './xss-vectors';

/**
 * The add-in's preview runs the same module in the browser. This proves it bundles for the browser and gives
 * byte-identical results there, and that the sanitized XSS corpus does nothing when a real browser renders it.
 */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['shared/sanitize/index.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'InLooxSanitize',
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
});

afterAll(async () => {
  await browser?.close();
});

function withoutDate(email: EmailForDescription): EmailForDescription {
  return { ...email, date: undefined };
}

describe('sanitizer bundled for the browser', () => {
  it.each(emailFixtureIds())('%s: the browser bundle composes exactly what the server composes', async (id) => {
    const email = withoutDate(loadEmailFixture(id));
    for (const trimQuotedHistory of [true, false]) {
      const options = { locale: 'de' as const, trimQuotedHistory };
      const inBrowser = await page.evaluate(
        ([mail, opts]) =>
          (
            window as unknown as { InLooxSanitize: typeof import('../../shared/sanitize/index') }
          ).InLooxSanitize.composeEmailDescription(mail, opts),
        [email, options] as const,
      );
      expect(inBrowser).toEqual(composeEmailDescription(email, options));
    }
  });

  it('the sanitized XSS corpus runs no script when a real browser renders it', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const sanitized = XSS_VECTORS.map((vector) => sanitizeRichText(vector)).join('\n<hr>\n');
    await page.evaluate(() => {
      const w = window as unknown as { __ran: string[]; alert: (m: unknown) => void };
      w.__ran = [];
      w.alert = (message: unknown) => w.__ran.push(String(message));
    });
    await page.evaluate(
      (html) => {
        document.getElementById('out')!.innerHTML = html;
        for (const el of Array.from(document.querySelectorAll('#out *'))) {
          (el as HTMLElement).dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
          (el as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        }
      },
      sanitized.replace(/href="/g, 'data-href="'),
    );
    // Let image loads/errors and any timers fire before looking.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const ran = await page.evaluate(() => (window as unknown as { __ran: string[] }).__ran);
    expect(ran).toEqual([]);
    expect(dialogs).toEqual([]);
    const scripts = await page.evaluate(() => document.querySelectorAll('#out script, #out iframe, #out svg').length);
    expect(scripts).toBe(0);
  });
});
