import { Element, Text, type AnyNode, type ChildNode, type Document, type ParentNode } from 'domhandler';
import * as DomUtils from 'domutils';
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { HtmlLimitError, MAX_NESTING_DEPTH } from './limits';

/**
 * HTML parsed as a browser parses it (parse5 follows the HTML5 parsing algorithm: implied and misnested tags,
 * foreign content, tables, comments), into htmlparser2's DOM (domhandler), which the helpers below work on in
 * Node and in a browser bundle alike.
 */

function checkDepth(node: ChildNode): void {
  let depth = 0;
  for (let parent = node.parent; parent; parent = parent.parent)
    if (++depth > MAX_NESTING_DEPTH) throw new HtmlLimitError('too_complex');
}

/** parse5's tree adapter for domhandler, refusing trees deeper than MAX_NESTING_DEPTH as they are built. */
const boundedAdapter: typeof adapter = {
  ...adapter,
  appendChild(parent, child) {
    adapter.appendChild(parent, child);
    checkDepth(child);
  },
  insertBefore(parent, child, reference) {
    adapter.insertBefore(parent, child, reference);
    checkDepth(child);
  },
};

export function parseHtml(html: string): Document {
  return parse(html, { treeAdapter: boundedAdapter, scriptingEnabled: true });
}

/** The element holding the visible content: <body> when there is one, else the fragment itself (without <head>). */
export function contentRoot(document: Document): ParentNode {
  const body = DomUtils.findOne((el) => el.name === 'body', document.children, true);
  if (body) return body;
  for (const head of elements(document, (el) => el.name === 'head')) removeNode(head);
  return document;
}

export function isElement(node: AnyNode | null | undefined): node is Element {
  return !!node && node instanceof Element;
}

export function elements(root: ParentNode | ChildNode[], test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, Array.isArray(root) ? root : root.children);
}

export function textOf(node: AnyNode | AnyNode[]): string {
  return DomUtils.textContent(node);
}

/** The first `max` characters (or a little more) of a node's text, without building the whole text. */
export function textPrefix(node: AnyNode, max: number): string {
  let result = '';
  const visit = (current: AnyNode): void => {
    if (result.length >= max) return;
    if (current instanceof Text) result += current.data;
    else if (isElement(current) || current.type === 'root')
      for (const child of (current as Element).children) visit(child);
  };
  visit(node);
  return result;
}

export function text(data: string): Text {
  return new Text(data);
}

export function element(name: string, attribs: Record<string, string>, children: ChildNode[] = []): Element {
  const el = new Element(name, attribs, []);
  for (const child of children) DomUtils.appendChild(el, child);
  return el;
}

export function replaceNode(node: ChildNode, replacement: ChildNode): void {
  DomUtils.replaceElement(node, replacement);
}

export function removeNode(node: ChildNode): void {
  DomUtils.removeElement(node);
}

export function hasAncestor(node: AnyNode, test: (el: Element) => boolean): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (isElement(parent) && test(parent)) return true;
  return false;
}

export function classList(el: Element): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

/** The declarations of an inline style attribute, property names lower-cased. Good enough for classification. */
export function inlineStyle(el: Element): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const part of (el.attribs.style ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0)
      declarations.set(
        part.slice(0, colon).trim().toLowerCase(),
        part
          .slice(colon + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return declarations;
}
