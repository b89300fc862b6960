import type { Request, Response } from 'express';
import type { AccountData } from './accountData';
import { GUID_PATTERN } from './entities';
import { badRequest, notFound, ODataError } from './errors';
import { loadModel } from './metadata';
import { applyQuery, parseQueryOptions, parseQueryString, selectProperties, type Row } from './query';

export const ODATA_BASES = ['/api/odata/', '/api/v1/odata/'] as const;

const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

type Key = { kind: 'single'; value: string } | { kind: 'customField'; name: string; objectId: string };

interface Target {
  set: string;
  key?: Key;
  operation?: { name: string; call: boolean };
}

/** Splits "Name(args)" into name and args; args undefined when there are no parentheses. */
function splitCall(segment: string): { name: string; args?: string } {
  const open = segment.indexOf('(');
  if (open < 0) return { name: segment };
  if (!segment.endsWith(')')) throw badRequest(`The path segment '${segment}' is malformed.`);
  return { name: segment.slice(0, open), args: segment.slice(open + 1, -1) };
}

function parseGuidKey(text: string, set: string): string {
  let value = text.trim();
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) value = value.slice(1, -1);
  if (!GUID_PATTERN.test(value)) throw badRequest(`The key '${text}' of ${set} is not a valid Edm.Guid.`);
  return value.toLowerCase();
}

function parseStringLiteral(text: string): string {
  const value = text.trim();
  if (!(value.startsWith("'") && value.endsWith("'") && value.length >= 2))
    throw badRequest(`'${text}' is not a string literal.`);
  const inner = value.slice(1, -1);
  if (/(^|[^'])'([^']|$)/.test(inner.replace(/''/g, ''))) throw badRequest(`'${text}' is not a string literal.`);
  return inner.replace(/''/g, "'");
}

/** Key of a set: "guid", "'guid'", "KeyName=guid", or for CustomField "Name='x',ObjectId=guid". */
function parseKey(set: string, keyName: string, content: string): Key {
  if (set === 'CustomField') {
    const parts = new Map<string, string>();
    for (const part of content.split(/,(?=\s*(?:Name|ObjectId)\s*=)/)) {
      const eq = part.indexOf('=');
      if (eq < 0) throw badRequest(`CustomField is addressed as CustomField(Name='…',ObjectId=…), not '${content}'.`);
      parts.set(part.slice(0, eq).trim(), part.slice(eq + 1));
    }
    const name = parts.get('Name');
    const objectId = parts.get('ObjectId');
    if (name === undefined || objectId === undefined || parts.size !== 2)
      throw badRequest(`CustomField is addressed as CustomField(Name='…',ObjectId=…), not '${content}'.`);
    return { kind: 'customField', name: parseStringLiteral(name), objectId: parseGuidKey(objectId, set) };
  }
  const eq = content.indexOf('=');
  if (eq >= 0) {
    const name = content.slice(0, eq).trim();
    if (name !== keyName) throw badRequest(`The key of ${set} is ${keyName}, not '${name}'.`);
    return { kind: 'single', value: parseGuidKey(content.slice(eq + 1), set) };
  }
  return { kind: 'single', value: parseGuidKey(content, set) };
}

function looksLikeKey(segment: string): boolean {
  return GUID_PATTERN.test(segment.replace(/^'(.*)'$/, '$1')) || /^Name\s*=/.test(segment);
}

function parseOperation(segment: string): { name: string; call: boolean } {
  const { name, args } = splitCall(segment);
  if (args !== undefined && args.trim() !== '')
    throw badRequest(`Function parameters in the path ('${segment}') are not supported by this service.`);
  return { name: name.startsWith('Default.') ? name.slice('Default.'.length) : name, call: args !== undefined };
}

export function parseResourcePath(path: string, sets: (name: string) => string | undefined): Target {
  const segments = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw badRequest(`The path segment '${s}' is not correctly percent-encoded.`);
    }
  });
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const first = splitCall(segments[0]!);
  const keyName = sets(first.name);
  if (!keyName) throw notFound(`No resource was found for '${first.name}'.`);
  const target: Target = { set: first.name };
  let index = 1;
  if (first.args !== undefined) target.key = parseKey(first.name, keyName, first.args);
  else if (segments[1] !== undefined && looksLikeKey(segments[1])) {
    target.key = parseKey(first.name, keyName, segments[1]);
    index = 2;
  }
  if (segments[index] !== undefined) target.operation = parseOperation(segments[index]!);
  if (segments.length > index + 1) throw notFound(`No resource was found for '${path}'.`);
  return target;
}

function contextUrl(base: string, fragment: string): string {
  return `${base}$metadata#${fragment}`;
}

function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).set('OData-Version', '4.0').type(JSON_TYPE).send(JSON.stringify(body));
}

/** 200 with an empty body: InLoox's answer to actions that return nothing (AddMember, RemoveMember, DeleteNote, …). */
function sendEmptyOk(res: Response): void {
  res.status(200).set('OData-Version', '4.0').set('Content-Length', '0').end();
}

function nextLink(
  req: Request,
  serviceBase: string,
  params: Map<string, string>,
  next: { top?: number; skip: number },
) {
  const path = req.originalUrl.split('?')[0]!;
  const origin = serviceBase.slice(0, serviceBase.indexOf('/api/'));
  const parts: string[] = [];
  for (const [name, value] of params) {
    if (name === '$top' || name === '$skip') continue;
    parts.push(`${encodeURIComponent(name).replace('%24', '$')}=${encodeURIComponent(value)}`);
  }
  if (next.top !== undefined) parts.push(`$top=${next.top}`);
  parts.push(`$skip=${next.skip}`);
  return `${origin}${path}?${parts.join('&')}`;
}

export interface RouteContext {
  req: Request;
  res: Response;
  /** e.g. http://127.0.0.1:8787/api/odata/ */
  serviceBase: string;
  /** Path after the service base, e.g. "Project(…)/AddMember" */
  resourcePath: string;
  rawQuery: string;
  body: () => unknown;
  data: AccountData;
}

/** Answers a collection with the query options applied. Function results keep their own order unless $orderby. */
function sendCollection(
  ctx: RouteContext,
  setForContext: string,
  rows: Row[],
  lookupSet?: string,
  keepOrder = false,
): void {
  const { data, serviceBase } = ctx;
  const params = parseQueryString(ctx.rawQuery);
  const definition = data.definition(lookupSet ?? setForContext);
  const lookup = data.lookup(lookupSet ?? setForContext);
  const options = parseQueryOptions(params, lookup);
  const page = applyQuery(rows, options, keepOrder ? [] : definition.type.keys, lookup);
  const fragment = options.select ? `${setForContext}(${options.select.join(',')})` : setForContext;
  const body: Record<string, unknown> = { '@odata.context': contextUrl(serviceBase, fragment) };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  body.value = page.rows.map((row) => selectProperties(row, options.select));
  if (page.next) body['@odata.nextLink'] = nextLink(ctx.req, serviceBase, params, page.next);
  sendJson(ctx.res, 200, body);
}

function sendEntity(ctx: RouteContext, set: string, row: Row, status = 200): void {
  const params = parseQueryString(ctx.rawQuery);
  let select: string[] | undefined;
  if (ctx.req.method === 'GET') {
    for (const name of params.keys()) {
      if (name.startsWith('$') && name !== '$select')
        throw badRequest(`The query option '${name}' cannot be applied to a single entity.`);
    }
    select = parseQueryOptions(new Map([...params].filter(([n]) => n === '$select')), ctx.data.lookup(set)).select;
  }
  const fragment = select ? `${set}(${select.join(',')})/$entity` : `${set}/$entity`;
  sendJson(ctx.res, status, {
    '@odata.context': contextUrl(ctx.serviceBase, fragment),
    ...selectProperties(row, select),
  });
}

function methodNotAllowed(method: string, what: string): ODataError {
  return new ODataError(405, 'MethodNotAllowed', `${method} is not allowed on ${what}.`);
}

function keyOf(target: Target, set: string): string {
  if (target.key?.kind !== 'single') throw badRequest(`${set} must be addressed by its key.`);
  return target.key.value;
}

function handleOperation(ctx: RouteContext, target: Target): void {
  const { req, data } = ctx;
  const op = target.operation!;
  const method = req.method;
  const requireAction = () => {
    if (method !== 'POST') throw methodNotAllowed(method, `the action ${op.name}`);
    if (op.call) throw badRequest(`${op.name} is an action: call it without parentheses.`);
  };
  const requireFunction = () => {
    if (method !== 'GET') throw methodNotAllowed(method, `the function ${op.name}`);
    if (!op.call) throw notFound(`${op.name} is a function: call it as ${op.name}().`);
  };
  const set = target.set;
  if (set === 'UserInfo' && !target.key && op.name === 'Me') {
    requireFunction();
    return sendCollection(ctx, 'UserInfo', [data.userInfo()]);
  }
  if (set === 'CustomField' && !target.key && op.name === 'BatchUpdate') {
    requireAction();
    const rows = data.batchUpdateCustomFields(ctx.body());
    return sendJson(ctx.res, 200, { '@odata.context': contextUrl(ctx.serviceBase, 'CustomField'), value: rows });
  }
  if (set === 'Project' && target.key) {
    const projectId = keyOf(target, set);
    switch (op.name) {
      case 'GetProjectContactRelations':
        requireFunction();
        return sendCollection(ctx, 'ProjectContactRelation', data.members(projectId), 'ProjectContactRelation', true);
      case 'AddMember':
        requireAction();
        data.addMemberAction(projectId, ctx.body());
        return sendEmptyOk(ctx.res);
      case 'RemoveMember':
        requireAction();
        data.removeMemberAction(projectId, ctx.body());
        return sendEmptyOk(ctx.res);
      case 'AddNote':
        requireAction();
        data.addProjectNote(projectId, ctx.body());
        return sendEmptyOk(ctx.res);
      case 'DeleteNote':
        requireAction();
        data.deleteProjectNote(projectId, ctx.body());
        return sendEmptyOk(ctx.res);
    }
  }
  if (set === 'Task' && target.key && op.name === 'AddNote') {
    requireAction();
    data.addTaskNote(keyOf(target, set), ctx.body());
    return sendEmptyOk(ctx.res);
  }
  if (op.name === '$count')
    throw badRequest('The /$count path segment is not supported by this service; use $count=true.');
  throw notFound(`No operation '${op.name}' is bound to ${set}${target.key ? '(…)' : ''} in this service.`);
}

/** Dispatches one authenticated OData request to the account's data. Throws ODataError for every failure. */
export function handleODataRequest(ctx: RouteContext): void {
  const { req, res, data } = ctx;
  const setKey = (name: string) => {
    if (name === 'ProjectContactRelation') return undefined;
    try {
      return data.definition(name).key;
    } catch {
      return undefined;
    }
  };
  const target = parseResourcePath(ctx.resourcePath, setKey);
  if (target.operation) return handleOperation(ctx, target);
  const { set } = target;
  const method = req.method;
  if (set === 'CustomField' && target.key?.kind === 'customField') {
    const { name, objectId } = target.key;
    if (method === 'GET') return sendEntity(ctx, set, data.getCustomField(name, objectId));
    if (method === 'PATCH') return sendEntity(ctx, set, data.updateCustomField(name, objectId, ctx.body()));
    throw methodNotAllowed(method, 'CustomField');
  }
  if (target.key) {
    const key = keyOf(target, set);
    switch (method) {
      case 'GET':
        return sendEntity(ctx, set, data.getForApi(set, key));
      case 'PATCH':
        return sendEntity(ctx, set, data.update(set, key, ctx.body()));
      case 'DELETE':
        data.delete(set, key);
        res.status(204).set('OData-Version', '4.0').end();
        return;
      default:
        throw methodNotAllowed(method, `${set}(key)`);
    }
  }
  switch (method) {
    case 'GET':
      return sendCollection(ctx, set, data.listForApi(set));
    case 'POST': {
      const created = data.create(set, ctx.body());
      const key = created[data.definition(set).key] as string;
      res.set('Location', `${ctx.serviceBase}${set}(${key})`);
      return sendEntity(ctx, set, created, 201);
    }
    default:
      throw methodNotAllowed(method, set);
  }
}

export function serviceDocument(serviceBase: string): unknown {
  const sets = [
    'Project',
    'Task',
    'Contact',
    'UserInfo',
    'ProjectNote',
    'TaskStatus',
    'CustomFieldDefinition',
    'CustomField',
    'DynamicProject',
    'DynamicTaskItem',
    'TimeEntry',
  ];
  return {
    '@odata.context': `${serviceBase}$metadata`,
    value: sets.map((name) => ({ name, kind: 'EntitySet', url: name })),
  };
}

export function metadataXml(): string {
  return loadModel().xml;
}
