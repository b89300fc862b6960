import type { Locale } from '../i18n';
import { listedAttachments, type EmailAttachment, type ImageStats } from './images-and-hidden';
import { SANITIZE_TEXT } from './messages';
import { escapeHtml, plainTextToHtml, splitPlainTextHistory } from './plain-text';
import { DEFAULT_MAX_INLINE_IMAGE_CHARS, sanitizeEmailHtml, sanitizeRichText } from './sanitize-email-html';
import { byteLength, truncateHtml } from './truncate';

/** Office.js EmailAddressDetails shape ({ displayName, emailAddress }) or a bare address. */
export type MailAddress = string | { displayName?: string; emailAddress: string };

export interface EmailForDescription {
  subject?: string;
  from?: MailAddress;
  to?: MailAddress[];
  cc?: MailAddress[];
  /** When the mail was sent/received (Date or ISO 8601 string). */
  date?: Date | string;
  /** HTML body (Office.js body.getAsync with CoercionType.Html). Preferred over bodyText when it has content. */
  bodyHtml?: string;
  bodyText?: string;
  attachments?: EmailAttachment[];
  /** Where the email opens in Outlook on the web; only https links to Outlook's own hosts are shown. */
  mailLink?: string;
}

export interface ComposeOptions {
  locale: Locale;
  trimQuotedHistory: boolean;
  /** Cap on the resulting HTML in UTF-8 bytes (default 256 KB). */
  maxLength?: number;
  /** IANA time zone for the date line (default UTC; the add-in passes the person's zone). */
  timeZone?: string;
  maxInlineImageChars?: number;
}

export interface ComposedDescription {
  html: string;
  truncated: boolean;
  quotedHistoryFound: boolean;
  removedQuotedHistory: boolean;
  images: ImageStats;
  hiddenElementsRemoved: number;
  /** UTF-8 size of html. */
  byteLength: number;
}

export const DEFAULT_DESCRIPTION_MAX_BYTES = 256 * 1024;
const MIN_DESCRIPTION_BYTES = 1024;

function addressHtml(address: MailAddress): string {
  const email = typeof address === 'string' ? address.trim() : address.emailAddress.trim();
  const name = typeof address === 'string' ? '' : (address.displayName ?? '').trim();
  const link = /^[^\s@<>"]+@[^\s@<>"]+$/.test(email)
    ? `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>`
    : escapeHtml(email);
  if (!name || name.toLowerCase() === email.toLowerCase()) return link;
  return email ? `${escapeHtml(name)} &lt;${link}&gt;` : escapeHtml(name);
}

function formatDate(value: Date | string, locale: Locale, timeZone: string): string | undefined {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  try {
    return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-US', {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(date);
  } catch {
    return formatDate(date, locale, 'UTC');
  }
}

const OUTLOOK_LINK = /^https:\/\/outlook\.(office|office365|live)\.com\//i;

function formatSize(bytes: number, locale: Locale): string {
  const number = (value: number) =>
    new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-US', { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KB`;
  return `${number(bytes / (1024 * 1024))} MB`;
}

/** "Plan.pdf (application/pdf, 1.2 MB)": name, and type and size where Outlook told them. */
function attachmentText(file: EmailAttachment, locale: Locale): string {
  const details = [
    file.contentType?.trim().slice(0, 100),
    file.size !== undefined && Number.isFinite(file.size) && file.size >= 0 ? formatSize(file.size, locale) : undefined,
  ].filter(Boolean);
  return escapeHtml(details.length ? `${file.name} (${details.join(', ')})` : file.name);
}

function headerHtml(email: EmailForDescription, options: ComposeOptions): string {
  const label = (key: keyof typeof SANITIZE_TEXT) =>
    `<strong>${escapeHtml(SANITIZE_TEXT[key][options.locale])}:</strong> `;
  const lines: string[] = [];
  if (email.from) lines.push(label('from') + addressHtml(email.from));
  if (email.to?.length) lines.push(label('to') + email.to.map(addressHtml).join('; '));
  if (email.cc?.length) lines.push(label('cc') + email.cc.map(addressHtml).join('; '));
  const date = email.date === undefined ? undefined : formatDate(email.date, options.locale, options.timeZone ?? 'UTC');
  if (date) lines.push(label('date') + escapeHtml(date));
  const subject = email.subject?.trim() || SANITIZE_TEXT.noSubject[options.locale];
  lines.push(label('subject') + escapeHtml(subject));
  const files = listedAttachments(email.attachments ?? []);
  if (files.length) lines.push(label('attachments') + files.map((f) => attachmentText(f, options.locale)).join(', '));
  if (email.mailLink && OUTLOOK_LINK.test(email.mailLink)) {
    const text = escapeHtml(SANITIZE_TEXT.openMail[options.locale]);
    lines.push(label('mail') + `<a href="${escapeHtml(email.mailLink)}">${text}</a>`);
  }
  const note = files.length ? `<p><em>${escapeHtml(SANITIZE_TEXT.filesStayInMail[options.locale])}</em></p>` : '';
  return `<p>${lines.join('<br>')}</p>${note}<hr>`;
}

function textBodyHtml(bodyText: string, trim: boolean): { html: string; found: boolean; removed: boolean } {
  const { body, history } = splitPlainTextHistory(bodyText);
  if (!history) return { html: plainTextToHtml(bodyText), found: false, removed: false };
  if (trim) return { html: plainTextToHtml(body), found: true, removed: true };
  const quoted = history
    .split('\n')
    .map((line) => line.replace(/^>\s?/, ''))
    .join('\n');
  return {
    html: `${plainTextToHtml(body)}<blockquote>${plainTextToHtml(quoted)}</blockquote>`,
    found: true,
    removed: false,
  };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function toAddress(value: unknown): MailAddress | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const { displayName, emailAddress } = value as { displayName?: unknown; emailAddress?: unknown };
  if (typeof emailAddress !== 'string') return undefined;
  return { emailAddress, displayName: str(displayName) };
}

function toAttachment(value: unknown): EmailAttachment | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const a = value as Record<string, unknown>;
  if (typeof a.name !== 'string') return undefined;
  return {
    name: a.name,
    contentType: str(a.contentType),
    contentId: str(a.contentId),
    isInline: a.isInline === true,
    size: typeof a.size === 'number' ? a.size : undefined,
    dataUrl: str(a.dataUrl),
  };
}

/** Tolerates whatever a client sent: wrong types are dropped instead of failing the whole description. */
function normalizeEmail(email: EmailForDescription): EmailForDescription {
  const list = <T>(value: unknown, map: (item: unknown) => T | undefined): T[] =>
    Array.isArray(value) ? value.map(map).filter((item): item is T => item !== undefined) : [];
  const date = email.date instanceof Date || typeof email.date === 'string' ? email.date : undefined;
  return {
    subject: str(email.subject),
    from: toAddress(email.from),
    to: list(email.to, toAddress),
    cc: list(email.cc, toAddress),
    date,
    bodyHtml: str(email.bodyHtml),
    bodyText: str(email.bodyText),
    attachments: list(email.attachments, toAttachment),
    mailLink: str(email.mailLink),
  };
}

/**
 * The description of a task created from an email: a header (sender, recipients, date, subject, attachments;
 * labels in the person's language) and the sanitized body. Quoted history is trimmed or collapsed, images are
 * embedded safely or replaced by notes, and the result stays within maxLength bytes with a closing note.
 */
export function composeEmailDescription(input: EmailForDescription, options: ComposeOptions): ComposedDescription {
  const email = normalizeEmail(input);
  const maxLength = Math.max(MIN_DESCRIPTION_BYTES, options.maxLength ?? DEFAULT_DESCRIPTION_MAX_BYTES);
  const maxInlineImageChars = Math.min(
    options.maxInlineImageChars ?? DEFAULT_MAX_INLINE_IMAGE_CHARS,
    Math.floor(maxLength / 4),
  );
  const noImages: ImageStats = { embedded: 0, replacedByNote: 0, remoteReplacedByLink: 0, trackingRemoved: 0 };

  let body = { html: '', found: false, removed: false, images: noImages, hidden: 0 };
  const fromHtml = email.bodyHtml?.trim()
    ? sanitizeEmailHtml(email.bodyHtml, {
        locale: options.locale,
        trimQuotedHistory: options.trimQuotedHistory,
        attachments: email.attachments,
        maxInlineImageChars,
        inlineImageBudgetChars: Math.floor(maxLength / 2),
      })
    : undefined;
  const htmlHasContent =
    !!fromHtml && (/\S/.test(fromHtml.html.replace(/<[^>]*>|&nbsp;/g, '')) || /<img/i.test(fromHtml.html));
  if (fromHtml && htmlHasContent) {
    body = {
      html: fromHtml.html,
      found: fromHtml.quotedHistoryFound,
      removed: fromHtml.removedQuotedHistory,
      images: fromHtml.images,
      hidden: fromHtml.hiddenElementsRemoved,
    };
  } else if (email.bodyText?.trim()) {
    const textBody = textBodyHtml(email.bodyText, options.trimQuotedHistory);
    body = { ...body, ...textBody, html: sanitizeRichText(textBody.html) };
  }

  // The body is sanitized already; the header is our own escaped markup and gets its own (small) pass.
  const full = sanitizeRichText(headerHtml(email, options)) + body.html;
  const note = sanitizeRichText(`<p><em>${escapeHtml(SANITIZE_TEXT.truncated[options.locale])}</em></p>`);
  const capped = truncateHtml(full, maxLength, note);
  return {
    html: capped.html,
    truncated: capped.truncated,
    quotedHistoryFound: body.found,
    removedQuotedHistory: body.removed,
    images: body.images,
    hiddenElementsRemoved: body.hidden,
    byteLength: byteLength(capped.html),
  };
}

/** A description coming back from a client, as stored: the allow-list pass again, within maxBytes. */
export function storedDescription(html: string, locale: Locale, maxBytes: number): string {
  const clean = sanitizeRichText(html);
  const note = sanitizeRichText(`<p><em>${escapeHtml(SANITIZE_TEXT.truncated[locale])}</em></p>`);
  return truncateHtml(clean, maxBytes, note).html;
}
