import { JSDOM } from 'jsdom';

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'srcset', 'data'];
const ACTIVE_ELEMENTS = 'script, iframe, frame, frameset, object, embed, applet, form, base, meta, link, svg, math';

/** Everything in stored HTML that could run code or load a page when InLoox shows it; [] when there is nothing. */
export function findActiveContent(html: string): string[] {
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
  const found: string[] = [];
  for (const element of document.querySelectorAll(ACTIVE_ELEMENTS)) found.push(`<${element.localName}>`);
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      // Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:").
      const value = [...attribute.value]
        .filter((char) => char.charCodeAt(0) > 0x20)
        .join('')
        .toLowerCase();
      if (name.startsWith('on')) found.push(`${element.localName}[${name}]`);
      if (URL_ATTRIBUTES.includes(name) && /^(javascript|vbscript|data:text\/html)/.test(value)) {
        found.push(`${element.localName}[${name}=${attribute.value}]`);
      }
      if (name === 'style' && /expression\(|javascript:|vbscript:/.test(value))
        found.push(`${element.localName}[style]`);
    }
  }
  return found;
}
