/** How the allow-list writes elements it keeps, renames or unwraps, and their attributes, to exact markup. */
import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from '../../shared/sanitize';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('elements', () => {
  it('writes <center> as a centred div, keeping its other attributes and replacing its style', () => {
    expect(sanitizeRichText('<center title="Hinweis" align="left" style="color:red">Mitte</center>')).toBe(
      '<div title="Hinweis" align="left" style="text-align:center">Mitte</div>',
    );
  });

  it('writes unlisted block elements as a div with the attributes a div may have', () => {
    expect(sanitizeRichText('<section align="center" onclick="x()">Block</section>')).toBe(
      '<div align="center">Block</div>',
    );
  });

  it('keeps only the text of unlisted inline elements', () => {
    expect(sanitizeRichText('<p>a <label>b</label> <custom-tag>c</custom-tag></p>')).toBe('<p>a b c</p>');
  });

  it('keeps a blank first line of <pre>, which the parser would otherwise swallow', () => {
    const once = sanitizeRichText('<pre>\n\nfirst</pre>');
    expect(once).toBe('<pre>\n\nfirst</pre>');
    expect(sanitizeRichText(once)).toBe(once);
    expect(sanitizeRichText('<pre>first\n</pre>')).toBe('<pre>first\n</pre>');
  });
});

describe('attributes', () => {
  it('leaves out a style attribute that has nothing allowed left in it', () => {
    expect(sanitizeRichText('<p style="position:fixed; top:0" title="t">x</p>')).toBe('<p title="t">x</p>');
  });

  it('escapes quotes in attribute values', () => {
    expect(sanitizeRichText('<p title=\'say "hi"\'>x</p>')).toBe('<p title="say &quot;hi&quot;">x</p>');
  });

  it('keeps title and style on links, and sets target and rel itself', () => {
    expect(
      sanitizeRichText(
        '<a href="https://example.com" title="Site" style="color:red" target="_self" rel="opener">x</a>',
      ),
    ).toBe(
      '<a title="Site" style="color:red" href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it('writes an inline image whose base64 the mail client wrapped over lines without the line breaks', () => {
    const wrapped = `${PNG.slice(0, 50)}\r\n ${PNG.slice(50)}`;
    expect(sanitizeRichText(`<img alt="Logo" src="${wrapped}">`)).toBe(`<img alt="Logo" src="${PNG}" />`);
  });
});
