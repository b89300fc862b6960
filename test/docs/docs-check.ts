/**
 * What the documentation test reads: the relative links, images and anchors of markdown files, and the environment
 * variables the sources read. Pure functions over text, so the test can prove each check on a broken fixture.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token, type Tokens } from 'marked';

export interface MarkdownRef {
  kind: 'link' | 'image';
  href: string;
}

const HTML_REF = /<(a|img)\b[^>]*?\s(href|src)\s*=\s*["']([^"']+)["']/gi;

/** Every link and image of a markdown text, inline, reference-style and in raw HTML; code is not markdown. */
export function markdownRefs(markdown: string): MarkdownRef[] {
  const refs: MarkdownRef[] = [];
  void marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'link') refs.push({ kind: 'link', href: (token as Tokens.Link).href });
    else if (token.type === 'image') refs.push({ kind: 'image', href: (token as Tokens.Image).href });
    else if (token.type === 'html') {
      for (const match of (token as Tokens.HTML).raw.matchAll(HTML_REF)) {
        refs.push({ kind: match[1]!.toLowerCase() === 'img' ? 'image' : 'link', href: match[3]! });
      }
    }
  });
  return refs;
}

function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      if ('tokens' in token && token.tokens?.length) return plainText(token.tokens);
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
}

/** The anchors GitHub gives the headings of a markdown text (`## Answer shapes (`X`)` → `answer-shapes-x`). */
export function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  void marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'heading') anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
  });
  return anchors;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** What does not resolve among the relative links and images of `files` (paths relative to `root`). */
export function brokenRefs(root: string, files: readonly string[]): string[] {
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (file: string) => {
    let set = anchorsOf.get(file);
    if (!set) anchorsOf.set(file, (set = headingAnchors(readFileSync(file, 'utf8'))));
    return set;
  };
  const broken: string[] = [];
  for (const file of files) {
    const absolute = path.join(root, file);
    for (const { kind, href } of markdownRefs(readFileSync(absolute, 'utf8'))) {
      if (EXTERNAL.test(href) || href.startsWith('//')) continue;
      const [rawPath = '', anchor] = href.split('#', 2) as [string, string | undefined];
      const target = rawPath ? path.resolve(path.dirname(absolute), decodeURI(rawPath)) : absolute;
      if (!existsSync(target)) {
        broken.push(`${file}: ${kind} ${href}: no such file`);
      } else if (anchor && target.endsWith('.md') && statSync(target).isFile() && !anchors(target).has(anchor)) {
        broken.push(`${file}: ${kind} ${href}: no heading #${anchor}`);
      }
    }
  }
  return broken;
}

/** Markdown files under `dir` (relative to `root`), recursively. */
export function markdownFiles(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(root, relative));
    else if (entry.name.endsWith('.md')) found.push(relative);
  }
  return found;
}

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const PROCESS_ENV = [
  new RegExp(`process\\.env\\??\\.${NAME}`, 'g'),
  new RegExp(`process\\.env\\[\\s*['"\`]${NAME}['"\`]\\s*\\]`, 'g'),
];
/** `env.X` and `env['X']` on an env object handed in (`loadConfig(env)`), and destructuring from it. */
const ENV_PARAMETER = [
  new RegExp(`\\benv!?\\??\\.${NAME}`, 'g'),
  new RegExp(`\\benv\\[\\s*['"\`]${NAME}['"\`]\\s*\\]`, 'g'),
];
const DESTRUCTURED = /\{([^{}]*)\}\s*=\s*(?:process\.)?env\b/g;
/** A function that reads `env[name]` / `process.env[name]` for a name it is given: `positiveInt(env, 'PORT', 1)`. */
const HELPER = /function\s+(\w+)\s*\(([^)]*)\)[^{]*\{([\s\S]*?)\n\}/g;
const DYNAMIC_READ = /\benv\[\s*[A-Za-z_]\w*\s*\]/;

/**
 * The environment variables one source file reads. `envParameter`: also count `env.X` (product code passes
 * `process.env` around as `env`; tests use that name for parsed .env files, which are not the process environment).
 */
export function envNamesIn(source: string, options: { envParameter: boolean }): Set<string> {
  const names = new Set<string>();
  const patterns = options.envParameter ? [...PROCESS_ENV, ...ENV_PARAMETER] : PROCESS_ENV;
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) names.add(match[1]!);
  for (const match of source.matchAll(DESTRUCTURED)) {
    for (const part of match[1]!.split(',')) {
      const key = part.split(/[:=]/)[0]!.trim();
      if (/^[A-Za-z_]\w*$/.test(key)) names.add(key);
    }
  }
  for (const [, helper, , body] of source.matchAll(HELPER)) {
    if (!DYNAMIC_READ.test(body!)) continue;
    const call = new RegExp(`\\b${helper}\\(\\s*(?:[\\w.]+\\s*,\\s*)?['"\`]${NAME}['"\`]`, 'g');
    for (const match of source.matchAll(call)) names.add(match[1]!);
  }
  return names;
}

const SOURCE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

function sourceFiles(root: string, dir: string, skip: readonly string[]): string[] {
  const absolute = path.join(root, dir);
  if (!existsSync(absolute) || skip.includes(dir.split(path.sep).join('/'))) return [];
  if (statSync(absolute).isFile()) return SOURCE.test(dir) ? [dir] : [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' || entry.name.startsWith('.')
      ? []
      : sourceFiles(root, path.join(dir, entry.name), skip),
  );
}

/** Every environment variable the code under `dirs` (but not under `skip`) reads, with the files that read it. */
export function scanEnvNames(
  root: string,
  dirs: readonly string[],
  skip: readonly string[] = [],
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of dirs.flatMap((dir) => sourceFiles(root, dir, skip))) {
    const isTest = file.split(path.sep)[0] === 'test';
    for (const name of envNamesIn(readFileSync(path.join(root, file), 'utf8'), { envParameter: !isTest })) {
      found.set(name, [...(found.get(name) ?? []), file]);
    }
  }
  return found;
}

/** The names of `names` that the page does not mention as code (`NAME`). */
export function undocumented(names: Iterable<string>, page: string): string[] {
  return [...names].filter((name) => !page.includes(`\`${name}\``)).sort();
}
