import type { ChildNode, Element, ParentNode } from 'domhandler';
import type { Locale } from '../i18n';
import { element, elements, hasAncestor, inlineStyle, removeNode, replaceNode, text } from './dom';
import { imageNote, inlineImageNote, remoteImageNote } from './messages';
import { INLINE_IMAGE_TYPES, isSafeDataImage, safeLinkHref } from './policy';

/** An attachment of the email; inline images carry the content id their <img src="cid:…"> refers to. */
export interface EmailAttachment {
  name: string;
  contentType?: string;
  /** The Content-ID (with or without angle brackets). */
  contentId?: string;
  isInline?: boolean;
  size?: number;
  /** The bytes as a data: URL (base64), when the caller has them; embedded if the type and size allow. */
  dataUrl?: string;
}

export interface ImageStats {
  embedded: number;
  replacedByNote: number;
  remoteReplacedByLink: number;
  trackingRemoved: number;
}

export interface ImageOptions {
  locale: Locale;
  attachments: EmailAttachment[];
  /** Longest data: URL embedded for one image (characters). */
  maxInlineImageChars: number;
  /** All embedded images together (characters). */
  inlineImageBudgetChars: number;
}

function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs) return true;
  if (el.name === 'dialog' && !('open' in el.attribs)) return true;
  const style = inlineStyle(el);
  return (
    style.get('display')?.startsWith('none') === true ||
    /^(hidden|collapse)/.test(style.get('visibility') ?? '') ||
    style.get('mso-hide')?.startsWith('all') === true ||
    /^0*(\.0+)?(\s|!|$)/.test(style.get('opacity') ?? 'x') ||
    /^0+(\.0+)?(px|pt|em|rem|%)?(\s|!|$)/.test(style.get('font-size') ?? 'x') ||
    (/^0+(px)?(\s|!|$)/.test(style.get('max-height') ?? 'x') && /hidden/.test(style.get('overflow') ?? ''))
  );
}

/**
 * Hidden content (preheaders, tracking blocks, Outlook's mso-hide fallbacks) is removed with everything in it:
 * the allow-list drops the hiding styles, so keeping these elements would reveal text the sender never showed.
 */
export function removeHiddenElements(root: ParentNode): number {
  const hidden = elements(root, isHidden).filter((el) => !hasAncestor(el, isHidden));
  for (const el of hidden) removeNode(el);
  return hidden.length;
}

function pixelSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

function isTrackingPixel(img: Element): boolean {
  const style = inlineStyle(img);
  const sizes = [img.attribs.width, img.attribs.height, style.get('width'), style.get('height')].map(pixelSize);
  return sizes.some((size) => size !== undefined && size <= 2);
}

function bareContentId(value: string): string {
  return value.trim().replace(/^</, '').replace(/>$/, '').toLowerCase();
}

function findAttachment(cid: string, attachments: EmailAttachment[]): EmailAttachment | undefined {
  let id = cid.slice(4);
  try {
    id = decodeURIComponent(id);
  } catch {
    // keep the raw value
  }
  id = bareContentId(id);
  const localPart = id.split('@')[0];
  return (
    attachments.find((a) => a.contentId && bareContentId(a.contentId) === id) ??
    attachments.find((a) => a.name.toLowerCase() === id || a.name.toLowerCase() === localPart)
  );
}

function fileNameOf(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    return last ? decodeURIComponent(last).slice(0, 80) : new URL(url).hostname;
  } catch {
    return url.slice(0, 80);
  }
}

function noteNode(note: string): ChildNode {
  return element('span', {}, [text(note)]);
}

/**
 * Makes every image either an embedded, size-capped data: image or a readable note, so the description never
 * loads anything remote and never shows a broken image:
 * - tracking pixels (1×1, 2×2) are removed;
 * - remote images become a link "[external image: name]" (plain note inside an existing link);
 * - cid: images are embedded from the caller's attachment bytes when allowed, else "[inline image: name]";
 * - data: images stay when PNG/JPEG/GIF/WebP and within the caps, else become a note.
 */
export function resolveImages(root: ParentNode, options: ImageOptions): ImageStats {
  const stats: ImageStats = { embedded: 0, replacedByNote: 0, remoteReplacedByLink: 0, trackingRemoved: 0 };
  let budget = options.inlineImageBudgetChars;
  const fits = (dataUrl: string) =>
    isSafeDataImage(dataUrl, options.maxInlineImageChars) && dataUrl.replace(/\s+/g, '').length <= budget;

  for (const img of elements(root, (el) => el.name === 'img')) {
    const src = (img.attribs.src ?? '').trim();
    const alt = (img.attribs.alt ?? '').trim();
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src.replace(/\s+/g, ''))?.[1]?.toLowerCase();
    const replaceWithNote = (note: string) => {
      replaceNode(img, noteNode(note));
      stats.replacedByNote++;
    };

    if (scheme === 'cid') {
      const attachment = findAttachment(src, options.attachments);
      const name = attachment?.name || alt || src.slice(4).split('@')[0] || 'image';
      const dataUrl = attachment?.dataUrl?.replace(/\s+/g, '');
      const typeOk = !attachment?.contentType || INLINE_IMAGE_TYPES.includes(attachment.contentType.toLowerCase());
      if (dataUrl && typeOk && fits(dataUrl)) {
        img.attribs = { ...img.attribs, src: dataUrl, alt: alt || name };
        budget -= dataUrl.length;
        stats.embedded++;
      } else {
        replaceWithNote(inlineImageNote(name, options.locale));
      }
    } else if (scheme === 'data') {
      const compact = src.replace(/\s+/g, '');
      if (fits(compact)) {
        img.attribs = { ...img.attribs, src: compact };
        budget -= compact.length;
        stats.embedded++;
      } else {
        replaceWithNote(alt ? inlineImageNote(alt, options.locale) : imageNote(options.locale));
      }
    } else if (isTrackingPixel(img)) {
      removeNode(img);
      stats.trackingRemoved++;
    } else {
      const href = scheme === 'http' || scheme === 'https' ? safeLinkHref(src) : undefined;
      const note = remoteImageNote(alt || (href ? fileNameOf(href) : 'image'), options.locale);
      if (href && !hasAncestor(img, (el) => el.name === 'a')) {
        replaceNode(img, element('a', { href }, [text(note)]));
        stats.remoteReplacedByLink++;
      } else {
        replaceWithNote(note);
      }
    }
  }
  return stats;
}

/** The attachments a reader should know about (not the inline images shown in the body). */
export function listedAttachments(attachments: EmailAttachment[]): EmailAttachment[] {
  return attachments.filter((a) => !a.isInline);
}
