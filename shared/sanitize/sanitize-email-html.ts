import type { Locale } from '../i18n';
import { sanitizeNodes } from './allow-list';
import { contentRoot, parseHtml } from './dom';
import { removeHiddenElements, resolveImages, type EmailAttachment, type ImageStats } from './images-and-hidden';
import { handleQuotedHistory } from './quoted-history';

/** Longest data: URL kept for one embedded image (≈ 96 KB of image bytes). */
export const DEFAULT_MAX_INLINE_IMAGE_CHARS = 128 * 1024;

/**
 * The allow-list pass alone (see policy.ts): the security boundary every path goes through. Idempotent:
 * sanitizing its output again gives the same HTML.
 */
export function sanitizeRichText(html: string, maxInlineImageChars = DEFAULT_MAX_INLINE_IMAGE_CHARS): string {
  return sanitizeNodes(contentRoot(parseHtml(html)).children, { maxInlineImageChars });
}

export interface EmailHtmlOptions {
  locale: Locale;
  /** true: cut the quoted reply history; false: keep it, collapsed into one blockquote at the end. */
  trimQuotedHistory: boolean;
  attachments?: EmailAttachment[];
  maxInlineImageChars?: number;
  /** All embedded images together (characters of their data: URLs). */
  inlineImageBudgetChars?: number;
}

export interface SanitizedEmailHtml {
  html: string;
  quotedHistoryFound: boolean;
  removedQuotedHistory: boolean;
  hiddenElementsRemoved: number;
  images: ImageStats;
}

/** An email's HTML body as safe description HTML: content of <body> only, history handled, images resolved. */
export function sanitizeEmailHtml(html: string, options: EmailHtmlOptions): SanitizedEmailHtml {
  const maxInlineImageChars = options.maxInlineImageChars ?? DEFAULT_MAX_INLINE_IMAGE_CHARS;
  const root = contentRoot(parseHtml(html));
  const history = handleQuotedHistory(root, options.trimQuotedHistory);
  const hiddenElementsRemoved = removeHiddenElements(root);
  const images = resolveImages(root, {
    locale: options.locale,
    attachments: options.attachments ?? [],
    maxInlineImageChars,
    inlineImageBudgetChars: options.inlineImageBudgetChars ?? maxInlineImageChars * 4,
  });
  return {
    html: sanitizeNodes(root.children, { maxInlineImageChars }).trim(),
    quotedHistoryFound: history.found,
    removedQuotedHistory: history.removed,
    hiddenElementsRemoved,
    images,
  };
}
