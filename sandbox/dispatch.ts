import type { AccountData, EntityModule, OperationResult } from './accountData';
import { badRequest, notFound, ODataError } from './odata/errors';
import { parseParameters } from './odata/parameters';
import { parseFunctionArgs, parseResourcePath, type SetAddressing, type Target } from './odata/path';
import {
  sendCollection,
  sendCreated,
  sendEmptyOk,
  sendEntity,
  sendNoContent,
  sendScalar,
  sendUpdated,
  sendValue,
  type Reply,
  type SetShape,
} from './odata/respond';

export interface RouteContext extends Reply {
  /** Path after the service base, e.g. "Project(…)/AddMember" */
  resourcePath: string;
  body: () => unknown;
  data: AccountData;
}

function methodNotAllowed(method: string, what: string): ODataError {
  return new ODataError(405, 'MethodNotAllowed', `${method} is not allowed on ${what}.`);
}

function shapeOf(data: AccountData, setName: string): SetShape {
  const { type } = data.definition(setName);
  return { name: setName, typeName: type.name, keys: type.keys, lookup: data.lookup(setName) };
}

function keyOf(target: Target): string {
  if (target.key?.kind !== 'single') throw badRequest(`${target.set} must be addressed by its key.`);
  return target.key.value;
}

function answer(ctx: RouteContext, result: OperationResult): void {
  if (!result) return sendEmptyOk(ctx.res);
  if ('type' in result) return sendScalar(ctx, result.type, result.value);
  const set = shapeOf(ctx.data, result.set);
  if ('entity' in result) return result.entity ? sendEntity(ctx, set, result.entity) : sendNoContent(ctx.res);
  if (result.query) return sendCollection(ctx, set, result.rows, result.keepOrder);
  sendValue(ctx, set, result.rows);
}

/** The body of an action that takes no parameters: InLoox's reference sends none, clients may send `{}`. */
function optionalBody(ctx: RouteContext): unknown {
  try {
    return ctx.body();
  } catch (error) {
    if (error instanceof ODataError && error.status === 400 && /body is empty/.test(error.message)) return undefined;
    throw error;
  }
}

/** Runs a bound function or action from the set's operation table. */
function handleOperation(ctx: RouteContext, module: EntityModule, target: Target): void {
  const op = target.operation!;
  const method = ctx.req.method;
  const binding = target.key ? 'entity' : 'collection';
  const operation = Object.hasOwn(module.operations ?? {}, op.name) ? module.operations![op.name] : undefined;
  if (!operation || operation.binding !== binding) {
    if (op.name === '$count')
      throw badRequest('The /$count path segment is not supported by this service; use $count=true.');
    throw notFound(`No operation '${op.name}' is bound to ${target.set}${target.key ? '(…)' : ''} in this service.`);
  }
  let body: () => unknown = () => undefined;
  if (operation.kind === 'function') {
    if (method !== 'GET') throw methodNotAllowed(method, `the function ${op.name}`);
    if (!op.call) throw notFound(`${op.name} is a function: call it as ${op.name}().`);
    if (op.args !== undefined && !operation.parameters)
      throw badRequest(`The function ${op.name} takes no parameters ('${op.args}').`, 'InvalidParameter');
    const inPath = op.args === undefined ? {} : parseFunctionArgs(op.args);
    body = () => inPath;
  } else {
    if (method !== 'POST') throw methodNotAllowed(method, `the action ${op.name}`);
    if (op.call) throw badRequest(`${op.name} is an action: call it without parentheses.`);
    const parsed = operation.bodyOptional ? optionalBody(ctx) : ctx.body();
    body = () => parsed;
  }
  const key = target.key ? keyOf(target) : '';
  const args = () => parseParameters(body(), operation.parameters ?? {});
  answer(ctx, operation.handler({ data: ctx.data, key, args, body, serviceBase: ctx.serviceBase }));
}

/** Dispatches one authenticated OData request to the account's data. Throws ODataError for every failure. */
export function handleODataRequest(ctx: RouteContext, modules: ReadonlyMap<string, EntityModule>): void {
  const { req, res, data } = ctx;
  const addressing = (name: string): SetAddressing | undefined => {
    const module = modules.get(name);
    if (!module || module.exposed === false) return undefined;
    return { key: module.set.key, parseCompositeKey: module.compositeKey?.parse };
  };
  const target = parseResourcePath(ctx.resourcePath, addressing);
  const module = modules.get(target.set)!;
  if (target.operation) return handleOperation(ctx, module, target);
  const { set } = target;
  const method = req.method;
  if (target.key?.kind === 'composite') {
    const composite = module.compositeKey!;
    if (method === 'GET') return sendEntity(ctx, shapeOf(data, set), composite.get(data, target.key.parts));
    if (method === 'PATCH')
      return sendUpdated(ctx, shapeOf(data, set), composite.update(data, target.key.parts, ctx.body()));
    throw methodNotAllowed(method, set);
  }
  if (target.key) {
    const key = keyOf(target);
    switch (method) {
      case 'GET':
        return sendEntity(ctx, shapeOf(data, set), data.get(set, key));
      case 'PATCH':
        return sendUpdated(ctx, shapeOf(data, set), data.update(set, key, ctx.body()));
      case 'DELETE':
        data.delete(set, key);
        return sendNoContent(res);
      default:
        throw methodNotAllowed(method, `${set}(key)`);
    }
  }
  switch (method) {
    case 'GET':
      return sendCollection(ctx, shapeOf(data, set), data.list(set));
    case 'POST': {
      const created = data.create(set, ctx.body());
      const key = created[data.definition(set).key] as string;
      return sendCreated(ctx, shapeOf(data, set), created, `${ctx.serviceBase}${set}(${key})`);
    }
    default:
      throw methodNotAllowed(method, set);
  }
}

/** The service document: every exposed entity set. */
export function serviceDocument(serviceBase: string, modules: ReadonlyMap<string, EntityModule>): unknown {
  return {
    '@odata.context': `${serviceBase}$metadata`,
    value: [...modules.values()]
      .filter((m) => m.exposed !== false)
      .map((m) => ({ name: m.set.name, kind: 'EntitySet', url: m.set.name })),
  };
}
