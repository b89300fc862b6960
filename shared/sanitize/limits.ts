import { AppError } from '../errors/app-error';
import type { HtmlSubject } from '../errors/messages';

/**
 * How much HTML one request may make the sanitizer work on. Real mails stay far below: Gmail clips messages
 * above 102 KB of HTML, newsletters aim below that, and an Outlook desktop thread of 30 to 40 replies is
 * 400 to 500 KB of markup. Embedded images (data: URLs) are counted apart, because their size says nothing
 * about parsing work and a pasted screenshot alone can be several hundred KB.
 */
export const MAX_MARKUP_CHARS = 512 * 1024;

/**
 * Deepest element nesting accepted, as a browser's parser builds the tree. Chromium's parser stops nesting at
 * 512 levels too; long Gmail reply chains (4 to 5 levels per quoted reply) stay well below.
 */
export const MAX_NESTING_DEPTH = 512;

const DATA_IMAGE_URL = /data:image\/[a-z0-9.+-]+;base64,[a-z0-9+/=\s]*/gi;

/** Characters of markup, i.e. the HTML without the payload of embedded data: images. */
export function markupLength(html: string): number {
  let images = 0;
  for (const match of html.matchAll(DATA_IMAGE_URL)) images += match[0].length;
  return html.length - images;
}

export type HtmlSource = HtmlSubject;

export type HtmlLimitCode = 'too_large' | 'too_complex' | 'busy';

/**
 * HTML the product refuses to sanitize: too much of it, too deep or too slow, or no capacity left right now.
 * Its words are in the shared error catalogue.
 */
export class HtmlLimitError extends AppError {
  declare readonly code: HtmlLimitCode;
  readonly source: HtmlSource;
  constructor(code: HtmlLimitCode, source: HtmlSource = 'email') {
    super(code, {
      subject: source,
      detail: `HTML ${code.replace('_', ' ')}`,
      ...(code === 'busy' ? { retryAfterSeconds: 5 } : {}),
    });
    this.name = 'HtmlLimitError';
    this.source = source;
  }
}

export function isHtmlLimitError(error: unknown): error is HtmlLimitError {
  return error instanceof HtmlLimitError;
}
