/**
 * A small OData v4 query builder. Every literal goes through a typed constructor that escapes or validates it,
 * so user text can never change the meaning of a query: `O'Brien` becomes 'O''Brien' and `') or true or ('`
 * stays a string literal. Field names are checked against a strict identifier pattern.
 */
import { InLooxError } from './errors';
import { isGuid } from '../domain/guid';

/** A finished boolean filter expression. Only the functions of this module create one. */
export interface Filter {
  readonly odata: string;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
// Edm.DateTimeOffset: date, time and a mandatory offset (Z or ±hh:mm).
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

export { isGuid };

export function isDateTimeOffset(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

function field(name: string): string {
  if (!FIELD.test(name)) throw new InLooxError('validation', { field: name, detail: 'not an OData property name' });
  return name;
}

/** OData string literal: single quotes, embedded quotes doubled. */
export function stringLiteral(value: string): string {
  if (typeof value !== 'string') throw new InLooxError('validation', { detail: 'string literal expected' });
  return `'${value.replace(/'/g, "''")}'`;
}

/** Edm.Guid literal: validated, written unquoted (OData v4). */
export function guidLiteral(value: string, fieldName = 'id'): string {
  if (!isGuid(value)) throw new InLooxError('validation', { field: fieldName, detail: 'not a GUID' });
  return value.toLowerCase();
}

/** Edm.DateTimeOffset literal: validated, written unquoted. */
export function dateTimeLiteral(value: string | Date, fieldName = 'date'): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new InLooxError('validation', { field: fieldName, detail: 'invalid date' });
    return value.toISOString();
  }
  if (!isDateTimeOffset(value)) {
    throw new InLooxError('validation', { field: fieldName, detail: 'not an ISO 8601 date-time with offset' });
  }
  return value;
}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'guid'; value: string }
  | { kind: 'date'; value: string | Date }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export const lit = {
  string: (value: string): Literal => ({ kind: 'string', value }),
  guid: (value: string): Literal => ({ kind: 'guid', value }),
  date: (value: string | Date): Literal => ({ kind: 'date', value }),
  number: (value: number): Literal => ({ kind: 'number', value }),
  boolean: (value: boolean): Literal => ({ kind: 'boolean', value }),
  null: (): Literal => ({ kind: 'null' }),
};

function literal(value: Literal, fieldName: string): string {
  switch (value.kind) {
    case 'string':
      return stringLiteral(value.value);
    case 'guid':
      return guidLiteral(value.value, fieldName);
    case 'date':
      return dateTimeLiteral(value.value, fieldName);
    case 'number':
      if (!Number.isFinite(value.value))
        throw new InLooxError('validation', { field: fieldName, detail: 'not a number' });
      return String(value.value);
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

function compare(op: Comparison) {
  return (name: string, value: Literal): Filter => ({ odata: `${field(name)} ${op} ${literal(value, name)}` });
}

export const eq = compare('eq');
export const ne = compare('ne');
export const gt = compare('gt');
export const ge = compare('ge');
export const lt = compare('lt');
export const le = compare('le');

/** Case-insensitive "contains": contains(tolower(Name),'text'). */
export function containsText(name: string, text: string): Filter {
  return { odata: `contains(tolower(${field(name)}),${stringLiteral(text.toLowerCase())})` };
}

export function and(...filters: (Filter | undefined)[]): Filter | undefined {
  const parts = filters.filter((f): f is Filter => f !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { odata: parts.map((f) => `(${f.odata})`).join(' and ') };
}

export function or(...filters: (Filter | undefined)[]): Filter | undefined {
  const parts = filters.filter((f): f is Filter => f !== undefined);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { odata: parts.map((f) => `(${f.odata})`).join(' or ') };
}

export function not(filter: Filter): Filter {
  return { odata: `not (${filter.odata})` };
}

export interface OrderBy {
  field: string;
  direction?: 'asc' | 'desc';
}

export interface QueryOptions {
  filter?: Filter;
  orderBy?: OrderBy[];
  top?: number;
  skip?: number;
  select?: string[];
}

function count(name: '$top' | '$skip', value: number): string {
  if (!Number.isInteger(value) || value < 0) {
    throw new InLooxError('validation', { field: name.slice(1), detail: 'must be a whole number >= 0' });
  }
  return String(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Encodes a query-option value. A lone UTF-16 surrogate (pasted or sent by a broken client) has no UTF-8 form and
 * would make encodeURIComponent throw; it becomes U+FFFD, as any UTF-8 encoder would write it.
 */
function encode(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}

/** Builds "?$filter=…&$orderby=…" (empty string when there are no options). */
export function buildQuery(options: QueryOptions = {}): string {
  const parts: string[] = [];
  if (options.filter) parts.push(`$filter=${encode(options.filter.odata)}`);
  if (options.orderBy && options.orderBy.length > 0) {
    const order = options.orderBy.map((o) => `${field(o.field)}${o.direction === 'desc' ? ' desc' : ''}`).join(',');
    parts.push(`$orderby=${encode(order)}`);
  }
  if (options.select && options.select.length > 0) parts.push(`$select=${options.select.map(field).join(',')}`);
  if (options.top !== undefined) parts.push(`$top=${count('$top', options.top)}`);
  if (options.skip !== undefined) parts.push(`$skip=${count('$skip', options.skip)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Entity key segment: `Project(3fa8…)`; the key is validated as a GUID. */
export function entityPath(entitySet: string, key: string, keyField = 'id'): string {
  return `${field(entitySet)}(${guidLiteral(key, keyField)})`;
}

/**
 * A bound function call segment: `ToggleFavorite(isFavorite=true)`, `CheckIfProjectNumberExists(projectNumber='…')`.
 * Parameter values are literals (escaped, validated), percent-encoded for the path.
 */
export function functionCall(name: string, parameters: Record<string, Literal> = {}): string {
  const args = Object.entries(parameters).map(([key, value]) => `${field(key)}=${encode(literal(value, key))}`);
  return `${field(name)}(${args.join(',')})`;
}
