import type { Request, Response } from 'express';
import { connectorEntity, type SandboxShape } from './connectorShape';
import { badRequest } from './errors';
import type { PropertyLookup, Row } from './metadata';
import { parseQueryOptions, parseQueryString } from './options';
import { applyQuery, selectProperties } from './paging';

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

/** One request being answered. */
export interface Reply {
  req: Request;
  res: Response;
  /** e.g. http://127.0.0.1:8787/api/odata/ */
  serviceBase: string;
  rawQuery: string;
  shape: SandboxShape;
}

/** The entity set an answer is about: its name, key properties and the properties queries may use. */
export interface SetShape {
  name: string;
  /** The EDM entity type, e.g. "ApiProject". */
  typeName: string;
  keys: string[];
  lookup: PropertyLookup;
}

function contextUrl(base: string, fragment: string): string {
  return `${base}$metadata#${fragment}`;
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).set('OData-Version', '4.0').type(JSON_TYPE).send(JSON.stringify(body));
}

/** 200 with an empty body: InLoox's answer to actions that return nothing (AddMember, RemoveMember, DeleteNote, …). */
export function sendEmptyOk(res: Response): void {
  res.status(200).set('OData-Version', '4.0').set('Content-Length', '0').end();
}

export function sendNoContent(res: Response): void {
  res.status(204).set('OData-Version', '4.0').end();
}

/** "/api/odata/" of "http://host/api/odata/". */
function basePath(reply: Reply): string {
  return new URL(reply.serviceBase).pathname;
}

function entities(reply: Reply, set: SetShape, rows: Row[]): Row[] {
  if (reply.shape !== 'connector') return rows;
  return rows.map((row) => connectorEntity(set.typeName, set.lookup, row));
}

function nextLink(reply: Reply, params: Map<string, string>, next: { top?: number; skip: number }): string {
  const path = reply.req.originalUrl.split('?')[0]!;
  const origin = reply.serviceBase.slice(0, reply.serviceBase.indexOf('/api/'));
  const parts: string[] = [];
  for (const [name, value] of params) {
    if (name === '$top' || name === '$skip') continue;
    parts.push(`${encodeURIComponent(name).replace('%24', '$')}=${encodeURIComponent(value)}`);
  }
  if (next.top !== undefined) parts.push(`$top=${next.top}`);
  parts.push(`$skip=${next.skip}`);
  // The connector form is relative to the service root (what the context URL resolves against).
  if (reply.shape === 'connector') return `${path.slice(basePath(reply).length)}?${parts.join('&')}`;
  return `${origin}${path}?${parts.join('&')}`;
}

/**
 * Answers a collection with the request's query options applied. keepOrder: a function result keeps its own order
 * unless $orderby asks otherwise (entity sets are ordered by key, so paging is stable).
 */
export function sendCollection(reply: Reply, set: SetShape, rows: Row[], keepOrder = false): void {
  const params = parseQueryString(reply.rawQuery);
  const options = parseQueryOptions(params, set.lookup);
  const page = applyQuery(rows, options, keepOrder ? [] : set.keys, set.lookup);
  const fragment = options.select ? `${set.name}(${options.select.join(',')})` : set.name;
  const body: Record<string, unknown> = { '@odata.context': contextUrl(reply.serviceBase, fragment) };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  body.value = entities(
    reply,
    set,
    page.rows.map((row) => selectProperties(row, options.select)),
  );
  if (page.next) body['@odata.nextLink'] = nextLink(reply, params, page.next);
  sendJson(reply.res, 200, body);
}

/** A function's single value (Edm.Boolean, Edm.Guid, Edm.String, …), as OData v4 writes it: {"value": …}. */
export function sendScalar(reply: Reply, type: string, value: unknown): void {
  sendJson(reply.res, 200, { '@odata.context': contextUrl(reply.serviceBase, type), value });
}

/** Answers a collection as it is (no query options), e.g. the result of CustomField/BatchUpdate. */
export function sendValue(reply: Reply, set: SetShape, rows: Row[]): void {
  sendJson(reply.res, 200, {
    '@odata.context': contextUrl(reply.serviceBase, set.name),
    value: entities(reply, set, rows),
  });
}

/** Answers one entity; on GET only $select applies. The connector form wraps it: {"value":[entity]}. */
export function sendEntity(reply: Reply, set: SetShape, row: Row, status = 200): void {
  const params = parseQueryString(reply.rawQuery);
  let select: string[] | undefined;
  if (reply.req.method === 'GET') {
    for (const name of params.keys()) {
      if (name.startsWith('$') && name !== '$select')
        throw badRequest(`The query option '${name}' cannot be applied to a single entity.`);
    }
    select = parseQueryOptions(new Map([...params].filter(([n]) => n === '$select')), set.lookup).select;
  }
  const fields = select ? `(${select.join(',')})` : '';
  if (reply.shape === 'connector') {
    sendJson(reply.res, status, {
      '@odata.context': contextUrl(reply.serviceBase, `${set.name}${fields}`),
      value: entities(reply, set, [selectProperties(row, select)]),
    });
    return;
  }
  sendJson(reply.res, status, {
    '@odata.context': contextUrl(reply.serviceBase, `${set.name}${fields}/$entity`),
    ...selectProperties(row, select),
  });
}

/**
 * PATCH answered. The connector form: 204 without a body, or 200 with {"value":[entity]} when the request asks
 * for it with "Prefer: return=representation".
 */
export function sendUpdated(reply: Reply, set: SetShape, row: Row): void {
  if (reply.shape === 'connector' && !/\breturn=representation\b/i.test(reply.req.get('prefer') ?? ''))
    return sendNoContent(reply.res);
  sendEntity(reply, set, row);
}

/**
 * POST answered: 201 with the new entity and its address in Location; the connector form: 204 without a body,
 * the address in OData-EntityId and Location.
 */
export function sendCreated(reply: Reply, set: SetShape, row: Row, entityUrl: string): void {
  reply.res.set('Location', entityUrl);
  if (reply.shape === 'connector') {
    reply.res.set('OData-EntityId', entityUrl);
    return sendNoContent(reply.res);
  }
  sendEntity(reply, set, row, 201);
}
