/** The sanitizer's policy rules for links, inline images and inline styles, each at its edge. */
import { describe, expect, it } from 'vitest';
import { isSafeDataImage, safeLinkHref, sanitizeRichText } from '../../shared/sanitize';
import { filterStyle } from '../../shared/sanitize/policy';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('links', () => {
  it('keeps absolute http and https links with a host, in any case', () => {
    expect(safeLinkHref('http://example.com/a')).toBe('http://example.com/a');
    expect(safeLinkHref('HTTPS://example.com')).toBe('HTTPS://example.com');
  });

  it.each([
    ['http without slashes', 'http:example.com'],
    ['https without slashes', 'https:example.com'],
    ['http with one slash', 'http:/example.com'],
    ['https with an empty host', 'https:///example.com'],
    ['a backslash instead of the host', 'https:/\\evil.example'],
    ['a host only in the query', 'https:evil.example?next=https://example.com'],
  ])('drops an http(s) link without a host: %s', (_label, href) => {
    expect(safeLinkHref(href)).toBeUndefined();
  });

  it('reads a link as a browser would, without the blanks and invisible characters around and inside it', () => {
    expect(safeLinkHref(' https://exam\u200bple.com/a\n')).toBe('https://example.com/a');
    expect(safeLinkHref('ht\ttp://example.com')).toBe('http://example.com');
  });

  it('drops a relative link even when a scheme appears further inside it', () => {
    expect(safeLinkHref('/contact?via=mailto:someone@example.com')).toBeUndefined();
  });

  it('turns an anchor without an href into its text', () => {
    expect(sanitizeRichText('<p><a name="top" title="Top">Back to top</a></p>')).toBe(
      '<p><span title="Top">Back to top</span></p>',
    );
  });
});

describe('inline images', () => {
  it('reads base64 wrapped over lines as the mail client sent it', () => {
    const wrapped = `${PNG.slice(0, 40)}\r\n ${PNG.slice(40, 80)}\n\t${PNG.slice(80)}`;
    expect(isSafeDataImage(wrapped, PNG.length)).toBe(true);
  });

  it('takes a data: URL of exactly the maximum length, not one character more', () => {
    expect(isSafeDataImage(PNG, PNG.length)).toBe(true);
    expect(isSafeDataImage(PNG, PNG.length - 1)).toBe(false);
  });
});

describe('inline styles', () => {
  it('drops a declaration without a colon, even one that starts with a property name', () => {
    expect(filterStyle('width1; color: red')).toBe('color:red');
    expect(filterStyle('colorX')).toBe('');
  });

  it('drops "!important" however it is spaced, and only at the end of the value', () => {
    expect(filterStyle('color: red!important')).toBe('color:red');
    expect(filterStyle('color: red ! important')).toBe('color:red');
    expect(filterStyle('color: red !IMPORTANT')).toBe('color:red');
    expect(filterStyle('color: red !important green')).toBe('');
  });
});
