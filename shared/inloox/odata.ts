/**
 * The OData reading and writing every domain module of the client shares: collections and paging, single entities,
 * writes that answer with or without the entity, bound actions. HTTP itself (limits, retries, errors) is the
 * transport's job; the forms an answer may take are answers.ts's.
 */
import { LIMITS } from '../domain/limits';
import { asCollection, hasEntity, keyFromEntityUrl, plainEntity, scalarValue, singleEntity } from './answers';
import { InLooxError, isInLooxError } from './errors';
import { buildQuery, containsText, entityPath, or, type Filter, type OrderBy } from './query';
import { guidSchema, parseEntity, validate } from './schemas';
import type { InLooxTransport } from './transport';
import type { Guid, Page } from './types';
import type { z } from 'zod';

/** Safety stop for "complete" lists, so a looping nextLink can never spin forever. */
const MAX_PAGES = 1_000;

const PREFER_REPRESENTATION = { prefer: 'return=representation' };

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
  path: string;
  body: unknown;
  schema: z.ZodType;
  what: string;
}

export interface CreateSpec extends WriteSpec {
  /** The entity set the new entity is read back from when InLoox answers 204 with its address. */
  entitySet: string;
}

export class ODataSession {
  constructor(private readonly transport: InLooxTransport) {}

  async get(path: string): Promise<unknown> {
    return (await this.transport.request({ method: 'GET', path, kind: 'read' })).body;
  }

  /** Parses one entity of an answer in any documented form (see answers.ts). */
  read<T>(schema: z.ZodType, body: unknown, what: string): T {
    return parseEntity<T>(schema, plainEntity(singleEntity(body, what)), what);
  }

  async entity<T>(path: string, schema: z.ZodType, what: string): Promise<T> {
    return this.read<T>(schema, await this.get(path), what);
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
      for (const row of collection.value) items.push(parseEntity(spec.schema, plainEntity(row), spec.what));
      next = collection.nextLink;
      if (next) this.transport.resolve(next);
      if (limit !== undefined && items.length >= limit) break;
    }
    if (limit !== undefined && items.length > limit) items.length = limit;
    return { items: items as T[], nextLink: next, count };
  }

  /**
   * POST of a new entity. InLoox answers 201 with it, or 204 with its address (OData-EntityId / Location); then it is
   * read back by its key.
   */
  async create<T>(spec: CreateSpec): Promise<T> {
    const created = await this.post<T>(spec);
    if ('entity' in created) return created.entity;
    try {
      return await this.entity<T>(entityPath(spec.entitySet, created.key), spec.schema, spec.what);
    } catch (error) {
      // The entity exists; only reading it back failed. Callers must not offer to create it again.
      throw isInLooxError(error) ? new InLooxError(error.kind, { ...error.details, outcomeUnknown: true }) : error;
    }
  }

  /** POST for a caller that needs only the new key: a 204 answer is not followed by a read. */
  async post<T>(spec: CreateSpec): Promise<{ entity: T } | { key: Guid }> {
    const response = await this.transport.request({
      method: 'POST',
      path: spec.path,
      body: spec.body,
      kind: 'unsafe',
      headers: PREFER_REPRESENTATION,
    });
    if (hasEntity(response.body)) return { entity: this.read<T>(spec.schema, response.body, spec.what) };
    const key = keyFromEntityUrl(response.entityUrl);
    if (key) return { key };
    // Created, but InLoox did not say where: a retry would create it again.
    throw new InLooxError('unavailable', {
      detail: `${spec.what} created without the entity or its address in the answer`,
      outcomeUnknown: true,
    });
  }

  /** PATCH that answers with the entity, the wrapper, or 204; every caller needs the result, so 204 reads it back. */
  async update<T>(spec: WriteSpec): Promise<T> {
    const response = await this.transport.request({
      method: 'PATCH',
      path: spec.path,
      body: spec.body,
      kind: 'idempotent',
      headers: PREFER_REPRESENTATION,
    });
    if (hasEntity(response.body)) return this.read<T>(spec.schema, response.body, spec.what);
    return this.entity<T>(spec.path, spec.schema, spec.what);
  }

  /**
   * A bound function (GET) with a single-value result, checked by the schema. `unsafe`: the function changes
   * something each time (CopyProject), so it is never retried and an unknown outcome says so.
   */
  async call<T>(path: string, schema: z.ZodType<T>, what: string, kind: 'read' | 'unsafe' = 'read'): Promise<T> {
    const response = await this.transport.request({ method: 'GET', path, kind });
    return parseEntity<T>(schema, scalarValue(response.body), what);
  }

  /** A bound action whose answer the product does not read. */
  async action(path: string, body: unknown): Promise<void> {
    await this.transport.request({ method: 'POST', path, body, kind: 'unsafe' });
  }

  /** A bound action whose answer may carry an entity (undefined when InLoox answers without a body). */
  async actionAnswer(path: string, body: unknown = {}): Promise<unknown> {
    const response = await this.transport.request({ method: 'POST', path, body, kind: 'unsafe' });
    return hasEntity(response.body) ? response.body : undefined;
  }

  /** An action that sets values (BatchUpdate): sending it twice changes nothing more, so it may be retried. */
  async batch(path: string, body: unknown): Promise<void> {
    await this.transport.request({ method: 'POST', path, body, kind: 'idempotent' });
  }

  async remove(path: string): Promise<void> {
    await this.transport.request({ method: 'DELETE', path, kind: 'idempotent' });
  }
}
