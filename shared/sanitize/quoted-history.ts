import type { ChildNode, Element, ParentNode } from 'domhandler';
import { classList, element, isElement, removeNode, textOf, textPrefix } from './dom';

/**
 * Finds where the quoted reply history of an email starts, in the markup of the common mail clients:
 * Outlook on the web / new Outlook (#appendonsend, #divRplyFwdMsg), Outlook desktop ("From: … Sent: …" block),
 * Gmail (.gmail_quote), Apple Mail and Thunderbird (blockquote type=cite, .moz-cite-prefix) and the classic
 * "-----Original Message-----" separators in English and German.
 */

const OUTLOOK_MARKER_ID =
  /^(?:x_)*(?:appendonsend|divRplyFwdMsg|OLK_SRC_BODY_SECTION|mail-editor-reference-message-container)$/i;
const GMAIL_QUOTE_CLASS = /^(?:x_)*gmail_quote(?:_container)?$/i;
const THUNDERBIRD_PREFIX_CLASS = /^(?:x_)*moz-cite-prefix$/i;
const BLOCKS = new Set(['div', 'p', 'table', 'blockquote', 'section', 'article', 'pre', 'font', 'span']);

/** Separator lines (also used for plain-text mails). */
export const SEPARATOR_LINE =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Original-Nachricht|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}/i;
/** "From: … Sent/Date: … To/Subject: …" (Outlook desktop and most clients' forward/reply headers), en and de. */
export const HEADER_BLOCK =
  /^\s*(?:From|Von)\s*:[\s\S]{1,300}?\b(?:Sent|Gesendet|Date|Datum)\s*:[\s\S]{1,300}?\b(?:To|An|Subject|Betreff)\s*:/i;
export const ATTRIBUTION_LINE = /^\s*(?:On|Am)\s[\s\S]{3,300}?\s(?:wrote|schrieb[^:]{0,40})\s*:\s*$/i;

function isMarker(el: Element): boolean {
  if (el.attribs.id && OUTLOOK_MARKER_ID.test(el.attribs.id)) return true;
  const classes = classList(el);
  if (classes.some((c) => GMAIL_QUOTE_CLASS.test(c) || THUNDERBIRD_PREFIX_CLASS.test(c))) return true;
  if (el.name === 'blockquote' && el.attribs.type?.toLowerCase() === 'cite') return true;
  if (BLOCKS.has(el.name)) {
    const content = textPrefix(el, 800)
      .replace(/\u00a0/g, ' ')
      .trimStart()
      .slice(0, 600);
    if (SEPARATOR_LINE.test(content) || HEADER_BLOCK.test(content)) return true;
  }
  return false;
}

function previousElementSibling(node: ChildNode): Element | undefined {
  for (let prev = node.prev; prev; prev = prev.prev) {
    if (isElement(prev)) return prev;
    if (textOf(prev).trim()) return undefined;
  }
  return undefined;
}

/** The first node (document order) where quoted history begins, or undefined. */
export function findQuotedHistoryStart(root: ParentNode): ChildNode | undefined {
  let found: Element | undefined;
  const visit = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (found) return;
      if (!isElement(node)) continue;
      if (isMarker(node)) {
        found = node;
        return;
      }
      visit(node.children);
    }
  };
  visit(root.children);
  if (!found) return undefined;
  // Pull in what belongs to the history just before the marker: Outlook's <hr>, "On … wrote:" lines.
  let start: ChildNode = found;
  for (let prev = previousElementSibling(start); prev; prev = previousElementSibling(start)) {
    const prevText = textOf(prev)
      .replace(/\u00a0/g, ' ')
      .trim();
    if ((prev.name === 'hr' && !prevText) || ATTRIBUTION_LINE.test(prevText)) start = prev;
    else break;
  }
  return start;
}

/** Removes `start` and everything after it in document order (within root); returns the removed nodes in order. */
export function cutFrom(root: ParentNode, start: ChildNode): ChildNode[] {
  const removed: ChildNode[] = [];
  let node: ChildNode = start;
  let includeSelf = true;
  for (;;) {
    const parent: ParentNode | null = node.parent;
    const siblings = parent ? parent.children : [];
    const tail = siblings.slice(siblings.indexOf(node) + (includeSelf ? 0 : 1));
    for (const item of tail) removeNode(item);
    removed.push(...tail);
    if (!parent || parent === root || !parent.parent) break;
    node = parent as ChildNode;
    includeSelf = false;
  }
  return removed;
}

function hasImageInside(node: ChildNode): boolean {
  return isElement(node) && (node.name === 'img' || node.children.some(hasImageInside));
}

function isVisiblyEmpty(nodes: ChildNode[]): boolean {
  return !nodes.some(hasImageInside) && !textOf(nodes).replace(/[\s\u00a0\u200b]/g, '');
}

const TRIMMABLE_CONTAINERS = new Set(['div', 'p', 'span', 'font', 'section', 'article']);

/** Removes trailing blank paragraphs, line breaks and whitespace that the reply editor leaves before the history. */
function trimTrailingBlank(parent: ParentNode): void {
  for (let last = parent.children.at(-1); last; last = parent.children.at(-1)) {
    if (!isVisiblyEmpty([last])) {
      if (isElement(last) && TRIMMABLE_CONTAINERS.has(last.name)) trimTrailingBlank(last);
      return;
    }
    removeNode(last);
  }
}

export interface QuotedHistoryResult {
  found: boolean;
  removed: boolean;
}

/**
 * Trims the quoted history (trim = true) or moves it into one blockquote at the end (trim = false).
 * A mail that is only history (a plain forward) is left as it is: its history is its content.
 */
export function handleQuotedHistory(root: ParentNode, trim: boolean): QuotedHistoryResult {
  const start = findQuotedHistoryStart(root);
  if (!start) return { found: false, removed: false };
  const history = cutFrom(root, start);
  const nothingBefore = isVisiblyEmpty(root.children);
  if (nothingBefore || !trim) {
    const visible = history.filter((node) => !isVisiblyEmpty([node]));
    const keepAsIs =
      nothingBefore || (visible.length === 1 && isElement(visible[0]) && visible[0].name === 'blockquote');
    const container = keepAsIs ? undefined : element('blockquote', {});
    if (container) {
      for (const node of history) appendTo(container, node);
      appendTo(root, container);
    } else {
      for (const node of history) appendTo(root, node);
    }
    return { found: true, removed: false };
  }
  trimTrailingBlank(root);
  return { found: true, removed: true };
}

function appendTo(parent: ParentNode, child: ChildNode): void {
  const last = parent.children.at(-1) ?? null;
  child.parent = parent;
  child.prev = last;
  child.next = null;
  if (last) last.next = child;
  parent.children.push(child);
}
