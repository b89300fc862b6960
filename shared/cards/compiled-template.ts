/**
 * Adaptive Card templates compiled once into closures that give the same result as adaptivecards-templating's
 * `Template.expand`, without its per-value work: the library builds a memory object, an options object and a path
 * string, splits that path and compares every key of every object on the way case-insensitively for each `${…}` it
 * fills (about 36 KB of garbage and most of the CPU of rendering a card).
 *
 * The JSON templates stay the source; the library's own parser (`Template.parseInterpolatedString`) turns their
 * strings into expressions, and the expression kinds the templates use (property paths, constants, comparisons,
 * `&&`, `||`, `!`, `count`) are evaluated here with the library's rules: a path that finds nothing is replaced by its
 * own text `${path}` in values (not inside comparisons, logic and `$when`); a failing comparison operand makes it
 * false; `$when` keeps an element only for a boolean true; `$data` bound to a list repeats the element. Any other
 * expression kind is evaluated by adaptive-expressions itself on a memory shaped as the library shapes it.
 * One deliberate shortcut: a property is looked up by its exact name first (the library takes the first key that
 * matches ignoring case, which differs only for objects with two keys that differ just in case; card data has none).
 */
import * as AEL from 'adaptive-expressions';
import * as ACData from 'adaptivecards-templating';

interface Scope {
  readonly root: unknown;
  /** The element's `$data`; undefined means `$root`. */
  readonly data: unknown;
  readonly index: number | undefined;
}

/** An expression failed to evaluate (the library's `{ error }`), with the library's message where it has one. */
class Failure {
  constructor(readonly message: string) {}
}

type Evaluate = (scope: Scope, substitute: boolean) => unknown;
type Expand = (scope: Scope) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
/** The keys of the library's evaluation memory, in its order: a path's first part is matched against them. */
const MEMORY_KEYS = ['_memory', '$root', '$data', '$index', '$host', '$_acTemplateVersion'];

let templateVersion: unknown;
/** `$_acTemplateVersion` as the library computes it (from its package version), asked of the library once. */
function acTemplateVersion(): unknown {
  templateVersion ??= (new ACData.Template({ v: '${$_acTemplateVersion}' }).expand({ $root: {} }) as { v: unknown }).v;
  return templateVersion;
}

function substitution(path: string): string {
  return ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString?.(path) || '${' + path + '}';
}

/** The library's evaluation memory for one scope, for the expression kinds evaluated by adaptive-expressions. */
class ScopeMemory {
  readonly _memory: AEL.SimpleObjectMemory;
  readonly $root: unknown;
  readonly $data: unknown;
  readonly $index: number | undefined;
  readonly $host: unknown = undefined;
  readonly $_acTemplateVersion: unknown;

  constructor(scope: Scope) {
    this._memory = new AEL.SimpleObjectMemory(this);
    this.$root = scope.root;
    this.$data = scope.data !== undefined ? scope.data : scope.root;
    this.$index = scope.index;
    this.$_acTemplateVersion = acTemplateVersion();
  }

  getValue(path: string): unknown {
    return this._memory.getValue(path.length > 0 && path[0] !== '$' ? '$data.' + path : path);
  }

  setValue(path: string, input: unknown): void {
    this._memory.setValue(path, input);
  }

  version(): string {
    return this._memory.version();
  }
}

const plainOptions = new AEL.Options();
const substitutingOptions = new AEL.Options();
substitutingOptions.nullSubstitution = substitution;

function byLibrary(expression: AEL.Expression): Evaluate {
  return (scope, substitute) => {
    const memory = new ScopeMemory(scope) as unknown as AEL.MemoryInterface;
    const { value, error } = expression.tryEvaluate(memory, substitute ? substitutingOptions : plainOptions);
    if (error) throw new Failure(String(error));
    return value;
  };
}

const isEnumerableOwn = Object.prototype.propertyIsEnumerable;

/** adaptive-expressions' accessProperty, with the exact name tried first. */
function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    if (instance.get(name) !== undefined) return instance.get(name);
    const key = [...instance.keys()].find((k) => String(k).toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : instance.get(key);
  }
  if (typeof instance === 'object' && !Array.isArray(instance) && isEnumerableOwn.call(instance, name))
    return (instance as Record<string, unknown>)[name];
  const lower = name.toLowerCase();
  const key = Object.keys(instance).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : (instance as Record<string, unknown>)[key];
}

/** The path of an accessor chain (`a.b.c`) as the library accumulates it; undefined when it is not a plain chain. */
function accessorPath(expression: AEL.Expression): string | undefined {
  let path = '';
  let left: AEL.Expression | undefined = expression;
  while (left !== undefined) {
    if (left.type !== AEL.ExpressionType.Accessor) return undefined;
    path = String((left.children[0] as AEL.Constant).value) + '.' + path;
    left = left.children.length === 2 ? left.children[1] : undefined;
  }
  path = path.replace(/(\.*$)/g, '').replace(/(\.\[)/g, '[');
  return path === '' ? undefined : path;
}

function accessor(expression: AEL.Expression): Evaluate {
  const path = accessorPath(expression);
  if (path === undefined) return byLibrary(expression);
  const actual = path[0] !== '$' ? '$data.' + path : path;
  const parts = actual
    .split(/[.[\]]+/)
    .filter((part) => part !== '')
    .map((part) =>
      (part.startsWith('"') && part.endsWith('"')) || (part.startsWith("'") && part.endsWith("'"))
        ? part.slice(1, -1)
        : part,
    );
  const first = MEMORY_KEYS.find((key) => key.toLowerCase() === parts[0]!.toLowerCase());
  if (first === '_memory') return byLibrary(expression);
  const rest = parts.slice(1).map((part) => ({ name: part, index: parseInt(part) }));
  const start = (scope: Scope): unknown => {
    switch (first) {
      case '$root':
        return scope.root;
      case '$data':
        return scope.data !== undefined ? scope.data : scope.root;
      case '$index':
        return scope.index;
      case '$_acTemplateVersion':
        return acTemplateVersion();
      default:
        return undefined;
    }
  };
  const lookup = (scope: Scope): unknown => {
    let value = start(scope);
    for (const part of rest) {
      if (!Number.isNaN(part.index) && Array.isArray(value)) {
        if (part.index < 0 || part.index >= value.length) return undefined;
        value = value[part.index];
      } else value = property(value, part.name);
    }
    return value;
  };
  return (scope, substitute) => {
    const value = lookup(scope);
    return value === undefined && substitute ? substitution(path) : value;
  };
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function equals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'object' && a !== null) || (typeof b === 'object' && b !== null))
    return AEL.FunctionUtils.commonEquals(a, b);
  if (a == null || b == null) return a == null && b == null;
  if (isNumber(a) && isNumber(b) && Math.abs(a - b) < Number.EPSILON) return true;
  return a === b;
}

function isLogicTrue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return value != null;
}

/** Evaluates without substitution; a failure is reported as such instead of thrown. */
function attempt(evaluate: Evaluate, scope: Scope): { value: unknown } | undefined {
  try {
    return { value: evaluate(scope, false) };
  } catch (error) {
    if (error instanceof Failure) return undefined;
    throw error;
  }
}

const ORDER: Record<string, (a: number | string | Date, b: number | string | Date) => boolean> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
};

function compileExpression(expression: AEL.Expression): Evaluate {
  const children = expression.children.map((child) => compileExpression(child));
  const type = expression.type;
  if (type === AEL.ExpressionType.Accessor) return accessor(expression);
  if (type === AEL.ExpressionType.Constant) {
    const value = (expression as AEL.Constant).value as unknown;
    return () => value;
  }
  if ((type === '==' || type === '!=') && children.length === 2) {
    const [left, right] = children as [Evaluate, Evaluate];
    const same = type === '==';
    return (scope) => {
      const a = attempt(left, scope);
      const b = a && attempt(right, scope);
      if (!a || !b) return false;
      return equals(a.value, b.value) === same;
    };
  }
  const order = ORDER[type];
  if (order && children.length === 2) {
    const [left, right] = children as [Evaluate, Evaluate];
    return (scope) => {
      const a = attempt(left, scope);
      if (!a || a.value == null) return false;
      const b = attempt(right, scope);
      if (!b || b.value == null) return false;
      const [x, y] = [a.value, b.value];
      if (
        (isNumber(x) && isNumber(y)) ||
        (typeof x === 'string' && typeof y === 'string') ||
        (x instanceof Date && y instanceof Date)
      )
        return order(x, y);
      throw new Failure(`${String(x)} and ${String(y)} must be comparable.`);
    };
  }
  if (type === AEL.ExpressionType.And)
    return (scope) => children.every((child) => isLogicTrue(attempt(child, scope)?.value));
  if (type === AEL.ExpressionType.Or)
    return (scope) => children.some((child) => isLogicTrue(attempt(child, scope)?.value));
  if (type === AEL.ExpressionType.Not && children.length === 1) {
    const [operand] = children as [Evaluate];
    return (scope) => {
      const result = attempt(operand, scope);
      return result ? !isLogicTrue(result.value) : true;
    };
  }
  if (type === AEL.ExpressionType.Count && children.length === 1) {
    const [operand] = children as [Evaluate];
    return (scope, substitute) => {
      const value = operand(scope, substitute);
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (value instanceof Map) return value.size;
      if (typeof value === 'object' && value !== null) return Object.keys(value).length;
      throw new Failure(`${expression.children[0]!.toString()} must be a string, list, map or object.`);
    };
  }
  return byLibrary(expression);
}

/** A `${…}` in a value: its result, or the library's error as an exception (the library throws there too). */
function compileValue(expression: AEL.Expression): Expand {
  if (expression.type === AEL.ExpressionType.Concat) {
    // Text with several parts: each failing part shows as its own `${…}`, the rest is joined as text.
    const parts = expression.children.map((child) => ({ evaluate: compileExpression(child), text: child.toString() }));
    return (scope) => {
      let result = '';
      for (const part of parts) {
        let value: unknown;
        try {
          value = part.evaluate(scope, true);
        } catch (error) {
          if (!(error instanceof Failure)) throw error;
          value = '${' + part.text + '}';
        }
        result += (value as { toString(): string }).toString();
      }
      return result;
    };
  }
  const evaluate = compileExpression(expression);
  return (scope) => {
    try {
      return evaluate(scope, true);
    } catch (error) {
      if (error instanceof Failure) throw new Error(error.message);
      throw error;
    }
  };
}

/** The library's preparation of a template: every string with `${` becomes an expression. */
function prepare(node: unknown): unknown {
  if (typeof node === 'string') return ACData.Template.parseInterpolatedString(node);
  if (Array.isArray(node)) return node.map(prepare);
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, prepare(value)]));
  return node;
}

function compileNode(node: unknown): Expand {
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    return (scope) => {
      const out: unknown[] = [];
      for (const item of items) {
        const value = item(scope);
        if (value === null) continue;
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else out.push(value);
      }
      return out;
    };
  }
  if (node instanceof AEL.Expression) return compileValue(node);
  if (node && typeof node === 'object') return compileObject(node as Record<string, unknown>);
  return () => node;
}

function compileObject(node: Record<string, unknown>): Expand {
  const fields = Object.keys(node)
    .filter((key) => !RESERVED.has(key))
    .map((key) => ({ key, expand: compileNode(node[key]) }));
  const when = node.$when;
  const whenTest =
    when instanceof AEL.Expression
      ? ((evaluate: Evaluate) => (scope: Scope) => {
          const result = attempt(evaluate, scope);
          return result !== undefined && result.value === true;
        })(compileExpression(when))
      : when
        ? () => false
        : undefined;
  const data = node.$data;
  const dataOf: ((scope: Scope) => unknown) | undefined =
    data === undefined ? undefined : data instanceof AEL.Expression ? compileValue(data) : () => data;

  const expandOne = (scope: Scope): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const value = field.expand(scope);
      if (value !== undefined) out[field.key] = value;
    }
    return out;
  };
  return (scope) => {
    if (!dataOf) {
      if (whenTest && !whenTest(scope)) return null;
      return expandOne(scope);
    }
    const bound = dataOf(scope);
    const list = Array.isArray(bound);
    const contexts: unknown[] = list ? bound : [bound];
    const results: Record<string, unknown>[] = [];
    let current = scope;
    for (let i = 0; i < contexts.length; i++) {
      const item = contexts[i];
      // The library keeps the previous item's $data when an item is undefined.
      current = {
        root: scope.root,
        data: item !== undefined ? item : current.data,
        index: list ? i : current.index,
      };
      if (whenTest && !whenTest(current)) continue;
      results.push(expandOne(current));
    }
    if (results.length === 0) return null;
    return results.length === 1 ? results[0] : results;
  };
}

export type CompiledTemplate = (root: object) => unknown;

/** The template as a function of `$root` giving what `new Template(template).expand({ $root })` gives. */
export function compileTemplate(template: unknown): CompiledTemplate {
  const expand = compileNode(prepare(template));
  return (root) => expand({ root, data: undefined, index: undefined });
}
