import { compare } from './filter';
import type { EdmProperty, PropertyLookup, Row } from './metadata';
import type { OrderKey, QueryOptions } from './options';

/** Server-driven page size, as InLoox: at most this many entities per response. */
export const PAGE_SIZE = 100;

function sortValue(value: unknown, edm: EdmProperty | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (edm?.type === 'Edm.DateTimeOffset' && typeof value === 'string') return Date.parse(value);
  if (edm?.type === 'Edm.Guid' && typeof value === 'string') return value.toLowerCase();
  return value;
}

/** Orders like ASP.NET OData over SQL: nulls first ascending, and the key appended so paging is stable. */
export function sortRows(rows: Row[], orderBy: OrderKey[], keys: string[], lookup: PropertyLookup): Row[] {
  const all = [...orderBy];
  for (const key of keys) if (!all.some((o) => o.property === key)) all.push({ property: key, descending: false });
  const edms = all.map((o) => lookup(o.property));
  // Sort keys are computed once per row, not once per comparison (dates are parsed, GUIDs lower-cased).
  const decorated = rows.map((row) => ({ row, keys: all.map((o, i) => sortValue(row[o.property], edms[i])) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < all.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      let c: number;
      if (x === null && y === null) c = 0;
      else if (x === null) c = -1;
      else if (y === null) c = 1;
      else c = compare(x, y);
      if (c !== 0) return all[i]!.descending ? -c : c;
    }
    return 0;
  });
  return decorated.map((d) => d.row);
}

export interface PageResult {
  rows: Row[];
  count?: number;
  /** $top/$skip for the next page, when there is one. */
  next?: { top?: number; skip: number };
}

export function applyQuery(rows: Row[], options: QueryOptions, keys: string[], lookup: PropertyLookup): PageResult {
  const filtered = options.filter ? rows.filter(options.filter) : rows;
  const sorted = sortRows(filtered, options.orderBy, keys, lookup);
  const skip = options.skip ?? 0;
  const wanted = options.top === undefined ? sorted.length - skip : Math.min(options.top, sorted.length - skip);
  const size = Math.max(0, Math.min(wanted, PAGE_SIZE));
  const page = sorted.slice(skip, skip + size);
  const result: PageResult = { rows: page };
  if (options.count) result.count = filtered.length;
  const remainingTop = options.top === undefined ? undefined : options.top - size;
  if (skip + size < sorted.length && size === PAGE_SIZE && (remainingTop === undefined || remainingTop > 0)) {
    result.next = { top: remainingTop, skip: skip + size };
  }
  return result;
}

export function selectProperties(row: Row, select: string[] | undefined): Row {
  if (!select) return row;
  const result: Row = {};
  for (const name of select) result[name] = row[name] ?? null;
  return result;
}
