import { badRequest, notFound } from './errors';
import { GUID_PATTERN } from './values';

export type Key = { kind: 'single'; value: string } | { kind: 'composite'; parts: Record<string, string> };

export interface Target {
  set: string;
  key?: Key;
  /** `args`: the text between a function's parentheses, e.g. "entityType='Project',entityId=…". */
  operation?: { name: string; call: boolean; args?: string };
}

/** What the path parser needs to know of an addressable entity set. */
export interface SetAddressing {
  /** The key property, e.g. "ProjectId". */
  key: string;
  /** For sets keyed by several properties: parses "Name='x',ObjectId=…". */
  parseCompositeKey?: (content: string) => Record<string, string>;
}

/** Splits "Name(args)" into name and args; args undefined when there are no parentheses. */
function splitCall(segment: string): { name: string; args?: string } {
  const open = segment.indexOf('(');
  if (open < 0) return { name: segment };
  if (!segment.endsWith(')')) throw badRequest(`The path segment '${segment}' is malformed.`);
  return { name: segment.slice(0, open), args: segment.slice(open + 1, -1) };
}

export function parseGuidKey(text: string, set: string): string {
  let value = text.trim();
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1);
  if (!GUID_PATTERN.test(value)) throw badRequest(`The key '${text}' of ${set} is not a valid Edm.Guid.`);
  return value.toLowerCase();
}

export function parseStringLiteral(text: string): string {
  const value = text.trim();
  if (!(value.startsWith("'") && value.endsWith("'") && value.length >= 2))
    throw badRequest(`'${text}' is not a string literal.`);
  const inner = value.slice(1, -1);
  if (/(^|[^'])'([^']|$)/.test(inner.replace(/''/g, ''))) throw badRequest(`'${text}' is not a string literal.`);
  return inner.replace(/''/g, "'");
}

/** Key of a set: "guid", "'guid'", "KeyName=guid", or the set's own composite form. */
function parseKey(set: string, addressing: SetAddressing, content: string): Key {
  if (addressing.parseCompositeKey) return { kind: 'composite', parts: addressing.parseCompositeKey(content) };
  const eq = content.indexOf('=');
  if (eq >= 0) {
    const name = content.slice(0, eq).trim();
    if (name !== addressing.key) throw badRequest(`The key of ${set} is ${addressing.key}, not '${name}'.`);
    return { kind: 'single', value: parseGuidKey(content.slice(eq + 1), set) };
  }
  return { kind: 'single', value: parseGuidKey(content, set) };
}

/** A path segment after the set that is a key ("Project/<guid>", as the connector addresses entities). */
function looksLikeKey(segment: string): boolean {
  return GUID_PATTERN.test(segment.replace(/^'(.*)'$/, '$1')) || /^Name\s*=/.test(segment);
}

function parseOperation(segment: string): { name: string; call: boolean; args?: string } {
  const { name, args } = splitCall(segment);
  const operation = {
    name: name.startsWith('Default.') ? name.slice('Default.'.length) : name,
    call: args !== undefined,
  };
  return args !== undefined && args.trim() !== '' ? { ...operation, args } : operation;
}

/** Function parameters written in the path, `a='text',b=<guid>,c=5`, as a JSON-like object for parseParameters. */
export function parseFunctionArgs(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const part of text.split(/,(?=\s*\w+\s*=)/)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw badRequest(`The function parameters '${text}' are malformed.`);
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (Object.hasOwn(result, name)) throw badRequest(`The parameter '${name}' is given twice.`);
    if (raw.startsWith("'")) result[name] = parseStringLiteral(raw);
    else if (raw === 'null') result[name] = null;
    else if (raw === 'true' || raw === 'false') result[name] = raw === 'true';
    else if (/^-?\d+$/.test(raw)) result[name] = Number(raw);
    else result[name] = raw;
  }
  return result;
}

/** Parses "Set", "Set(key)", "Set/key", "Set(key)/Operation", "Set/Operation()" (path after the service base). */
export function parseResourcePath(path: string, sets: (name: string) => SetAddressing | undefined): Target {
  const segments = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw badRequest(`The path segment '${s}' is not correctly percent-encoded.`);
    }
  });
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const first = splitCall(segments[0]!);
  const addressing = sets(first.name);
  if (!addressing) throw notFound(`No resource was found for '${first.name}'.`);
  const target: Target = { set: first.name };
  let index = 1;
  if (first.args !== undefined) target.key = parseKey(first.name, addressing, first.args);
  else if (segments[1] !== undefined && looksLikeKey(segments[1])) {
    target.key = parseKey(first.name, addressing, segments[1]);
    index = 2;
  }
  if (segments[index] !== undefined) target.operation = parseOperation(segments[index]!);
  if (segments.length > index + 1) throw notFound(`No resource was found for '${path}'.`);
  return target;
}
