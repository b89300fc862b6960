import type { Locale, Localized } from '../i18n';

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

export type HtmlSource = 'email' | 'message' | 'description';

export type HtmlLimitCode = 'too_large' | 'too_complex' | 'busy';

const SOURCE: Record<HtmlSource, Localized> = {
  email: { en: 'The email', de: 'Die E-Mail' },
  message: { en: 'The message', de: 'Die Nachricht' },
  description: { en: 'The description', de: 'Die Beschreibung' },
};

const TEXT: Record<HtmlLimitCode, Localized> = {
  too_large: {
    en: 'is too large to process because it has more than 512 KB of text and formatting (images not counted). Please use a shorter part of it.',
    de: 'ist zu groß zum Verarbeiten, weil sie mehr als 512 KB Text und Formatierung enthält (Bilder nicht mitgezählt). Bitte verwenden Sie einen kürzeren Teil davon.',
  },
  too_complex: {
    en: 'is too complex to process because its formatting is nested too deeply or takes too long to read. Please use a shorter part of it or a plain-text copy.',
    de: 'ist zu komplex zum Verarbeiten, weil die Formatierung zu tief verschachtelt ist oder zu lange zum Lesen braucht. Bitte verwenden Sie einen kürzeren Teil davon oder eine Nur-Text-Kopie.',
  },
  busy: {
    en: 'cannot be processed right now because the server is busy. Please try again in a moment.',
    de: 'kann gerade nicht verarbeitet werden, weil der Server ausgelastet ist. Bitte versuchen Sie es gleich noch einmal.',
  },
};

/** HTML the product refuses to sanitize: too much of it, too deep or too slow, or no capacity left right now. */
export class HtmlLimitError extends Error {
  readonly code: HtmlLimitCode;
  readonly source: HtmlSource;
  constructor(code: HtmlLimitCode, source: HtmlSource = 'email') {
    super(`HTML ${code.replace('_', ' ')}`);
    this.name = 'HtmlLimitError';
    this.code = code;
    this.source = source;
  }

  userMessage(locale: Locale): string {
    return `${SOURCE[this.source][locale]} ${TEXT[this.code][locale]}`;
  }
}

export function isHtmlLimitError(error: unknown): error is HtmlLimitError {
  return error instanceof HtmlLimitError;
}
