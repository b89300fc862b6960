import { JSDOM } from 'jsdom';

/** Elements that can run code, load or submit something, or change how the page around them behaves. */
const FORBIDDEN_ELEMENTS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'meta', 'base', 'link', 'style', 'svg', 'math', 'template', 'video', 'audio', 'source', 'details',
  'marquee', 'isindex', 'noscript', 'xmp', 'plaintext', 'portal', 'dialog', 'title',
]; // prettier-ignore

const DANGEROUS_CSS =
  /url\s*\(|expression|behavior|binding|javascript|@import|\\|position|z-index|opacity|visibility|display\s*:\s*none|transform|filter|clip/i;

const URL_ATTRIBUTES = ['action', 'formaction', 'background', 'poster', 'srcset', 'data', 'cite', 'lowsrc', 'dynsrc', 'xlink:href', 'srcdoc', 'ping', 'codebase']; // prettier-ignore

// eslint-disable-next-line no-control-regex
const normalize = (url: string) => url.replace(/[\u0000-\u0020]+/g, '');

/**
 * Parses the HTML the way a browser does (jsdom, HTML5 parser) and lists everything active in it.
 * An empty list means: no scripts, no frames/objects/forms/meta, no SVG/MathML, no event handlers, no links or
 * images with a non-allow-listed scheme, no CSS that loads, runs, hides or overlays.
 */
const window = new JSDOM('<!doctype html>').window;

export function findActiveContent(html: string): string[] {
  const document = new window.DOMParser().parseFromString(
    `<!doctype html><html><head></head><body>${html}</body></html>`,
    'text/html',
  );
  const problems: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const name = el.localName;
    if (['html', 'head', 'body'].includes(name) && el.attributes.length === 0) continue;
    if (FORBIDDEN_ELEMENTS.includes(name) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      problems.push(`element <${name}>`);
    }
    for (const attr of Array.from(el.attributes)) {
      const value = attr.value;
      if (/^on/i.test(attr.name)) problems.push(`event handler ${attr.name} on <${name}>`);
      if (URL_ATTRIBUTES.includes(attr.name.toLowerCase())) problems.push(`url attribute ${attr.name} on <${name}>`);
      if (attr.name === 'href' && !/^(?:https?:\/\/[^/\\]|mailto:|tel:)/i.test(normalize(value))) {
        problems.push(`href "${value}" on <${name}>`);
      }
      if (
        attr.name === 'src' &&
        !/^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/i.test(normalize(value))
      ) {
        problems.push(`src "${value.slice(0, 60)}" on <${name}>`);
      }
      if (attr.name === 'style' && DANGEROUS_CSS.test(value)) problems.push(`style "${value}" on <${name}>`);
      if (/javascript:|vbscript:|data:text/i.test(normalize(value)) && attr.name !== 'title' && attr.name !== 'alt') {
        problems.push(`script URL in ${attr.name} on <${name}>`);
      }
    }
  }
  return problems;
}
