import { describe, expect, it } from 'vitest';
import {
  composeEmailDescription,
  sanitizeEmailHtml,
  sanitizeRichText,
  sanitizeTeamsMessageHtml,
} from '../../shared/sanitize/index';
import { findActiveContent } from './active-content';
import { XSS_VECTORS } from './xss-vectors';

describe('the active-content check itself', () => {
  it('finds what it is meant to find, so a pass below means something', () => {
    expect(findActiveContent('<p>hi <b>there</b> <a href="https://x.example">x</a></p>')).toEqual([]);
    expect(findActiveContent('<script>alert(1)</script>')).toContain('element <script>');
    expect(findActiveContent('<img src=x onerror=alert(1)>').join()).toMatch(/onerror/);
    expect(findActiveContent('<a href="jav&#x09;ascript:alert(1)">x</a>').join()).toMatch(/href/);
    expect(findActiveContent('<svg><circle/></svg>').join()).toMatch(/svg/);
    expect(findActiveContent('<div style="position:fixed">x</div>').join()).toMatch(/style/);
    expect(findActiveContent('<img src="https://t.example/p.gif">').join()).toMatch(/src/);
    expect(findActiveContent('<a href="/relative">x</a>').join()).toMatch(/href/);
  });
});

describe('XSS corpus', () => {
  it('has at least 50 vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(50);
  });

  describe.each(XSS_VECTORS.map((vector, index) => [index + 1, vector] as const))('vector %i', (_n, vector) => {
    it('sanitizeRichText leaves no active content and is stable when applied again', () => {
      const out = sanitizeRichText(vector);
      expect(findActiveContent(out)).toEqual([]);
      expect(sanitizeRichText(out)).toBe(out);
    });

    it('sanitizeEmailHtml (history trimmed and kept) leaves no active content', () => {
      for (const trimQuotedHistory of [true, false]) {
        const out = sanitizeEmailHtml(vector, { locale: 'en', trimQuotedHistory, attachments: [] }).html;
        expect(findActiveContent(out)).toEqual([]);
      }
    });

    it('composeEmailDescription leaves no active content, from HTML, as plain text and in the header', () => {
      const attachments = [
        { name: 'evil', contentId: 'evil@x', contentType: 'text/html', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      ];
      const fromHtml = composeEmailDescription(
        {
          subject: vector,
          from: { displayName: vector, emailAddress: 'a@example.com' },
          to: [vector],
          bodyHtml: vector,
          attachments,
        },
        { locale: 'de', trimQuotedHistory: false },
      );
      expect(findActiveContent(fromHtml.html)).toEqual([]);
      const fromText = composeEmailDescription(
        { subject: 's', bodyText: vector },
        { locale: 'en', trimQuotedHistory: true },
      );
      expect(findActiveContent(fromText.html)).toEqual([]);
    });

    it('sanitizeTeamsMessageHtml leaves no active content', () => {
      expect(findActiveContent(sanitizeTeamsMessageHtml(vector))).toEqual([]);
    });
  });
});

describe('what the allow-list keeps while removing the attack', () => {
  it('keeps the text of a link whose scheme is dropped, and the good link with safe attributes', () => {
    const out = sanitizeRichText(
      '<a href="jav&#x09;ascript:alert(1)">click</a> <a href="https://ok.example/a?b=1&amp;c=2">ok</a>',
    );
    expect(out).toContain('click');
    expect(out).toContain('href="https://ok.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).not.toMatch(/javascript/i);
  });

  it('keeps harmless declarations of a style that also tries to position or load', () => {
    const out = sanitizeRichText(
      '<p style="color: #c00000; position: fixed; font-weight: bold; background: url(x.png); z-index: 5">x</p>',
    );
    expect(out).toBe('<p style="color:#c00000;font-weight:bold">x</p>');
  });

  it('drops script, SVG and MathML together with their content but keeps the text around them', () => {
    const out = sanitizeRichText(
      'before<script>var secret=1</script><svg><text>svg text</text></svg><math><mi>x</mi></math>after',
    );
    expect(out).toBe('beforeafter');
  });

  it('keeps an embedded PNG and drops an SVG data image', () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    expect(sanitizeRichText(`<img src="${png}" alt="dot">`)).toBe(`<img src="${png}" alt="dot" />`);
    expect(sanitizeRichText('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('');
  });

  it('drops data images over the size cap', () => {
    const big = `data:image/png;base64,${'A'.repeat(2000)}`;
    expect(sanitizeRichText(`<img src="${big}">`, 1000)).toBe('');
    expect(sanitizeRichText(`<img src="${big}">`, 5000)).toContain('<img');
  });
});
