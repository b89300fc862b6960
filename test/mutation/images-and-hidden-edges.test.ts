/**
 * The hidden-content and image rules at their edges: how values are written (leading zeros, "!important",
 * wrapped base64), which attachment a cid: image means when there are several, and what an image note says.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml, type EmailAttachment } from '../../shared/sanitize';
import type { EmailHtmlOptions } from '../../shared/sanitize/sanitize-email-html';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const wrap = (dataUrl: string) => `${dataUrl.slice(0, 30)}\r\n ${dataUrl.slice(30, 60)}\n\t${dataUrl.slice(60)}`;

function sanitize(html: string, options: Partial<EmailHtmlOptions> = {}) {
  return sanitizeEmailHtml(html, { locale: 'en', trimQuotedHistory: false, ...options });
}

describe('hidden content, however the value is written', () => {
  it.each([
    ['mso-hide: all !important', '<div style="mso-hide: all !important">secret</div>'],
    ['opacity: 0.00', '<span style="opacity:0.00">secret</span>'],
    ['font-size: 00px', '<span style="font-size:00px">secret</span>'],
    ['font-size: 0.00em', '<span style="font-size:0.00em">secret</span>'],
    ['max-height: 00 with overflow hidden', '<div style="max-height:00;overflow:hidden">secret</div>'],
    ['max-height: 0 !important with overflow hidden', '<div style="max-height:0 !important;overflow:hidden">x</div>'],
  ])('removes text hidden by %s', (_rule, html) => {
    const result = sanitize(`${html}<p>shown</p>`);
    expect(result.html).toBe('<p>shown</p>');
    expect(result.hiddenElementsRemoved).toBe(1);
  });

  it('keeps text whose visibility value a browser would ignore', () => {
    expect(sanitize('<span style="visibility:nothidden">kept</span>').html).toBe('<span>kept</span>');
  });
});

describe('tracking pixels', () => {
  it.each([
    ['a style width of 1px', 'style="width:1px"'],
    ['a fractional size', 'width="1.25" height="1.25"'],
    ['a size with a leading zero', 'width="01"'],
  ])('removes a remote image with %s', (_label, size) => {
    const result = sanitize(`<p>a<img src="https://t.example/p.gif" ${size}>b</p>`);
    expect(result.images.trackingRemoved).toBe(1);
    expect(result.html).toBe('<p>ab</p>');
  });

  it.each([
    ['a size in em', 'style="height:1em"'],
    ['a size that is not a number', 'width="w1"'],
  ])('keeps a remote image with %s as a link note', (_label, size) => {
    expect(sanitize(`<img src="https://cdn.example/logo.png" ${size}>`).images).toMatchObject({
      trackingRemoved: 0,
      remoteReplacedByLink: 1,
    });
  });
});

describe('which attachment a cid: image means', () => {
  const other: EmailAttachment = { name: 'other.png', contentId: '<other@x>', contentType: 'image/png', dataUrl: GIF };
  const logo: EmailAttachment = { name: 'Logo.png', contentType: 'image/png', dataUrl: PNG };

  it('finds the attachment by its content id among several, written with spaces, brackets or escapes', () => {
    const target: EmailAttachment = { ...logo, contentId: ' <Logo@X> ' };
    for (const src of ['cid:logo@x', ' cid:LOGO@x ', 'cid:logo%40x']) {
      expect(sanitize(`<img src="${src}">`, { attachments: [other, target] }).html, src).toBe(
        `<img src="${PNG}" alt="Logo.png" />`,
      );
    }
  });

  it('finds the attachment by its name, or by the local part of the content id, among several', () => {
    for (const src of ['cid:logo.png', 'cid:Logo.png@01DA0000']) {
      expect(sanitize(`<img src="${src}" alt="Firmenlogo">`, { attachments: [other, logo] }).html, src).toBe(
        `<img src="${PNG}" alt="Firmenlogo" />`,
      );
    }
  });

  it('finds an attachment whose name has an "@" in it by the whole name', () => {
    const retina: EmailAttachment = { name: 'Icon@2x.png', contentType: 'image/png', dataUrl: PNG };
    const plain: EmailAttachment = { name: 'icon', contentType: 'image/png', dataUrl: GIF };
    expect(sanitize('<img src="cid:icon@2x.png">', { attachments: [retina, plain] }).html).toBe(
      `<img src="${PNG}" alt="Icon@2x.png" />`,
    );
  });

  it('embeds wrapped attachment bytes without the line breaks, and spends the shared budget on each', () => {
    const attachments: EmailAttachment[] = [
      { ...logo, contentId: 'a', dataUrl: wrap(PNG) },
      { ...logo, name: 'second.png', contentId: 'b' },
    ];
    const result = sanitize('<img src="cid:a"><img src="cid:b">', {
      attachments,
      inlineImageBudgetChars: PNG.length + 10,
    });
    expect(result.html).toBe(`<img src="${PNG}" alt="Logo.png" /><span>[inline image: second.png]</span>`);
    expect(result.images).toMatchObject({ embedded: 1, replacedByNote: 1 });
  });

  it('names an inline image without any name "image"', () => {
    expect(sanitize('<img src="cid:">').html).toBe('<span>[inline image: image]</span>');
  });

  it('does not read a cid: further inside a relative address as an inline image', () => {
    const result = sanitize('<img src="/proxy?u=cid:logo.png">', { attachments: [logo] });
    expect(result.images.embedded).toBe(0);
    expect(result.html).toBe('<span>[external image: image]</span>');
  });
});

describe('data: images', () => {
  it('keeps wrapped base64 as one line, with its other attributes', () => {
    expect(sanitize(`<img alt="Chart" width="20" src="${wrap(PNG)}">`).html).toBe(
      `<img alt="Chart" width="20" src="${PNG}" />`,
    );
  });

  it('reads a data: address with a line break inside its scheme as a browser does', () => {
    expect(sanitize(`<img src="da&#10;ta${PNG.slice(4)}">`).html).toBe(`<img src="${PNG}" />`);
  });

  it('fits an image of exactly the remaining budget', () => {
    expect(sanitize(`<img src="${PNG}">`, { inlineImageBudgetChars: PNG.length }).images.embedded).toBe(1);
  });
});

describe('remote images', () => {
  it('links http and https images, and notes other schemes without a link', () => {
    expect(sanitize('<img src="http://cdn.example/a.png">').html).toBe(
      '<a href="http://cdn.example/a.png" target="_blank" rel="noopener noreferrer nofollow">[external image: a.png]</a>',
    );
    const mail = sanitize('<img src="mailto:someone@example.com">');
    expect(mail.images).toMatchObject({ remoteReplacedByLink: 0, replacedByNote: 1 });
    expect(mail.html).toBe('<span>[external image: image]</span>');
  });

  it('names the note after the last path segment, a folder, or the host, cut at 80 characters', () => {
    const note = (src: string, alt = '') => sanitize(`<img src="${src}" alt="${alt}">`).html.replace(/<[^>]+>/g, '');
    expect(note('https://cdn.example/a/b/logo.png')).toBe('[external image: logo.png]');
    expect(note('https://cdn.example/images/')).toBe('[external image: images]');
    expect(note('https://cdn.example')).toBe('[external image: cdn.example]');
    expect(note(`https://cdn.example/${'n'.repeat(100)}.png`)).toBe(`[external image: ${'n'.repeat(80)}]`);
    expect(note('https://cdn.example/x.png', '   ')).toBe('[external image: x.png]');
  });

  it('names the note after the address itself when its file name is not a valid escape', () => {
    const src = `https://cdn.example/${'p'.repeat(70)}/%E0%A4%A.png`;
    expect(sanitize(`<img src="${src}">`).html.replace(/<[^>]+>/g, '')).toBe(`[external image: ${src.slice(0, 80)}]`);
  });
});
