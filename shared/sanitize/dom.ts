import { Element, Text, type AnyNode, type ChildNode, type Document, type ParentNode } from 'domhandler';
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import { HtmlLimitError, MAX_NESTING_DEPTH } from './limits';

/** Small helpers over htmlparser2's DOM, which works the same in Node and in a browser bundle. */

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** Throws HtmlLimitError('too_complex') as soon as elements nest deeper than MAX_NESTING_DEPTH. */
export function checkNestingDepth(html: string): void {
  let depth = 0;
  const parser = new Parser(
    {
      onopentag: () => {
        if (++depth > MAX_NESTING_DEPTH) throw new HtmlLimitError('too_complex');
      },
      onclosetag: () => {
        depth--;
      },
    },
    PARSER_OPTIONS,
  );
  parser.end(html);
}

export function parseHtml(html: string): Document {
  checkNestingDepth(html);
  return parseDocument(html, PARSER_OPTIONS);
}

/** The element holding the visible content: <body> when there is one, else the fragment itself (without <head>). */
export function contentRoot(document: Document): ParentNode {
  const body = DomUtils.findOne((el) => el.name === 'body', document.children, true);
  if (body) return body;
  for (const head of elements(document, (el) => el.name === 'head')) removeNode(head);
  return document;
}

export function renderHtml(nodes: AnyNode | AnyNode[]): string {
  return DomUtils.getOuterHTML(nodes, { encodeEntities: 'utf8', decodeEntities: true });
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
