/** Reading the $filter of logged InLoox requests, to prove user text stayed inside string literals. */
import { defaultParser } from '@odata/parser';
import type { SandboxRequest } from '../../sandbox/server';

/**
 * True when the $filter value, as it appears in the URL, parses as an OData boolean expression. A colon may be sent
 * percent-encoded (it is a pchar either way); the parser's date-time rule only reads it literally.
 */
export function parsesAsOData(rawFilter: string): boolean {
  try {
    defaultParser.filter(rawFilter.replace(/%3A/gi, ':'));
    return true;
  } catch {
    return false;
  }
}

/**
 * A $filter's shape: string literals emptied, GUIDs, dates and numbers replaced by placeholders. A disjunction of
 * one repeated term, "(ProjectId eq GUID) or (ProjectId eq GUID) …", is how OData v4.0 (which has no `in`) asks
 * for a set of ids; it has the shape of its single term whatever the size of the set, so a lookup of five ids is
 * not foreign to a run that learned it with three.
 */
export function skeleton(filter: string): string {
  const shape = filter
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, 'GUID')
    .replace(/\b\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})/g, 'DATE')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .replace(/\(([^()']*)\)(?: or \(\1\))+/g, '($1)');
  return /^\([^()']*\)$/.test(shape) ? shape.slice(1, -1) : shape;
}

/** The $filter of a logged request as sent (percent-encoded, what the OData URL grammar applies to) and decoded. */
export function filterOf(entry: SandboxRequest): { raw: string; decoded: string } | undefined {
  const query = entry.url.split('?').slice(1).join('?');
  for (const part of query.split('&')) {
    const [name, ...value] = part.split('=');
    if (decodeURIComponent(name!) === '$filter') {
      const raw = value.join('=');
      return { raw, decoded: decodeURIComponent(raw) };
    }
  }
  return undefined;
}

/** Every string literal of a parsed $filter, unescaped. */
export function stringLiterals(filter: string): string[] {
  return [...filter.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
}
