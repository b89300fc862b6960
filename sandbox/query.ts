import { defaultParser } from '@odata/parser';
import { badRequest } from './errors';
import type { EdmProperty } from './metadata';

/** Looks up a property of the addressed entity type; undefined for an unknown name. */
export type PropertyLookup = (name: string) => EdmProperty | undefined;

export type Row = Record<string, unknown>;

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

/** Server-driven page size, as InLoox: at most this many entities per response. */
export const PAGE_SIZE = 100;

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

// ---------- $filter ----------

type Kind = 'string' | 'guid' | 'datetime' | 'number' | 'boolean' | 'null' | 'binary';

interface Compiled {
  kind: Kind;
  evaluate: (row: Row) => unknown;
}

interface Token {
  type: string;
  value: unknown;
  raw: string;
}

function kindOfEdm(type: string): Kind {
  switch (type) {
    case 'Edm.String':
      return 'string';
    case 'Edm.Guid':
      return 'guid';
    case 'Edm.DateTimeOffset':
      return 'datetime';
    case 'Edm.Boolean':
      return 'boolean';
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
    case 'Edm.Byte':
    case 'Edm.SByte':
      return 'number';
    default:
      return 'binary';
  }
}

function compileLiteral(token: Token): Compiled {
  const type = token.value as string;
  const raw = token.raw;
  switch (type) {
    case 'null':
      return { kind: 'null', evaluate: () => null };
    case 'Edm.String': {
      const text = raw.slice(1, -1).replace(/''/g, "'");
      return { kind: 'string', evaluate: () => text };
    }
    case 'Edm.Guid': {
      const guid = raw.toLowerCase();
      return { kind: 'guid', evaluate: () => guid };
    }
    case 'Edm.DateTimeOffset': {
      const time = Date.parse(raw);
      if (Number.isNaN(time)) throw badRequest(`'${raw}' is not a valid Edm.DateTimeOffset literal.`);
      return { kind: 'datetime', evaluate: () => time };
    }
    case 'Edm.Boolean': {
      const value = raw.toLowerCase() === 'true';
      return { kind: 'boolean', evaluate: () => value };
    }
    case 'Edm.SByte':
    case 'Edm.Byte':
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Decimal':
    case 'Edm.Double':
    case 'Edm.Single': {
      const value = Number(raw);
      if (!Number.isFinite(value)) throw badRequest(`'${raw}' is not a valid number literal.`);
      return { kind: 'number', evaluate: () => value };
    }
    default:
      throw badRequest(`Literals of type ${type} ('${raw}') are not supported in $filter.`);
  }
}

function propertyName(token: Token): string {
  // FirstMemberExpression -> MemberExpression -> PropertyPathExpression -> ODataIdentifier; anything else is a path.
  const member = token.value as Token;
  const path = member?.type === 'MemberExpression' ? (member.value as Token) : undefined;
  const identifier = path?.type === 'PropertyPathExpression' ? (path.value as Token) : undefined;
  if (identifier?.type !== 'ODataIdentifier') {
    throw badRequest(`'${token.raw}': navigation and property paths are not supported; use a property of the entity.`);
  }
  return (identifier.value as { name: string }).name;
}

function compileProperty(token: Token, lookup: PropertyLookup): Compiled {
  const name = propertyName(token);
  const property = lookup(name);
  if (!property) throw badRequest(`Could not find a property named '${name}' on this entity type.`);
  const kind = kindOfEdm(property.type);
  if (kind === 'binary') throw badRequest(`Property '${name}' of type ${property.type} cannot be used in $filter.`);
  if (kind === 'datetime') {
    return {
      kind,
      evaluate: (row) => {
        const value = row[name];
        return typeof value === 'string' ? Date.parse(value) : null;
      },
    };
  }
  if (kind === 'guid') {
    return {
      kind,
      evaluate: (row) => {
        const value = row[name];
        return typeof value === 'string' ? value.toLowerCase() : null;
      },
    };
  }
  return { kind, evaluate: (row) => row[name] ?? null };
}

function sameKind(left: Compiled, right: Compiled, raw: string): void {
  if (left.kind === 'null' || right.kind === 'null' || left.kind === right.kind) return;
  throw badRequest(
    `A binary operator with incompatible types was detected: '${raw}' compares ${left.kind} with ${right.kind}.`,
  );
}

function requireKind(compiled: Compiled, kind: Kind, raw: string): void {
  if (compiled.kind !== kind && compiled.kind !== 'null') throw badRequest(`'${raw}' must be of type ${kind}.`);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

const COMPARISONS: Record<string, (c: number) => boolean> = {
  GreaterThanExpression: (c) => c > 0,
  GreaterOrEqualsExpression: (c) => c >= 0,
  LesserThanExpression: (c) => c < 0,
  LesserOrEqualsExpression: (c) => c <= 0,
};

function compileMethod(token: Token, lookup: PropertyLookup): Compiled {
  const { method, parameters } = token.value as { method: string; parameters: Token[] };
  const args = parameters.map((p) => compile(p, lookup));
  const arity = (n: number) => {
    if (args.length !== n) throw badRequest(`${method}() takes ${n} argument(s): '${token.raw}'.`);
    for (const arg of args) requireKind(arg, 'string', token.raw);
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  switch (method) {
    case 'contains':
    case 'startswith':
    case 'endswith': {
      arity(2);
      const [a, b] = args as [Compiled, Compiled];
      const test =
        method === 'contains'
          ? (x: string, y: string) => x.includes(y)
          : method === 'startswith'
            ? (x: string, y: string) => x.startsWith(y)
            : (x: string, y: string) => x.endsWith(y);
      return {
        kind: 'boolean',
        evaluate: (row) => {
          const x = text(a.evaluate(row));
          const y = text(b.evaluate(row));
          return x === null || y === null ? null : test(x, y);
        },
      };
    }
    case 'tolower':
    case 'toupper': {
      arity(1);
      const [a] = args as [Compiled];
      const convert = method === 'tolower' ? (x: string) => x.toLowerCase() : (x: string) => x.toUpperCase();
      return {
        kind: 'string',
        evaluate: (row) => {
          const x = text(a.evaluate(row));
          return x === null ? null : convert(x);
        },
      };
    }
    default:
      throw badRequest(`The function '${method}' is not supported in $filter by this service.`);
  }
}

function compile(token: Token, lookup: PropertyLookup): Compiled {
  switch (token.type) {
    case 'CommonExpression':
    case 'BoolParenExpression':
    case 'ParenExpression':
      return compile(token.value as Token, lookup);
    case 'Literal':
      return compileLiteral(token);
    case 'FirstMemberExpression':
      return compileProperty(token, lookup);
    case 'MethodCallExpression':
      return compileMethod(token, lookup);
    case 'NotExpression': {
      const inner = compile(token.value as Token, lookup);
      requireKind(inner, 'boolean', token.raw);
      return { kind: 'boolean', evaluate: (row) => (inner.evaluate(row) === true ? false : true) };
    }
    case 'AndExpression':
    case 'OrExpression': {
      const { left, right } = token.value as { left: Token; right: Token };
      const l = compile(left, lookup);
      const r = compile(right, lookup);
      requireKind(l, 'boolean', left.raw);
      requireKind(r, 'boolean', right.raw);
      return token.type === 'AndExpression'
        ? { kind: 'boolean', evaluate: (row) => l.evaluate(row) === true && r.evaluate(row) === true }
        : { kind: 'boolean', evaluate: (row) => l.evaluate(row) === true || r.evaluate(row) === true };
    }
    case 'EqualsExpression':
    case 'NotEqualsExpression': {
      const { left, right } = token.value as { left: Token; right: Token };
      const l = compile(left, lookup);
      const r = compile(right, lookup);
      sameKind(l, r, token.raw);
      const equal = (row: Row) => {
        const a = l.evaluate(row);
        const b = r.evaluate(row);
        return a === null || b === null ? a === b : compare(a, b) === 0 && typeof a === typeof b;
      };
      return token.type === 'EqualsExpression'
        ? { kind: 'boolean', evaluate: equal }
        : { kind: 'boolean', evaluate: (row) => !equal(row) };
    }
    default: {
      const test = COMPARISONS[token.type];
      if (!test) throw badRequest(`'${token.raw}' (${token.type}) is not supported in $filter by this service.`);
      const { left, right } = token.value as { left: Token; right: Token };
      const l = compile(left, lookup);
      const r = compile(right, lookup);
      sameKind(l, r, token.raw);
      if (l.kind === 'null' || r.kind === 'null') throw badRequest(`'${token.raw}': null cannot be ordered.`);
      return {
        kind: 'boolean',
        evaluate: (row) => {
          const a = l.evaluate(row);
          const b = r.evaluate(row);
          if (a === null || b === null) return false;
          return test(compare(a, b));
        },
      };
    }
  }
}

export function compileFilter(expression: string, lookup: PropertyLookup): (row: Row) => boolean {
  let ast: Token;
  try {
    ast = defaultParser.filter(expression) as unknown as Token;
  } catch (error) {
    throw badRequest(`The $filter expression '${expression}' is malformed: ${(error as Error).message}.`);
  }
  if (!ast || ast.raw !== expression) throw badRequest(`The $filter expression '${expression}' is malformed.`);
  const compiled = compile(ast, lookup);
  if (compiled.kind !== 'boolean')
    throw badRequest(`The $filter expression '${expression}' is not a boolean expression.`);
  return (row) => compiled.evaluate(row) === true;
}

// ---------- $orderby, $select, $top, $skip, $count ----------

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
