/**
 * HTML sanitizing for everything that ends up in an InLoox description or one of our pages.
 * Pure: runs in Node and bundles for the browser with esbuild (platform "browser").
 */
export {
  composeEmailDescription,
  DEFAULT_DESCRIPTION_MAX_BYTES,
  storedDescription,
  type ComposeOptions,
  type ComposedDescription,
  type EmailForDescription,
  type MailAddress,
} from './email-description';
export type { EmailAttachment, ImageStats } from './images-and-hidden';
export {
  HtmlLimitError,
  isHtmlLimitError,
  markupLength,
  MAX_MARKUP_CHARS,
  MAX_NESTING_DEPTH,
  type HtmlLimitCode,
  type HtmlSource,
} from './limits';
export { capText, htmlToPlainText, plainTextToHtml } from './plain-text';
export { isSafeDataImage, safeLinkHref } from './policy';
export {
  DEFAULT_MAX_INLINE_IMAGE_CHARS,
  sanitizeEmailHtml,
  sanitizeRichText,
  type EmailHtmlOptions,
  type SanitizedEmailHtml,
} from './sanitize-email-html';
export { sanitizeTeamsMessageHtml } from './teams-message';
export { byteLength, truncateHtml } from './truncate';
