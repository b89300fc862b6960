/**
 * Caps sanitized HTML at a byte budget without cutting inside a tag, an entity or a character, closes every
 * element left open and appends a note. Works on the sanitizer's own output, which is well-formed: attribute
 * values have "<" and ">" escaped, so a tag always runs from "<" to the next ">".
 */

/** UTF-8 size of a string (what TextEncoder would produce, lone surrogates as U+FFFD) without encoding it. */
export function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const TOKEN = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>|[^<]+|</g;
const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'wbr']);

export interface TruncateResult {
  html: string;
  truncated: boolean;
}

function tagName(token: string): string {
  return /^<\/?([a-zA-Z][a-zA-Z0-9]*)/.exec(token)?.[1]?.toLowerCase() ?? '';
}

/** The longest prefix of a text token within maxBytes, ending on a word boundary when one is close. */
function cutText(textToken: string, maxBytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of textToken) {
    const size = byteLength(char);
    if (used + size > maxBytes) break;
    used += size;
    end += char.length;
  }
  let cut = textToken.slice(0, end);
  const openEntity = cut.lastIndexOf('&');
  if (openEntity > cut.lastIndexOf(';')) cut = cut.slice(0, openEntity);
  const space = cut.search(/\s\S*$/);
  if (space > 0 && cut.length - space < 40) cut = cut.slice(0, space);
  return cut;
}

export function truncateHtml(html: string, maxBytes: number, noteHtml: string): TruncateResult {
  if (byteLength(html) <= maxBytes) return { html, truncated: false };
  const open: string[] = [];
  const out: string[] = [];
  let used = 0;
  const closingBytes = () => open.reduce((sum, name) => sum + name.length + 3, 0);
  const available = () => maxBytes - byteLength(noteHtml) - used - closingBytes();

  for (const token of html.match(TOKEN) ?? []) {
    const size = byteLength(token);
    if (token.startsWith('</')) {
      const name = tagName(token);
      if (open.at(-1) === name) open.pop();
      out.push(token);
      used += size;
      continue;
    }
    if (token.startsWith('<!--')) continue;
    if (token.startsWith('<') && token.length > 1) {
      const name = tagName(token);
      const selfClosing = VOID.has(name) || token.endsWith('/>');
      if (size + (selfClosing ? 0 : name.length + 3) > available()) break;
      out.push(token);
      used += size;
      if (!selfClosing) open.push(name);
      continue;
    }
    if (size <= available()) {
      out.push(token);
      used += size;
      continue;
    }
    const piece = cutText(token, Math.max(0, available()));
    if (piece) out.push(piece);
    break;
  }
  for (const name of open.reverse()) out.push(`</${name}>`);
  out.push(noteHtml);
  return { html: out.join(''), truncated: true };
}
