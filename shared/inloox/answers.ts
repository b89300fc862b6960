/**
 * Reading InLoox answers in every documented form. The OData metadata and the connector's swagger describe different
 * shapes and the live service may send either, so each reader accepts both (the list is in client.ts).
 */
import { InLooxError } from './errors';
import { isGuid } from './query';
import type { Guid } from './types';

export interface ODataCollection {
  value: unknown[];
  nextLink?: string;
  count?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function asCollection(body: unknown, what: string): ODataCollection {
  if (!isRecord(body) || !Array.isArray(body.value)) {
    throw new InLooxError('unavailable', { detail: `malformed ${what} list in response` });
  }
  const next = body['@odata.nextLink'];
  const count = body['@odata.count'];
  return {
    value: body.value,
    nextLink: typeof next === 'string' && next ? next : undefined,
    count: typeof count === 'number' ? count : undefined,
  };
}

/** Whether an answer carries something to read (204 and empty 200 answers do not). */
export function hasEntity(body: unknown): boolean {
  return isRecord(body);
}

/** One entity, as itself (OData) or as the connector's {"value":[entity]}. An empty wrapper means there is none. */
export function singleEntity(body: unknown, what: string): unknown {
  if (!isRecord(body) || !Array.isArray(body.value)) return body;
  const rows = body.value;
  if (rows.length === 0) throw new InLooxError('not_found', { status: 404, detail: `no ${what} in the answer` });
  if (rows.length > 1)
    throw new InLooxError('unavailable', { detail: `${rows.length} ${what} rows where one was expected` });
  return rows[0];
}

// Date-time properties carry their kind in the name (StartDate, EndDateTime, DoneDate, CreatedDateTime, …).
const DATE_PROPERTY = /(Date|DateTime)$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$/;

/** "2026-04-01T09:00:00+02:00" → "2026-04-01T07:00:00Z": the same instant, in the one form the product handles. */
export function utcDateTime(value: string): string {
  if (!WITH_OFFSET.test(value)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/**
 * An entity without annotations ("@odata.etag", "Name@odata.type": every key with an "@"), date-times with an offset
 * written in UTC. Unknown properties stay; the schemas let them pass.
 */
export function plainEntity(row: unknown): unknown {
  if (!isRecord(row)) return row;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.includes('@')) continue;
    result[key] = typeof value === 'string' && DATE_PROPERTY.test(key) ? utcDateTime(value) : value;
  }
  return result;
}

/**
 * The key of a created entity from OData-EntityId or Location: "…/Task(3fa8…)", "…/Task('3fa8…')",
 * "…/Task(TaskItemId=3fa8…)" or the connector's "…/Task/3fa8…". Only the path counts, so a host InLoox names
 * (perhaps an internal one) is never contacted.
 */
export function keyFromEntityUrl(entityUrl: string | undefined): Guid | undefined {
  if (!entityUrl) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(entityUrl, 'http://base.invalid/').pathname);
  } catch {
    return undefined;
  }
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const candidate = last.match(/\(\s*(?:[A-Za-z_]+\s*=\s*)?'?([^')]+)'?\s*\)$/)?.[1] ?? last;
  return isGuid(candidate) ? candidate.toLowerCase() : undefined;
}

/** A function's single value: OData's {"value": …} (with or without @odata.context) or the bare JSON value. */
export function scalarValue(body: unknown): unknown {
  if (isRecord(body) && 'value' in body) return body.value;
  return body;
}
