/**
 * The allow-list that makes HTML safe to store as an InLoox DescriptionHTML and to show in our own pages.
 * Everything not listed here is dropped: tags (their text is kept, except for the ones in DROP_WITH_CONTENT),
 * attributes, CSS properties, URL schemes. This is the one security boundary; the DOM pre-processing in
 * the other modules only shapes content (quoted history, images) and is never relied on for safety.
 */

export const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'small',
  'big', 'font', 'mark', 'abbr', 'cite', 'q', 'address', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'code', 'kbd', 'samp', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td',
  'th', 'caption', 'colgroup', 'col', 'a', 'img', 'figure', 'figcaption',
]; // prettier-ignore

/** Disallowed tags whose content is not readable text (or must not become text): removed with everything inside. */
export const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'title', 'xmp', 'iframe', 'frame', 'frameset',
  'noembed', 'noframes', 'plaintext', 'template', 'object', 'applet', 'embed', 'svg', 'math', 'head', 'button',
  'canvas', 'audio', 'video', 'map',
]; // prettier-ignore

export const LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'];

export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const DATA_IMAGE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** A data: URL is embeddable only as base64 PNG/JPEG/GIF/WebP no longer than maxChars (the URL's own length). */
export function isSafeDataImage(src: string, maxChars: number): boolean {
  const compact = src.replace(/\s+/g, '');
  return compact.length <= maxChars && DATA_IMAGE.test(compact);
}

/** Strips what browsers ignore inside URLs (controls, whitespace) so a scheme can't hide behind them. */
export function normalizeUrl(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]+/g, '');
}

/** An absolute http(s)/mailto/tel URL, or undefined (relative links would point into the page showing the task). */
export function safeLinkHref(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const url = normalizeUrl(raw);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !LINK_SCHEMES.includes(scheme)) return undefined;
  if ((scheme === 'http' || scheme === 'https') && !/^https?:\/\/[^/\\]/i.test(url)) return undefined;
  return url;
}

// CSS values: words, numbers, units, colours, quoted font names and rgb()/hsl() colours. No other function
// (so no url(), expression(), var(), calc(), image-set()), no backslash escapes, no comments, no "@" or ";".
const CSS_FUNCTION = String.raw`(?:rgba?|hsla?)\([\d\s.,%/]*\)`;
const SAFE_VALUE = new RegExp(String.raw`^(?:[\p{L}\p{N}_\s#%.,'"+-]|${CSS_FUNCTION})*$`, 'iu');
const NON_NEGATIVE = new RegExp(String.raw`^(?:[\p{L}\p{N}_\s#%.,'"+]|${CSS_FUNCTION})*$`, 'iu');
const KEYWORD = (...words: string[]) => new RegExp(`^\\s*(?:${words.join('|')})\\s*$`, 'i');

const safe = [SAFE_VALUE];
const nonNegative = [NON_NEGATIVE];

/** CSS properties that format text and tables. Nothing that positions, hides, overlays, layers or loads. */
export const ALLOWED_STYLES: Record<string, RegExp[]> = {
  color: safe,
  'background-color': safe,
  background: [new RegExp(String.raw`^\s*(?:#[0-9a-f]{3,8}|[a-z]+|${CSS_FUNCTION})\s*$`, 'i')],
  'font-family': safe,
  'font-size': nonNegative,
  'font-weight': safe,
  'font-style': safe,
  'font-variant': safe,
  'text-decoration': safe,
  'text-decoration-line': safe,
  'text-align': safe,
  'text-indent': safe,
  'text-transform': safe,
  'vertical-align': safe,
  'line-height': nonNegative,
  'letter-spacing': safe,
  'word-spacing': safe,
  'white-space': safe,
  'word-break': safe,
  'overflow-wrap': safe,
  'word-wrap': safe,
  direction: safe,
  'unicode-bidi': [KEYWORD('normal', 'embed', 'isolate', 'plaintext')],
  display: [KEYWORD('block', 'inline', 'inline-block', 'list-item', 'table', 'table-row', 'table-cell', 'table-row-group', 'table-header-group', 'table-footer-group')], // prettier-ignore
  'list-style-type': safe,
  'list-style': [KEYWORD('none', 'disc', 'circle', 'square', 'decimal', 'lower-alpha', 'upper-alpha', 'lower-roman', 'upper-roman')], // prettier-ignore
  margin: nonNegative,
  'margin-top': nonNegative,
  'margin-right': nonNegative,
  'margin-bottom': nonNegative,
  'margin-left': nonNegative,
  padding: nonNegative,
  'padding-top': nonNegative,
  'padding-right': nonNegative,
  'padding-bottom': nonNegative,
  'padding-left': nonNegative,
  border: safe,
  'border-top': safe,
  'border-right': safe,
  'border-bottom': safe,
  'border-left': safe,
  'border-color': safe,
  'border-style': safe,
  'border-width': nonNegative,
  'border-radius': nonNegative,
  'border-collapse': safe,
  'border-spacing': nonNegative,
  width: nonNegative,
  'min-width': nonNegative,
  'max-width': nonNegative,
  height: nonNegative,
  'min-height': nonNegative,
  'table-layout': safe,
};

/**
 * Keeps only allow-listed declarations whose value passes its pattern, re-serialized as "prop:value;…". Anything
 * the simple split can misread (comments, escapes, braces, unknown properties) fails the allow-list and is dropped,
 * so no CSS parser is needed (which also keeps the browser bundle small and long mails fast).
 */
export function filterStyle(style: string): string {
  const kept: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon <= 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .trim()
      .replace(/\s*!\s*important$/i, '');
    if (!value || !Object.hasOwn(ALLOWED_STYLES, property)) continue;
    if (ALLOWED_STYLES[property]!.some((pattern) => pattern.test(value))) kept.push(`${property}:${value}`);
  }
  return kept.join(';');
}

const CELL_ATTRIBUTES = ['colspan', 'rowspan', 'align', 'valign', 'width', 'height', 'bgcolor', 'nowrap', 'scope'];

export const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['style', 'dir', 'lang', 'title'],
  a: ['href', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height'],
  font: ['color', 'face', 'size'],
  table: ['border', 'cellpadding', 'cellspacing', 'width', 'align', 'bgcolor'],
  td: CELL_ATTRIBUTES,
  th: CELL_ATTRIBUTES,
  tr: ['align', 'valign', 'bgcolor'],
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  ol: ['start', 'type', 'reversed'],
  ul: ['type'],
  li: ['value'],
  p: ['align'],
  div: ['align'],
  h1: ['align'],
  h2: ['align'],
  h3: ['align'],
  h4: ['align'],
  h5: ['align'],
  h6: ['align'],
};
