import { defaultParser } from '@odata/parser';
import { badRequest } from './errors';
import type { PropertyLookup, Row } from './metadata';

// $filter: parsed by @odata/parser, compiled to a predicate with the semantics of ASP.NET OData over SQL.
type Kind = 'string' | 'guid' | 'datetime' | 'number' | 'boolean' | 'null' | 'binary';

interface Compiled {
  kind: Kind;
  evaluate: (row: Row) => unknown;
}

export interface Token {
  type: string;
  value: unknown;
  raw: string;
}

export function kindOfEdm(type: string): Kind {
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

export function propertyName(token: Token): string {
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

export function compare(a: unknown, b: unknown): number {
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
