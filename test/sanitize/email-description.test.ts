import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  byteLength,
  composeEmailDescription,
  sanitizeRichText,
  type EmailForDescription,
} from '../../shared/sanitize/index';
import { findActiveContent } from './active-content';
import { emailFixtureIds, loadEmailFixture } from './fixtures';

const window = new JSDOM('<!doctype html>').window;
const parse = (html: string) => new window.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
const text = (html: string) => (parse(html).body.textContent ?? '').replace(/\s+/g, ' ');
const PNG_1x1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('real-world emails keep their formatting', () => {
  it.each(emailFixtureIds())('%s is safe and keeps its header', (id) => {
    for (const trimQuotedHistory of [true, false]) {
      const result = composeEmailDescription(loadEmailFixture(id), { locale: 'en', trimQuotedHistory });
      expect(findActiveContent(result.html)).toEqual([]);
      expect(result.truncated).toBe(false);
      const doc = parse(result.html);
      expect(doc.querySelector('p')?.textContent).toMatch(/^From: .+To: .+Date: .+Subject: /s);
      expect(result.html).not.toMatch(/cid:|https?:\/\/[^"]*\.(png|gif|jpg)"[^>]*>\s*<\/img|<img[^>]+src="http/i);
    }
  });

  it('Outlook on the web: bold, list items, table cells with colours, links, signature', () => {
    const { html } = composeEmailDescription(loadEmailFixture('outlook-web-reply'), {
      locale: 'en',
      trimQuotedHistory: true,
    });
    const doc = parse(html);
    expect(doc.querySelector('b')?.textContent).toBe('Q4 launch checklist');
    expect([...doc.querySelectorAll('ul > li')].map((li) => li.textContent?.trim())).toEqual([
      'Update the pricing page',
      'Translate the release notes (DE/EN)',
      'Book the webinar room, see room planner',
    ]);
    expect(doc.querySelector('span[style*="color"]')?.getAttribute('style')).toBe('color:rgb(196, 89, 17)');
    const cells = [...doc.querySelectorAll('table td, table th')].map((c) => c.textContent);
    expect(cells).toEqual([
      'Item',
      'Owner',
      'Due',
      'Pricing page',
      'Jonas',
      'Nov 27',
      'Release notes',
      'Mia',
      'Nov 28',
    ]);
    expect(doc.querySelector('th')?.getAttribute('style')).toContain('background-color:rgb(68, 114, 196)');
    const link = doc.querySelector('a[href^="https://intranet"]');
    expect(link?.getAttribute('href')).toBe('https://intranet.example.com/rooms?id=42&view=week');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(doc.body.textContent).toContain('Anna Schmidt | Head of Marketing');
    expect(doc.querySelector('[id], [class]')).toBeNull();
  });

  it('Outlook desktop (German, Word HTML): umlauts, table with cell backgrounds, red text, no Office markup', () => {
    const { html } = composeEmailDescription(loadEmailFixture('outlook-desktop-de'), {
      locale: 'de',
      trimQuotedHistory: true,
    });
    const doc = parse(html);
    expect(doc.body.textContent).toContain('„Umzug Rechenzentrum München“');
    expect(doc.querySelector('td')?.getAttribute('style')).toContain('background:#D9E2F3');
    expect([...doc.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual([
      'Meilenstein',
      'Termin',
      'Abbau Altsysteme',
      '12.12.2026',
    ]);
    expect(doc.querySelector('span[style="color:#C00000"]')?.textContent).toBe('Wartungsfenster');
    expect(html).not.toMatch(/<o:p|mso-|MsoNormal|<style|font-face/);
    expect(doc.body.textContent).toContain('[eingebettetes Bild: image001.png]');
    expect(doc.querySelector('p')?.textContent).toMatch(
      /^Von: Peter Müller .+An: Ayşe Öztürk .+Datum: .+Betreff: AW: Umzug/s,
    );
  });

  it('Gmail: table, ordered list, tel: link, Japanese text, remote image as a link instead of loading it', () => {
    const result = composeEmailDescription(loadEmailFixture('gmail-reply'), { locale: 'en', trimQuotedHistory: true });
    const doc = parse(result.html);
    expect([...doc.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual([
      'Review the dashboard',
      'Call +49 89 123456',
      '日本チームと共有する (share with the Tokyo team)',
    ]);
    expect(doc.querySelector('a[href^="tel:"]')?.getAttribute('href')).toBe('tel:+4989123456');
    expect(doc.querySelectorAll('table td')).toHaveLength(6);
    expect(doc.querySelector('td[style*="color:rgb(255,0,0)"]')?.textContent).toBe('71');
    expect(doc.querySelector('img')).toBeNull();
    const imageLink = doc.querySelector('a[href="https://ci3.googleusercontent.com/meips/ADKq_Nb/chart.png"]');
    expect(imageLink?.textContent).toBe('[external image: October chart]');
    expect(result.images).toMatchObject({ remoteReplacedByLink: 1, trackingRemoved: 0 });
  });

  it('Apple Mail: underline, coloured list item, Arabic text', () => {
    const { html } = composeEmailDescription(loadEmailFixture('apple-mail-reply'), {
      locale: 'de',
      trimQuotedHistory: true,
    });
    const doc = parse(html);
    expect(doc.querySelector('u')?.textContent).toBe('Kick-off');
    expect(doc.querySelector('li[style]')?.getAttribute('style')).toBe('color:rgb(0, 0, 255)');
    expect(doc.body.textContent).toContain('مرحبا — Grüße an das Team in Kairo');
  });

  it('newsletter: tracking pixels and hidden preheader removed, remote images become links, title not shown', () => {
    const result = composeEmailDescription(loadEmailFixture('newsletter-tracking'), {
      locale: 'en',
      trimQuotedHistory: true,
    });
    expect(result.images).toEqual({ embedded: 0, replacedByNote: 1, remoteReplacedByLink: 1, trackingRemoved: 2 });
    expect(result.hiddenElementsRemoved).toBe(1);
    const doc = parse(result.html);
    expect(doc.body.textContent).not.toContain('Preheader');
    expect(result.html).not.toContain('t.example.com');
    expect(doc.querySelector('h1')?.textContent).toBe('Release 11.4 is out');
    expect(doc.querySelector('a[href="https://news.example.com/r/hero"]')?.textContent).toBe(
      '[external image: Release hero]',
    );
    expect(doc.querySelector('a[href="https://news.example.com/img/logo.png"]')?.textContent).toBe(
      '[external image: logo.png]',
    );
    expect(text(result.html)).not.toContain('Weekly update</');
    expect(doc.querySelectorAll('p > a > a')).toHaveLength(0);
  });
});

describe('quoted reply history', () => {
  const cases: [string, string, string][] = [
    ['outlook-web-reply', 'please prepare the', 'what is still missing for the launch?'],
    ['outlook-desktop-de', 'Mit freundlichen Grüßen', 'können Sie mir bitte den aktuellen Plan schicken?'],
    ['gmail-reply', 'numbers for October', 'Can you send the October numbers?'],
    ['apple-mail-reply', 'Viele Grüße', 'Wann ist das Kick-off?'],
    ['plain-text-reply', 'the server migration is planned', 'When is the migration?'],
  ];

  it.each(cases)('%s: trimmed when asked', (id, kept, quoted) => {
    const result = composeEmailDescription(loadEmailFixture(id), { locale: 'en', trimQuotedHistory: true });
    expect(result).toMatchObject({ quotedHistoryFound: true, removedQuotedHistory: true });
    expect(text(result.html)).toContain(kept);
    expect(text(result.html)).not.toContain(quoted);
    expect(result.html).not.toMatch(/<blockquote/);
  });

  it.each(cases)('%s: kept inside a blockquote at the end otherwise', (id, kept, quoted) => {
    const result = composeEmailDescription(loadEmailFixture(id), { locale: 'en', trimQuotedHistory: false });
    expect(result).toMatchObject({ quotedHistoryFound: true, removedQuotedHistory: false });
    const doc = parse(result.html);
    expect(text(result.html)).toContain(kept);
    const quotes = [...doc.querySelectorAll('body > blockquote, body > div > blockquote')];
    expect(quotes.some((q) => (q.textContent ?? '').replace(/\s+/g, ' ').includes(quoted))).toBe(true);
    const keptText = doc.body.textContent?.indexOf(kept) ?? -1;
    expect(keptText).toBeGreaterThan(-1);
    expect(keptText).toBeLessThan(doc.body.textContent?.indexOf(quoted) ?? -1);
  });

  it('a pure forward (nothing above the history) keeps everything: the history is the content', () => {
    const result = composeEmailDescription(
      {
        subject: 'FW: Offer',
        bodyHtml:
          '<div id="divRplyFwdMsg"><b>From:</b> Supplier<br><b>Sent:</b> Monday</div><div>The offer is attached.</div>',
      },
      { locale: 'en', trimQuotedHistory: true },
    );
    expect(result.removedQuotedHistory).toBe(false);
    expect(text(result.html)).toContain('The offer is attached.');
  });

  it('a German "Ursprüngliche Nachricht" separator in HTML is recognised', () => {
    const result = composeEmailDescription(
      {
        subject: 'AW: Termin',
        bodyHtml:
          '<p>Passt, danke!</p><p>-----Ursprüngliche Nachricht-----<br>Von: A<br>Gesendet: Montag</p><p>Geht Dienstag?</p>',
      },
      { locale: 'de', trimQuotedHistory: true },
    );
    expect(result.removedQuotedHistory).toBe(true);
    expect(text(result.html)).toContain('Passt, danke!');
    expect(text(result.html)).not.toContain('Geht Dienstag?');
  });

  it('a mail without history reports none', () => {
    const result = composeEmailDescription(
      { subject: 's', bodyHtml: '<p>Just this.</p>' },
      { locale: 'en', trimQuotedHistory: true },
    );
    expect(result).toMatchObject({ quotedHistoryFound: false, removedQuotedHistory: false });
  });
});

describe('inline cid: images', () => {
  const mail = (dataUrl?: string, contentType = 'image/png'): EmailForDescription => ({
    subject: 'Logo',
    bodyHtml: '<p>Our logo: <img src="cid:logo@01D" alt="logo"></p>',
    attachments: [{ name: 'logo.png', contentId: '<logo@01D>', contentType, isInline: true, dataUrl }],
  });

  it('are embedded when the caller supplies small PNG bytes', () => {
    const result = composeEmailDescription(mail(PNG_1x1), { locale: 'en', trimQuotedHistory: true });
    expect(parse(result.html).querySelector('img')?.getAttribute('src')).toBe(PNG_1x1);
    expect(result.images.embedded).toBe(1);
    expect(result.html).not.toContain('cid:');
  });

  it('become a note when no bytes are supplied, when too large, or when not an allowed image type', () => {
    const big = `data:image/png;base64,${'A'.repeat(5000)}`;
    for (const [input, options] of [
      [mail(undefined), {}],
      [mail(big), { maxInlineImageChars: 1000 }],
      [mail('data:image/svg+xml;base64,PHN2Zz4=', 'image/svg+xml'), {}],
      [mail('data:text/html;base64,PHNjcmlwdD4=', 'image/png'), {}],
    ] as const) {
      const result = composeEmailDescription(input, { locale: 'en', trimQuotedHistory: true, ...options });
      expect(parse(result.html).querySelector('img')).toBeNull();
      expect(text(result.html)).toContain('Our logo: [inline image: logo.png]');
      expect(result.html).not.toContain('cid:');
    }
  });

  it('are matched by file name when the content id is unknown (Outlook image001.png@…), note in German', () => {
    const result = composeEmailDescription(
      {
        subject: 's',
        bodyHtml: '<img src="cid:image001.png@01DB1C2A.5E3F4A10">',
        attachments: [{ name: 'image001.png', isInline: true }],
      },
      { locale: 'de', trimQuotedHistory: true },
    );
    expect(text(result.html)).toContain('[eingebettetes Bild: image001.png]');
  });

  it('non-inline attachments are listed in the header, inline ones are not', () => {
    const result = composeEmailDescription(
      {
        subject: 's',
        bodyText: 'see attached',
        attachments: [
          { name: 'Plan.pdf', isInline: false },
          { name: 'image001.png', isInline: true },
        ],
      },
      { locale: 'de', trimQuotedHistory: true },
    );
    expect(text(result.html)).toContain('Anhänge: Plan.pdf');
    expect(text(result.html)).not.toContain('image001.png');
  });
});

describe('plain-text emails', () => {
  it('are escaped, split into paragraphs and line breaks, with clickable links', () => {
    const result = composeEmailDescription(
      {
        subject: 's',
        bodyText: 'Hello <b>team</b> & co,\r\nline two www.example.com/a.\n\n\nSecond paragraph: mail x.y@example.com.',
      },
      { locale: 'en', trimQuotedHistory: true },
    );
    const doc = parse(result.html);
    const paragraphs = [...doc.querySelectorAll('hr ~ p')];
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]?.innerHTML).toBe(
      'Hello &lt;b&gt;team&lt;/b&gt; &amp; co,<br>line two <a href="https://www.example.com/a" target="_blank" rel="noopener noreferrer nofollow">www.example.com/a</a>.',
    );
    expect(paragraphs[1]?.querySelector('a')?.getAttribute('href')).toBe('mailto:x.y@example.com');
  });

  it('are used when the HTML body is empty', () => {
    const result = composeEmailDescription(
      { subject: 's', bodyHtml: '<html><body><p> </p></body></html>', bodyText: 'fallback' },
      { locale: 'en', trimQuotedHistory: true },
    );
    expect(text(result.html)).toContain('fallback');
  });

  it('quoted "> " lines after an attribution are trimmed', () => {
    const result = composeEmailDescription(
      {
        subject: 's',
        bodyText: 'Yes, fine.\n\nOn Mon, 16 Nov 2026 at 10:00, Bob <bob@example.com> wrote:\n> Is Tuesday ok?\n> Bob',
      },
      { locale: 'en', trimQuotedHistory: true },
    );
    expect(text(result.html)).toContain('Yes, fine.');
    expect(text(result.html)).not.toContain('Tuesday');
  });
});

describe('header block', () => {
  it('escapes sender, recipients and subject and localizes labels and date', () => {
    const result = composeEmailDescription(
      {
        subject: '<script>alert(1)</script> Angebot',
        from: { displayName: 'Jürgen "JB" <Boss>', emailAddress: 'jb@example.com' },
        to: ['a@example.com', { displayName: '山田 太郎', emailAddress: 'taro@example.jp' }],
        cc: ['c@example.com'],
        date: '2026-11-20T08:45:00Z',
      },
      { locale: 'de', trimQuotedHistory: true, timeZone: 'Europe/Berlin' },
    );
    const header = parse(result.html).querySelector('p')?.textContent ?? '';
    expect(header).toContain('Von: Jürgen "JB" <Boss> <jb@example.com>');
    expect(header).toContain('An: a@example.com; 山田 太郎 <taro@example.jp>');
    expect(header).toContain('Cc: c@example.com');
    expect(header).toContain('Datum: Freitag, 20. November 2026 um 09:45 MEZ');
    expect(header).toContain('Betreff: <script>alert(1)</script> Angebot');
    expect(findActiveContent(result.html)).toEqual([]);
  });

  it('uses a placeholder for a missing subject and skips an invalid date', () => {
    const result = composeEmailDescription(
      { subject: '  ', date: 'not a date', bodyText: 'x' },
      { locale: 'en', trimQuotedHistory: true },
    );
    const header = parse(result.html).querySelector('p')?.textContent ?? '';
    expect(header).toBe('Subject: (no subject)');
  });
});

describe('length cap', () => {
  const longBody = (unit: string, times: number) =>
    `<p>Intro</p><table><tr><td>${unit.repeat(times)}</td></tr></table><p>Tail</p>`;

  it('caps the output HTML in bytes with a localized note, well-formed and never cut inside a tag', () => {
    for (const locale of ['en', 'de'] as const) {
      const result = composeEmailDescription(
        { subject: 's', bodyHtml: longBody('<b>bold &amp; more</b> text ', 20_000) },
        { locale, trimQuotedHistory: true },
      );
      expect(result.truncated).toBe(true);
      expect(result.byteLength).toBeLessThanOrEqual(256 * 1024);
      expect(result.byteLength).toBeGreaterThan(250 * 1024);
      expect(byteLength(result.html)).toBe(result.byteLength);
      expect(result.html).toMatch(
        locale === 'en'
          ? /<p><em>… the email was shortened[^<]*<\/em><\/p>$/
          : /<p><em>… die E-Mail wurde gekürzt[^<]*<\/em><\/p>$/,
      );
      expect(sanitizeRichText(result.html)).toBe(result.html);
      expect(result.html).not.toContain('Tail');
      expect(result.html).toMatch(/<\/td><\/tr><\/tbody><\/table><p><em>/);
    }
  });

  it('respects a configured maxLength and does not split multi-byte characters or entities', () => {
    const result = composeEmailDescription(
      { subject: 's', bodyText: 'Grüße 日本語 😀 & < > '.repeat(2000) },
      { locale: 'en', trimQuotedHistory: true, maxLength: 10_000 },
    );
    expect(result.truncated).toBe(true);
    expect(result.byteLength).toBeLessThanOrEqual(10_000);
    expect(result.html).not.toContain('\uFFFD');
    expect(result.html).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
    expect(parse(result.html).body.textContent).toContain('Grüße 日本語 😀 & < >');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(result.html)).toBe(false);
  });

  it('leaves short mails untouched', () => {
    const result = composeEmailDescription(
      { subject: 's', bodyText: 'short' },
      { locale: 'en', trimQuotedHistory: true, maxLength: 10_000 },
    );
    expect(result.truncated).toBe(false);
    expect(result.html).not.toContain('shortened');
  });

  it('keeps embedded images from crowding out the text: beyond half the budget they become notes', () => {
    const image = `data:image/png;base64,${'A'.repeat(3000)}`;
    const bodyHtml = Array.from({ length: 6 }, (_, i) => `<p>img ${i}<img src="${image}" alt="pic${i}"></p>`).join('');
    const result = composeEmailDescription(
      { subject: 's', bodyHtml },
      { locale: 'en', trimQuotedHistory: true, maxLength: 16_000 },
    );
    expect(result.images.embedded).toBe(2);
    expect(result.images.replacedByNote).toBe(4);
    expect(result.truncated).toBe(false);
    expect(text(result.html)).toContain('img 5[inline image: pic5]');
  });
});

describe('quoted history detection is not fooled by ordinary text', () => {
  it('keeps a paragraph that merely starts with "From:" and mentions a date', () => {
    const result = composeEmailDescription(
      {
        subject: 's',
        bodyHtml: '<p>Hello,</p><p>From: the marketing team. Date: to be confirmed.</p><p>Agenda follows.</p>',
      },
      { locale: 'en', trimQuotedHistory: true },
    );
    expect(result.quotedHistoryFound).toBe(false);
    expect(text(result.html)).toContain('Agenda follows.');
  });
});

describe('bad input from a client', () => {
  it('drops values of the wrong type instead of failing', () => {
    const input = {
      subject: 42,
      from: { displayName: 'X' },
      to: ['ok@example.com', null, 7, { emailAddress: 'b@example.com', displayName: ['x'] }],
      cc: 'not-a-list',
      date: { not: 'a date' },
      bodyHtml: ['<p>x</p>'],
      bodyText: 'the text',
      attachments: [null, { name: 5 }, { name: 'Plan.pdf', isInline: 'yes' }],
    } as unknown as EmailForDescription;
    const result = composeEmailDescription(input, { locale: 'en', trimQuotedHistory: true, timeZone: 'Not/AZone' });
    const header = parse(result.html).querySelector('p')?.textContent ?? '';
    expect(header).toBe(
      'To: ok@example.com; b@example.com\nSubject: (no subject)\nAttachments: Plan.pdf'.replace(/\n/g, ''),
    );
    expect(text(result.html)).toContain('the text');
  });

  it('falls back to UTC for an unknown time zone', () => {
    const result = composeEmailDescription(
      { subject: 's', date: '2026-11-20T08:45:00Z', bodyText: 'x' },
      { locale: 'en', trimQuotedHistory: true, timeZone: 'Not/AZone' },
    );
    expect(text(result.html)).toContain('Date: Friday, November 20, 2026 at 08:45 AM UTC');
  });
});
