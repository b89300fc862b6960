import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from '../../shared/sanitize/index';
import { ALLOWED_TAGS, DROP_WITH_CONTENT } from '../../shared/sanitize/policy';
import { expectConsoleError, launchChromium } from '../helpers/browser';
import { findActiveContent } from './active-content';
import { MALFORMED_MAILS } from './malformed-mails';

/**
 * Differential test against a real browser: for malformed and hostile mails, the text a reader sees in the
 * sanitized description is the text Chromium shows for the original mail, minus what is active (the allow-list's
 * drop-with-content elements, SVG/MathML) or hidden (display, visibility, opacity, zero font size, collapsed
 * boxes, mso-hide). The original is served with scripts blocked by CSP but the parser's scripting flag on, as in
 * a mail client.
 */
const MAIL_URL = 'https://mail.test/';
let browser: Browser;
let original: Page;
let described: Page;
let served = '';

beforeAll(async () => {
  browser = await launchChromium();
  original = await browser.newPage();
  // The originals are hostile on purpose: their scripts, handlers, frames and loads are refused by the CSP.
  expectConsoleError(original, /Content Security Policy/);
  expectConsoleError(original, /^Failed to load resource: net::ERR_FAILED/);
  await original.route('**/*', (route) =>
    route.request().url() === MAIL_URL
      ? route.fulfill({
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          },
          body: served,
        })
      : route.abort(),
  );
  // The description page declares nothing: sanitized HTML that tried to load or run anything fails the test.
  described = await browser.newPage();
  await described.route('**/*', (route) => route.abort());
  await described.setContent('<!doctype html><html><body><div id="description"></div></body></html>');
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** What a reader sees as words: whitespace runs as one space, the description's own image notes left out. */
function words(text: string): string {
  return text
    .replace(/\[(?:external image|inline image|image)[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

async function visibleTextOfOriginal(html: string): Promise<string> {
  served = html;
  await original.goto(MAIL_URL);
  return original.evaluate((dropped) => {
    const hidden = (el: Element): boolean => {
      const style = getComputedStyle(el);
      return (
        style.opacity === '0' ||
        parseFloat(style.fontSize) === 0 ||
        (parseFloat(style.maxHeight) === 0 && style.overflow.includes('hidden')) ||
        /mso-hide\s*:\s*all/i.test(el.getAttribute('style') ?? '')
      );
    };
    const doomed = Array.from(document.body.querySelectorAll('*')).filter(
      (el) => dropped.includes(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || hidden(el),
    );
    for (const el of doomed) el.remove();
    return document.body.innerText;
  }, DROP_WITH_CONTENT);
}

async function renderDescription(html: string): Promise<{ text: string; tags: string[]; handlers: string[] }> {
  return described.evaluate((markup) => {
    const box = document.getElementById('description')!;
    box.innerHTML = markup;
    const elements = Array.from(box.querySelectorAll('*'));
    return {
      text: box.innerText,
      tags: [...new Set(elements.map((el) => el.localName))],
      handlers: elements.flatMap((el) => el.getAttributeNames().filter((name) => /^on/i.test(name))),
    };
  }, html);
}

describe('malformed and hostile mails, compared with what Chromium shows', () => {
  it('has at least 30 mails', () => {
    expect(Object.keys(MALFORMED_MAILS).length).toBeGreaterThanOrEqual(30);
  });

  it.each(Object.entries(MALFORMED_MAILS))('%s', async (_name, mail) => {
    const sanitized = sanitizeEmailHtml(mail, { locale: 'en', trimQuotedHistory: false }).html;
    const shown = await renderDescription(sanitized);

    expect(words(shown.text)).toBe(words(await visibleTextOfOriginal(mail)));
    expect(findActiveContent(sanitized)).toEqual([]);
    expect(shown.tags.filter((tag) => !ALLOWED_TAGS.includes(tag))).toEqual([]);
    expect(shown.handlers).toEqual([]);
  });
});
