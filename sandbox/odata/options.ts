import { defaultParser } from '@odata/parser';
import { badRequest } from './errors';
import { compileFilter, kindOfEdm, propertyName, type Token } from './filter';
import type { PropertyLookup, Row } from './metadata';

export interface OrderKey {
  property: string;
  descending: boolean;
}

export interface QueryOptions {
  filter?: (row: Row) => boolean;
  orderBy: OrderKey[];
  top?: number;
  skip?: number;
  select?: string[];
  count: boolean;
}

const SUPPORTED = new Set(['$filter', '$orderby', '$top', '$skip', '$select', '$count']);
const KNOWN_UNSUPPORTED = new Set([
  '$expand',
  '$search',
  '$format',
  '$apply',
  '$compute',
  '$skiptoken',
  '$levels',
  '$index',
]);
/** Without "$", ASP.NET Core OData still treats these as query options; ignoring them would answer wrongly. */
const NO_DOLLAR = new Set(['filter', 'orderby', 'top', 'skip', 'select', 'count', 'expand', 'search', 'format']);

/** Reads the raw query string like ASP.NET Core does: "+" is a space, percent-escapes are decoded. */
export function parseQueryString(rawQuery: string): Map<string, string> {
  const result = new Map<string, string>();
  if (!rawQuery) return result;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw badRequest(`The query string is not correctly percent-encoded near '${rawName}'.`);
    }
    if (result.has(name)) throw badRequest(`Query option '${name}' was specified more than once.`);
    result.set(name, value);
  }
  return result;
}

function parseOrderBy(value: string, lookup: PropertyLookup): OrderKey[] {
  let ast: Token;
  try {
    ast = defaultParser.query(`$orderby=${value}`) as unknown as Token;
  } catch (error) {
    throw badRequest(`The $orderby '${value}' is malformed: ${(error as Error).message}.`);
  }
  const option = (ast.value as { options: Token[] }).options[0];
  if (!option || option.type !== 'OrderBy' || option.raw !== `$orderby=${value}`) {
    throw badRequest(`The $orderby '${value}' is malformed.`);
  }
  return (option.value as { items: Token[] }).items.map((item) => {
    const { expr, direction } = item.value as { expr: Token; direction: number };
    const inner = expr.type === 'CommonExpression' ? (expr.value as Token) : expr;
    if (inner.type !== 'FirstMemberExpression')
      throw badRequest(`$orderby supports properties only, not '${expr.raw}'.`);
    const property = propertyName(inner);
    const edm = lookup(property);
    if (!edm) throw badRequest(`Could not find a property named '${property}' on this entity type.`);
    if (kindOfEdm(edm.type) === 'binary') throw badRequest(`Property '${property}' cannot be used in $orderby.`);
    return { property, descending: direction === -1 };
  });
}

function parseSelect(value: string, lookup: PropertyLookup): string[] | undefined {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badRequest(`The $select '${value}' is malformed.`);
  if (items.includes('*')) return undefined;
  for (const item of items) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(item))
      throw badRequest(`$select supports property names only, not '${item}'.`);
    if (!lookup(item)) throw badRequest(`Could not find a property named '${item}' on this entity type.`);
  }
  return [...new Set(items)];
}

function parseCount(name: string, value: string): number {
  let token: Token;
  try {
    token = defaultParser.literal(value) as unknown as Token;
  } catch {
    throw badRequest(`The value '${value}' of ${name} is not a non-negative integer.`);
  }
  const type = token?.value as string;
  if (!token || token.raw !== value || !['Edm.SByte', 'Edm.Byte', 'Edm.Int16', 'Edm.Int32'].includes(type)) {
    throw badRequest(`The value '${value}' of ${name} is not a non-negative integer.`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw badRequest(`The value '${value}' of ${name} is not a non-negative integer.`);
  return n;
}

export function parseQueryOptions(params: Map<string, string>, lookup: PropertyLookup): QueryOptions {
  const options: QueryOptions = { orderBy: [], count: false };
  for (const name of params.keys()) {
    if (name.startsWith('$')) {
      if (KNOWN_UNSUPPORTED.has(name)) throw badRequest(`The query option '${name}' is not supported by this service.`);
      if (!SUPPORTED.has(name)) throw badRequest(`The query parameter '${name}' is not supported.`);
    } else if (NO_DOLLAR.has(name.toLowerCase())) {
      throw badRequest(`Query options start with '$': use '$${name}' instead of '${name}'.`);
    }
  }
  const filter = params.get('$filter');
  if (filter !== undefined) {
    if (filter.trim() === '') throw badRequest('The $filter query option is empty.');
    options.filter = compileFilter(filter, lookup);
  }
  const orderBy = params.get('$orderby');
  if (orderBy !== undefined) options.orderBy = parseOrderBy(orderBy, lookup);
  const top = params.get('$top');
  if (top !== undefined) options.top = parseCount('$top', top);
  const skip = params.get('$skip');
  if (skip !== undefined) options.skip = parseCount('$skip', skip);
  const select = params.get('$select');
  if (select !== undefined) options.select = parseSelect(select, lookup);
  const count = params.get('$count');
  if (count !== undefined) {
    if (count !== 'true' && count !== 'false')
      throw badRequest(`The value '${count}' of $count must be true or false.`);
    options.count = count === 'true';
  }
  return options;
}
