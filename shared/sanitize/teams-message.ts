import type { Locale } from '../i18n';
import { sanitizeNodes } from './allow-list';
import { contentRoot, element, elements, parseHtml, removeNode, replaceNode, text, textOf } from './dom';
import { removeHiddenElements } from './images-and-hidden';
import { HtmlLimitError, isHtmlLimitError } from './limits';
import { imageNote } from './messages';
import { isSafeDataImage } from './policy';
import { DEFAULT_MAX_INLINE_IMAGE_CHARS } from './sanitize-email-html';

const EMOJI_ITEMTYPE = /schema\.skype\.com\/(?:Emoji|AMSImage)?Emoji|schema\.skype\.com\/Emoji/i;

/**
 * A Teams chat/channel message (the HTML of activity.value.messagePayload.body.content or a Graph chatMessage)
 * as safe description HTML: mentions become bold "@Name", emoji images and <emoji> become their characters,
 * code blocks become <pre>, attachment placeholders disappear, images (hosted content that needs a Teams
 * login to load) become a note.
 */
export function sanitizeTeamsMessageHtml(html: string, options: { locale?: Locale } = {}): string {
  const locale = options.locale ?? 'en';
  let root;
  try {
    root = contentRoot(parseHtml(html));
  } catch (error) {
    throw isHtmlLimitError(error) ? new HtmlLimitError(error.code, 'message') : error;
  }
  for (const el of elements(root, (e) => e.name === 'attachment' || e.name === 'systemeventmessage')) removeNode(el);
  for (const mention of elements(root, (e) => e.name === 'at')) {
    const name = textOf(mention).trim();
    replaceNode(mention, element('strong', {}, [text(name.startsWith('@') ? name : `@${name}`)]));
  }
  for (const emoji of elements(root, (e) => e.name === 'emoji')) {
    replaceNode(emoji, text(emoji.attribs.alt || emoji.attribs.title || ''));
  }
  for (const codeblock of elements(root, (e) => e.name === 'codeblock')) {
    const codeText = textOf(codeblock);
    replaceNode(codeblock, element('pre', {}, [element('code', {}, [text(codeText)])]));
  }
  removeHiddenElements(root);
  for (const img of elements(root, (e) => e.name === 'img')) {
    const isEmoji = EMOJI_ITEMTYPE.test(img.attribs.itemtype ?? '') || /\bemoji\b/i.test(img.attribs.class ?? '');
    if (isEmoji) replaceNode(img, text(img.attribs.alt || img.attribs.title || ''));
    else if (!isSafeDataImage(img.attribs.src ?? '', DEFAULT_MAX_INLINE_IMAGE_CHARS)) {
      replaceNode(img, element('span', {}, [text(img.attribs.alt ? `[${img.attribs.alt}]` : imageNote(locale))]));
    }
  }
  return sanitizeNodes(root.children, { maxInlineImageChars: DEFAULT_MAX_INLINE_IMAGE_CHARS }).trim();
}
