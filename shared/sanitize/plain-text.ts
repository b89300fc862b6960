import type { AnyNode } from 'domhandler';
import { contentRoot, isElement, parseHtml } from './dom';
import { isHtmlLimitError } from './limits';
import { ATTRIBUTION_LINE, HEADER_BLOCK, SEPARATOR_LINE } from './quoted-history';

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const LINKABLE = /\b(?:https?:\/\/|www\.)[^\s<>"]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gi;

/** Escapes text and turns URLs and e-mail addresses into links. */
export function linkify(value: string): string {
  let html = '';
  let last = 0;
  for (const match of value.matchAll(LINKABLE)) {
    let found = match[0];
    const trailing = /[).,;:!?'\]]+$/.exec(found)?.[0] ?? '';
    if (trailing && !(trailing.startsWith(')') && found.includes('('))) found = found.slice(0, -trailing.length);
    const index = match.index ?? 0;
    html += escapeHtml(value.slice(last, index));
    const href =
      found.includes('@') && !/^(https?:\/\/|www\.)/i.test(found)
        ? `mailto:${found}`
        : /^www\./i.test(found)
          ? `https://${found}`
          : found;
    html += `<a href="${escapeHtml(href)}">${escapeHtml(found)}</a>`;
    last = index + found.length;
  }
  return html + escapeHtml(value.slice(last));
}

/** Plain text as HTML: paragraphs at blank lines, <br> at line breaks, links made clickable. */
export function plainTextToHtml(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => `<p>${paragraph.split('\n').map(linkify).join('<br>')}</p>`)
    .join('');
}

/** Splits a plain-text mail at the start of its quoted history ("-----Original Message-----", "> " lines, …). */
export function splitPlainTextHistory(value: string): { body: string; history?: string } {
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  const startsHistory = (index: number): boolean => {
    const line = lines[index] ?? '';
    if (SEPARATOR_LINE.test(line)) return true;
    if (/^\s*(From|Von)\s*:/i.test(line) && HEADER_BLOCK.test(lines.slice(index, index + 5).join('\n'))) return true;
    const next = lines.slice(index + 1).find((l) => l.trim());
    if (ATTRIBUTION_LINE.test(line) && next?.startsWith('>')) return true;
    // A final block of "> " lines.
    return line.startsWith('>') && lines.slice(index).every((l) => !l.trim() || l.startsWith('>'));
  };
  for (let index = 1; index < lines.length; index++) {
    if (startsHistory(index) && lines.slice(0, index).some((l) => l.trim())) {
      return { body: lines.slice(0, index).join('\n'), history: lines.slice(index).join('\n') };
    }
  }
  return { body: value };
}

const BLOCK = new Set([
  'p', 'div', 'br', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'hr',
  'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'address', 'figure', 'figcaption', 'caption',
]); // prettier-ignore
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'math', 'object', 'iframe']);

/**
 * Readable text for card previews and notifications: block elements become line breaks, list items get a
 * bullet, table cells are separated, whitespace is collapsed. Capped at maxLength characters with "…".
 */
export function htmlToPlainText(html: string, maxLength = 500): string {
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (isElement(node)) {
        if (SKIP.has(node.name)) continue;
        const block = BLOCK.has(node.name);
        if (block) parts.push('\n');
        if (node.name === 'li') parts.push('• ');
        if (node.name === 'img' && node.attribs.alt) parts.push(node.attribs.alt);
        walk(node.children);
        if (node.name === 'td' || node.name === 'th') parts.push('\t');
        if (block) parts.push('\n');
      } else if (node.type === 'text') {
        parts.push((node as unknown as { data: string }).data);
      }
    }
  };
  try {
    walk(contentRoot(parseHtml(html)).children);
  } catch (error) {
    if (!isHtmlLimitError(error)) throw error;
    // Too deeply nested to build as a tree (text stored in InLoox by other means): a preview still gets words.
    parts.splice(0, parts.length, roughText(html));
  }
  const textValue = parts
    .join('')
    .replace(/[ \t\u00a0\r\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
  return capText(textValue, maxLength);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Tags removed, the common character references decoded: only for markup too complex to parse. */
function roughText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->|<(script|style)\b[\s\S]*?<\/\1\s*>|<[^>]*>/gi, ' ')
    .replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi, (match, dec?: string, hex?: string, name?: string) => {
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      return ENTITIES[name!.toLowerCase()] ?? match;
    });
}

/** Cuts text at maxLength characters (code points), preferring a word boundary, ending with "…". */
export function capText(value: string, maxLength: number): string {
  const chars = Array.from(value);
  if (chars.length <= maxLength) return value;
  let cut = chars.slice(0, Math.max(0, maxLength - 1)).join('');
  const space = cut.search(/\s\S*$/);
  if (space > cut.length * 0.7) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
