import { Element, Text, type ChildNode } from 'domhandler';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_TAGS,
  DROP_WITH_CONTENT,
  filterStyle,
  isSafeDataImage,
  safeLinkHref,
} from './policy';

/**
 * Applies the allow-list of policy.ts to a tree as the HTML5 parser built it, and writes the result as HTML.
 * Working on the parsed tree (instead of handing markup to a second parser) means what is checked is exactly
 * what a browser will show. Whatever is not explicitly allowed is left out: comments, CDATA, processing
 * instructions, foreign (SVG/MathML) elements, unlisted attributes; unlisted elements give up their tag and
 * keep their text, except DROP_WITH_CONTENT, which go with everything inside.
 */

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
const ALLOWED = new Set(ALLOWED_TAGS);
const DROPPED = new Set(DROP_WITH_CONTENT);
const VOID = new Set(['br', 'hr', 'img', 'col']);
/**
 * Unlisted elements that a browser shows as blocks of their own (each closes an open <p> when parsed): kept as a
 * <div>, so their text does not run into the text around it.
 */
const BLOCK_AS_DIV = new Set([
  'article', 'aside', 'details', 'dialog', 'dir', 'fieldset', 'footer', 'form', 'header', 'hgroup', 'main',
  'menu', 'nav', 'search', 'section', 'summary', 'listing'
]); // prettier-ignore
/** The parser drops a newline right after these start tags, so one at the start of their text must be doubled. */
const LEADING_NEWLINE = new Set(['pre']);

export interface AllowListOptions {
  /** Longest data: URL an <img> may keep (characters of the URL). */
  maxInlineImageChars: number;
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values escape "<" and ">" too, so a tag in our output always runs from "<" to the next ">". */
function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

type Attributes = [string, string][];

/** The element's allow-listed attributes in their order; href only through the link rule, src only on images. */
function allowedAttributes(name: string, attribs: Record<string, string>): Attributes {
  const allowed = new Set([...ALLOWED_ATTRIBUTES['*']!, ...(ALLOWED_ATTRIBUTES[name] ?? [])]);
  const kept: Attributes = [];
  for (const [attribute, value] of Object.entries(attribs)) {
    if (!allowed.has(attribute) || attribute === 'href') continue;
    if (attribute === 'src') {
      if (name === 'img') kept.push(['src', value.replace(/\s+/g, '')]);
    } else if (attribute === 'style') {
      const style = filterStyle(value);
      if (style) kept.push(['style', style]);
    } else kept.push([attribute, value]);
  }
  return kept;
}

/** The tag an element is written as, or undefined to keep only its content. */
function tagFor(el: Element): { name: string; attributes: Attributes } | undefined {
  const name = el.name;
  if (name === 'a') {
    // Links open outside the page that shows the task; an anchor without a safe absolute URL becomes text.
    const href = safeLinkHref(el.attribs.href);
    const kept = allowedAttributes('a', el.attribs).filter(
      ([attribute]) => attribute === 'title' || attribute === 'style',
    );
    if (!href) return { name: 'span', attributes: kept };
    return {
      name: 'a',
      attributes: [...kept, ['href', href], ['target', '_blank'], ['rel', 'noopener noreferrer nofollow']],
    };
  }
  if (name === 'center') {
    const attributes = allowedAttributes('div', el.attribs).filter(([attribute]) => attribute !== 'style');
    return { name: 'div', attributes: [...attributes, ['style', 'text-align:center']] };
  }
  if (ALLOWED.has(name)) return { name, attributes: allowedAttributes(name, el.attribs) };
  if (BLOCK_AS_DIV.has(name)) return { name: 'div', attributes: allowedAttributes('div', el.attribs) };
  return undefined;
}

function isDropped(el: Element, options: AllowListOptions): boolean {
  if (el.namespace && el.namespace !== HTML_NAMESPACE) return true;
  if (DROPPED.has(el.name)) return true;
  // An <img> without an embeddable data: URL would be a broken image or a remote load.
  return el.name === 'img' && !isSafeDataImage(el.attribs.src ?? '', options.maxInlineImageChars);
}

/** The nodes as safe HTML. */
export function sanitizeNodes(nodes: readonly ChildNode[], options: AllowListOptions): string {
  const out: string[] = [];
  const visit = (node: ChildNode): void => {
    if (node instanceof Text) {
      out.push(escapeText(node.data));
      return;
    }
    // Comments, CDATA sections, processing instructions and doctypes are never shown.
    if (!(node instanceof Element) || isDropped(node, options)) return;
    const tag = tagFor(node);
    if (!tag) {
      for (const child of node.children) visit(child);
      return;
    }
    const attributes = tag.attributes.map(([attribute, value]) => ` ${attribute}="${escapeAttribute(value)}"`);
    if (VOID.has(tag.name)) {
      out.push(`<${tag.name}${attributes.join('')} />`);
      return;
    }
    out.push(`<${tag.name}${attributes.join('')}>`);
    const first = node.children[0];
    if (LEADING_NEWLINE.has(tag.name) && first instanceof Text && first.data.startsWith('\n')) out.push('\n');
    for (const child of node.children) visit(child);
    out.push(`</${tag.name}>`);
  };
  for (const node of nodes) visit(node);
  return out.join('');
}
