/**
 * The OData reading and writing every domain module of the client shares: collections and paging, single entities,
 * writes that answer with or without the entity, bound actions. HTTP itself (limits, retries, errors) is the
 * transport's job.
 */
import { LIMITS } from '../domain/limits';
import { InLooxError } from './errors';
import { buildQuery, containsText, or, type Filter, type OrderBy } from './query';
import { guidSchema, parseEntity, validate } from './schemas';
import type { InLooxTransport } from './transport';
import type { Guid, Page } from './types';
import type { z } from 'zod';

/** Safety stop for "complete" lists, so a looping nextLink can never spin forever. */
const MAX_PAGES = 1_000;

const PREFER_REPRESENTATION = { prefer: 'return=representation' };

interface ODataCollection {
  value: unknown[];
  nextLink?: string;
  count?: number;
}

export function asCollection(body: unknown, what: string): ODataCollection {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { value?: unknown }).value)) {
    throw new InLooxError('unavailable', { detail: `malformed ${what} list in response` });
  }
  const record = body as Record<string, unknown>;
  const next = record['@odata.nextLink'];
  const count = record['@odata.count'];
  return {
    value: record.value as unknown[],
    nextLink: typeof next === 'string' && next ? next : undefined,
    count: typeof count === 'number' ? count : undefined,
  };
}

export function searchFilter(fields: string[], text: string | undefined): Filter | undefined {
  const needle = text?.trim();
  if (!needle) return undefined;
  if (needle.length > LIMITS.search) {
    throw new InLooxError('validation', { field: 'search', detail: 'search text too long' });
  }
  return or(...fields.map((f) => containsText(f, needle)));
}

export function checkGuid(value: unknown, field: string): Guid {
  return validate(guidSchema, value, field).toLowerCase();
}

export interface ListSpec {
  entitySet: string;
  schema: z.ZodType;
  what: string;
  filter?: Filter;
  orderBy?: OrderBy[];
  /** Given: that many (following nextLink); not given: the complete list. */
  top?: number;
  skip?: number;
  select?: string[];
}

export interface WriteSpec {
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  schema: z.ZodType;
  what: string;
  /** Where to read the entity back when the answer has none: the created entity's URL, or undefined. */
  reload: (entityUrl: string | undefined) => string | undefined;
}

export class ODataSession {
  constructor(private readonly transport: InLooxTransport) {}

  async get(path: string): Promise<unknown> {
    return (await this.transport.request({ method: 'GET', path, kind: 'read' })).body;
  }

  async entity<T>(path: string, schema: z.ZodType, what: string): Promise<T> {
    return parseEntity<T>(schema, await this.get(path), what);
  }

  async list<T>(spec: ListSpec): Promise<Page<T>> {
    const limit = spec.top;
    const items: unknown[] = [];
    let count: number | undefined;
    // InLoox pages server-side and carries the rest of $top in @odata.nextLink.
    const query = buildQuery({
      filter: spec.filter,
      orderBy: spec.orderBy,
      select: spec.select,
      skip: spec.skip,
      top: limit,
    });
    let next: string | undefined = `${spec.entitySet}${query}`;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const collection = asCollection(await this.get(next), spec.what);
      count ??= collection.count;
      for (const row of collection.value) items.push(parseEntity(spec.schema, row, spec.what));
      next = collection.nextLink;
      if (next) this.transport.resolve(next);
      if (limit !== undefined && items.length >= limit) break;
    }
    if (limit !== undefined && items.length > limit) items.length = limit;
    return { items: items as T[], nextLink: next, count };
  }

  /** POST/PATCH that should answer with the entity; falls back to a GET when InLoox answers 204. */
  async write<T>(spec: WriteSpec): Promise<T> {
    const response = await this.transport.request({
      method: spec.method,
      path: spec.path,
      body: spec.body,
      kind: spec.method === 'POST' ? 'unsafe' : 'idempotent',
      headers: PREFER_REPRESENTATION,
    });
    if (response.body && typeof response.body === 'object')
      return parseEntity<T>(spec.schema, response.body, spec.what);
    const again = spec.reload(response.entityUrl);
    if (!again) throw new InLooxError('unavailable', { detail: `${spec.what} write answered without the entity` });
    return this.entity<T>(again, spec.schema, spec.what);
  }

  /** A bound action whose answer the product does not read. */
  async action(path: string, body: unknown): Promise<void> {
    await this.transport.request({ method: 'POST', path, body, kind: 'unsafe' });
  }

  async remove(path: string): Promise<void> {
    await this.transport.request({ method: 'DELETE', path, kind: 'idempotent' });
  }
}
