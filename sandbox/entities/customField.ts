import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { badRequest, notFound, ODataError } from '../odata/errors';
import type { PropertyLookup, Row } from '../odata/metadata';
import { parseGuidKey, parseStringLiteral } from '../odata/path';
import { GUID_PATTERN, parseDateTimeOffset } from '../odata/values';
import type { StoredRow } from '../store';
import { addListValue, listValues } from './customFieldList';
import { blockedDefinitions } from './customFieldPermission';
import { CUSTOM_FIELD_TABLES, CUSTOM_FIELD_TYPES } from './customFieldTables';
import { define, type EntitySetDefinition } from './define';

export { CUSTOM_FIELD_TABLES };

/** Values are kept in this internal collection, one row per object and field, keyed "objectId|Name". */
export const CUSTOM_FIELD_VALUE = 'CustomFieldValue';
/** Column name prefix of custom fields in the Dynamic* sets. */
const CUSTOM_FIELD_COLUMN = 'CustomField_';

const set = define('CustomField', { writable: ['Value'], allowInsert: false, allowDelete: false });

export function customFieldId(value: StoredRow): string {
  return `${value.ObjectId as string}|${value.Name as string}`;
}

export function deleteCustomValues(data: AccountData, objectId: string): void {
  for (const v of data.where(CUSTOM_FIELD_VALUE, 'ObjectId', objectId))
    data.remove(CUSTOM_FIELD_VALUE, customFieldId(v));
}

/** The custom field columns of one object, as the Dynamic* sets show them (CustomField_<ColumnName>). */
export function customColumns(data: AccountData, table: 'Project' | 'TaskItem', objectId: string): Row {
  const row: Row = {};
  for (const def of data.raw('CustomFieldDefinition')) {
    if (def.TableName !== table) continue;
    const value = data.rawOne(CUSTOM_FIELD_VALUE, `${objectId}|${def.ColumnName as string}`);
    row[`${CUSTOM_FIELD_COLUMN}${def.ColumnName as string}`] = value?.Value ?? null;
  }
  return row;
}

/** The declared properties of a Dynamic* set plus the custom field columns defined in this account for its table. */
export function customColumnLookup(data: AccountData, dynamic: EntitySetDefinition, table: string): PropertyLookup {
  return (name) => {
    const declared = dynamic.type.properties.get(name);
    if (declared || !name.startsWith(CUSTOM_FIELD_COLUMN)) return declared;
    const column = name.slice(CUSTOM_FIELD_COLUMN.length);
    const defined = data.raw('CustomFieldDefinition').some((d) => d.TableName === table && d.ColumnName === column);
    return defined ? { name, type: 'Edm.String', nullable: true } : undefined;
  };
}

function definitionFor(data: AccountData, name: string, objectId: string): { def: StoredRow; table: string } {
  const id = objectId.toLowerCase();
  for (const [table, setName] of Object.entries(CUSTOM_FIELD_TABLES)) {
    if (!data.rawOne(setName, id)) continue;
    const def = data.raw('CustomFieldDefinition').find((d) => d.TableName === table && d.ColumnName === name);
    if (def) return { def, table };
    throw notFound(`No custom field '${name}' is defined for ${table}.`);
  }
  throw notFound(`No object with id ${objectId} was found for custom field '${name}'.`);
}

function getCustomField(data: AccountData, name: string, objectId: string): Row {
  const { def } = definitionFor(data, name, objectId);
  const stored = data.rawOne(CUSTOM_FIELD_VALUE, `${objectId.toLowerCase()}|${name}`);
  return {
    ObjectId: objectId.toLowerCase(),
    Name: name,
    Value: stored?.Value ?? null,
    Type: CUSTOM_FIELD_TYPES[def.ColumnType as number] ?? 'String',
  };
}

/** Whether a value fits the field; a value new to a list fits when the field allows new items. */
function checkCustomValue(data: AccountData, def: StoredRow, value: string | null): void {
  if (value === null || value === '') return;
  if (def.ColumnType === 5) {
    const known = listValues(data, def.CustomFieldDefinitionId as string).some((v) => v.Text === value);
    if (known) return;
    if (def.AllowAddNewItem || def.ListAllowAddNewItem) return;
    throw badRequest(`'${value}' is not a value of the list of custom field '${def.ColumnName as string}'.`);
  }
  const type = def.ColumnType as number;
  const ok =
    type === 1
      ? parseDateTimeOffset(value) !== undefined
      : type === 2
        ? /^-?\d+$/.test(value) && Math.abs(Number(value)) < 2 ** 31
        : type === 3 || type === 6
          ? value.trim() !== '' && Number.isFinite(Number(value))
          : type === 4
            ? /^(true|false)$/i.test(value)
            : true;
  if (!ok)
    throw badRequest(
      `'${value}' is not a valid ${CUSTOM_FIELD_TYPES[type]} value for custom field '${def.ColumnName as string}'.`,
    );
}

/** Writes through the API respect permissions and write protection; the seed writes as the account itself. */
export type WriteAs = 'user' | 'seed';

function checkWritable(data: AccountData, def: StoredRow, table: string, objectId: string): void {
  const name = def.ColumnName as string;
  if (def.WriteProtectionEnabled)
    throw new ODataError(403, 'Forbidden', `The custom field '${name}' is write-protected.`);
  if (blockedDefinitions(data, table, objectId).some((d) => d.ColumnName === name))
    throw new ODataError(403, 'Forbidden', `You are not allowed to edit the custom field '${name}'.`);
}

function prepareCustomField(
  data: AccountData,
  name: unknown,
  objectId: unknown,
  value: unknown,
  as: WriteAs = 'user',
): StoredRow {
  if (typeof name !== 'string' || name === '') throw badRequest('Name is required.', 'MissingProperty');
  if (typeof objectId !== 'string' || !GUID_PATTERN.test(objectId))
    throw badRequest(`ObjectId '${String(objectId)}' is not a GUID.`);
  if (value !== null && typeof value !== 'string')
    throw badRequest(`Cannot convert the value of property 'Value' to Edm.String.`);
  const { def, table } = definitionFor(data, name, objectId);
  if (as === 'user') checkWritable(data, def, table, objectId);
  checkCustomValue(data, def, value);
  return {
    ObjectId: objectId.toLowerCase(),
    Name: name,
    Value: value,
    Type: CUSTOM_FIELD_TYPES[def.ColumnType as number],
    Table: table,
  };
}

function updateCustomField(data: AccountData, name: string, objectId: string, body: unknown): Row {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.');
  const entries = Object.entries(body as Record<string, unknown>).filter(([k]) => !k.startsWith('@odata.'));
  for (const [k] of entries) {
    if (k === 'Name' || k === 'ObjectId')
      throw badRequest(`The key property '${k}' cannot be changed.`, 'ReadOnlyProperty');
    if (k === 'Type')
      throw badRequest(`The property 'Type' is computed by the server and cannot be set.`, 'ReadOnlyProperty');
    if (k !== 'Value')
      throw badRequest(`The property '${k}' does not exist on type 'ApiCustomField'.`, 'InvalidProperty');
  }
  if (!('Value' in (body as object))) throw badRequest(`The property 'Value' is required.`, 'MissingProperty');
  const row = prepareCustomField(data, name, objectId, (body as Record<string, unknown>).Value);
  data.transaction(() => storeCustomValue(data, row));
  return getCustomField(data, name, objectId);
}

/** Stores a checked value; a list value the list does not have yet (the field allows new items) joins the list. */
function storeCustomValue(data: AccountData, row: StoredRow): void {
  const def = data.raw('CustomFieldDefinition').find((d) => d.TableName === row.Table && d.ColumnName === row.Name);
  const value = row.Value as string | null;
  if (
    def?.ColumnType === 5 &&
    value &&
    !listValues(data, def.CustomFieldDefinitionId as string).some((v) => v.Text === value)
  )
    addListValue(data, def.CustomFieldDefinitionId as string, value);
  data.put(CUSTOM_FIELD_VALUE, customFieldId(row), row);
}

/** Sets several values at once, all or nothing: `[{ ObjectId, Name, Value }]` or `{ value: [...] }`. */
export function batchUpdateCustomFields(data: AccountData, body: unknown, as: WriteAs = 'user'): Row[] {
  const items = Array.isArray(body) ? body : (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(items)) throw badRequest('BatchUpdate expects a JSON array of { ObjectId, Name, Value }.');
  const checked = items.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw badRequest(`Item ${index} is not an object.`);
    for (const k of Object.keys(item)) {
      if (!['ObjectId', 'Name', 'Value'].includes(k))
        throw badRequest(`Item ${index}: unknown property '${k}'.`, 'InvalidProperty');
    }
    const { Name, ObjectId, Value } = item as Record<string, unknown>;
    return { Name, ObjectId, Value: Value ?? null };
  });
  // Everything is checked before the first write: the store's caches do not roll back.
  const rows = checked.map(({ Name, ObjectId, Value }) => prepareCustomField(data, Name, ObjectId, Value, as));
  data.transaction(() => rows.forEach((row) => storeCustomValue(data, row)));
  return rows.map((row) => getCustomField(data, row.Name as string, row.ObjectId as string));
}

const KEY_FORM = (content: string) =>
  badRequest(`CustomField is addressed as CustomField(Name='…',ObjectId=…), not '${content}'.`);

const batchUpdate: BoundOperation = {
  kind: 'action',
  binding: 'collection',
  handler: ({ data, body }) => ({ set: 'CustomField', rows: batchUpdateCustomFields(data, body()), query: false }),
};

export const customField: EntityModule = {
  set,
  indexes: { [CUSTOM_FIELD_VALUE]: ['ObjectId'] },

  list: (data) => data.raw(CUSTOM_FIELD_VALUE).map((v) => data.withDefaults(set, v)),

  update() {
    throw badRequest('CustomField is addressed by Name and ObjectId.');
  },

  compositeKey: {
    parse(content) {
      const parts = new Map<string, string>();
      for (const part of content.split(/,(?=\s*(?:Name|ObjectId)\s*=)/)) {
        const eq = part.indexOf('=');
        if (eq < 0) throw KEY_FORM(content);
        parts.set(part.slice(0, eq).trim(), part.slice(eq + 1));
      }
      const name = parts.get('Name');
      const objectId = parts.get('ObjectId');
      if (name === undefined || objectId === undefined || parts.size !== 2) throw KEY_FORM(content);
      return { Name: parseStringLiteral(name), ObjectId: parseGuidKey(objectId, 'CustomField') };
    },
    get: (data, key) => getCustomField(data, key.Name!, key.ObjectId!),
    update: (data, key, body) => updateCustomField(data, key.Name!, key.ObjectId!, body),
  },

  operations: { BatchUpdate: batchUpdate },
};
