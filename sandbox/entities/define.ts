import { badRequest } from '../odata/errors';
import { loadModel, type EdmEntityType, type PropertyLookup } from '../odata/metadata';
import { coerceValue, TYPE_NAMESPACE } from '../odata/values';

export interface EntitySetDefinition {
  name: string;
  type: EdmEntityType;
  key: string;
  /** Properties a client may send in POST/PATCH; all other declared properties are computed or read-only. */
  writable: Set<string>;
  /** Properties POST must carry. */
  required: string[];
  allowInsert: boolean;
  allowUpdate: boolean;
  allowDelete: boolean;
  lookup: PropertyLookup;
}

function typeOf(entitySet: string): EdmEntityType {
  const model = loadModel();
  const typeName = model.entitySets.get(entitySet);
  const type = typeName ? model.entityTypes.get(typeName) : undefined;
  if (!type) throw new Error(`Entity set ${entitySet} is missing from the EDMX`);
  return type;
}

export function define(
  name: string,
  options: Partial<Omit<EntitySetDefinition, 'name' | 'type' | 'key' | 'lookup' | 'writable'>> & {
    type?: EdmEntityType;
    writable?: string[];
    lookup?: PropertyLookup;
  },
): EntitySetDefinition {
  const type = options.type ?? typeOf(name);
  const writable = new Set(options.writable ?? []);
  for (const property of writable)
    if (!type.properties.has(property)) throw new Error(`${name}.${property} is not in the EDMX`);
  return {
    name,
    type,
    key: type.keys[0]!,
    writable,
    required: options.required ?? [],
    allowInsert: options.allowInsert ?? writable.size > 0,
    allowUpdate: options.allowUpdate ?? writable.size > 0,
    allowDelete: options.allowDelete ?? writable.size > 0,
    lookup: options.lookup ?? ((property) => type.properties.get(property)),
  };
}

/**
 * Validates a POST/PATCH body against the entity set: unknown properties, computed or read-only properties and
 * wrong types are 400. Returns the normalized values.
 */
export function validateBody(
  set: EntitySetDefinition,
  body: unknown,
  mode: 'insert' | 'update',
): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest(`The request body must be a JSON object with properties of ${set.type.name}.`);
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '@odata.type') {
      const expected = `#${TYPE_NAMESPACE}.${set.type.name}`;
      if (value !== expected) throw badRequest(`The type '${String(value)}' is not ${expected}.`, 'InvalidType');
      continue;
    }
    if (name.startsWith('@odata.')) continue;
    const property = set.type.properties.get(name);
    if (!property)
      throw badRequest(`The property '${name}' does not exist on type '${set.type.name}'.`, 'InvalidProperty');
    if (name === set.key) {
      if (mode === 'update') throw badRequest(`The key property '${name}' cannot be changed.`, 'ReadOnlyProperty');
      result[name] = coerceValue({ ...property, nullable: false }, value);
      continue;
    }
    if (!set.writable.has(name))
      throw badRequest(`The property '${name}' is computed by the server and cannot be set.`, 'ReadOnlyProperty');
    result[name] = coerceValue(property, value);
  }
  if (mode === 'insert') {
    for (const name of set.required) {
      if (result[name] === undefined || result[name] === null || result[name] === '')
        throw badRequest(`The property '${name}' is required.`, 'MissingProperty');
    }
  }
  return result;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** An entity type the API reference documents but the 2024 EDMX lacks: [name, EDM type, nullable] per property. */
export function documentedType(
  name: string,
  key: string,
  properties: ReadonlyArray<readonly [string, string, boolean]>,
): EdmEntityType {
  return {
    name,
    keys: [key],
    openType: false,
    properties: new Map(properties.map(([p, type, nullable]) => [p, { name: p, type, nullable }])),
  };
}
