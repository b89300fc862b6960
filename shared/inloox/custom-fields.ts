/**
 * Custom fields: definitions (cached per key for a short time, read from three sets at once), values through the
 * Dynamic* sets with only the needed columns, blocked fields per object, and writes in one BatchUpdate.
 */
import { z } from 'zod';
import { asCollection, plainEntity } from './answers';
import {
  CUSTOM_FIELD_TYPES,
  type CustomFieldDefinition,
  type CustomFieldSchema,
  type CustomFieldSection,
  type CustomFieldTable,
  type CustomFieldValues,
} from './custom-field-types';
import { InLooxError } from './errors';
import { checkGuid, type ODataSession } from './odata';
import { buildQuery, entityPath, guidLiteral, stringLiteral } from './query';
import { parseEntity, validate } from './schemas';
import type { Guid } from './types';

/** Definitions change rarely and only by an administrator; a short lifetime keeps cards cheap and still current. */
export const DEFINITION_LIFETIME_MS = 5 * 60_000;
/** The Custom Fields page names Dynamic columns CustomField_<ColumnName>, the Projects page CF_<FieldName>. */
export const COLUMN_PREFIXES = ['CustomField_', 'CF_'] as const;
const DYNAMIC_SET: Record<CustomFieldTable, { set: string; key: string }> = {
  Project: { set: 'DynamicProject', key: 'Project_ProjectId' },
  TaskItem: { set: 'DynamicTaskItem', key: 'TaskItem_TaskItemId' },
};
const TABLES: readonly string[] = ['Project', 'TaskItem'];
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const text = z.string().nullable().optional();
const flag = z.boolean().nullable().optional();
const guid = z.string();

const definitionSchema = z.looseObject({
  CustomFieldDefinitionId: guid,
  ColumnName: z.string(),
  DisplayName: text,
  TableName: text,
  OrdinalPosition: z.number().nullable().optional(),
  ColumnType: z.number(),
  DisplayRuleField: text,
  DisplayRuleExpression: text,
  CurrencySymbol: text,
  WriteProtectionEnabled: flag,
  WarningIfEmpty: flag,
  AllowAddNewItem: flag,
  ListAllowAddNewItem: flag,
  CustomFieldSectionId: text,
});
const sectionSchema = z.looseObject({
  CustomFieldSectionId: guid,
  TableName: text,
  DisplayName: text,
  OrdinalPosition: z.number().nullable().optional(),
});
const listValueSchema = z.looseObject({
  CustomFieldDefinitionId: guid,
  OrdinalPosition: z.number().nullable().optional(),
  Text: text,
});

type RawDefinition = z.infer<typeof definitionSchema>;
type RawSection = z.infer<typeof sectionSchema>;
type RawListValue = z.infer<typeof listValueSchema>;

async function readAll<T>(odata: ODataSession, entitySet: string, schema: z.ZodType, what: string): Promise<T[]> {
  return (await odata.list<T>({ entitySet, schema, what })).items;
}

function toDefinition(raw: RawDefinition, lists: Map<string, RawListValue[]>): CustomFieldDefinition | undefined {
  const table = raw.TableName ?? '';
  const type = CUSTOM_FIELD_TYPES[raw.ColumnType];
  if (!TABLES.includes(table) || !type || !COLUMN.test(raw.ColumnName)) return undefined;
  const id = raw.CustomFieldDefinitionId.toLowerCase();
  const values = (lists.get(id) ?? []).sort((a, b) => (a.OrdinalPosition ?? 0) - (b.OrdinalPosition ?? 0));
  return {
    id,
    column: raw.ColumnName,
    label: raw.DisplayName?.trim() || raw.ColumnName,
    table: table as CustomFieldTable,
    type,
    sectionId: raw.CustomFieldSectionId?.toLowerCase() || undefined,
    position: raw.OrdinalPosition ?? Number.MAX_SAFE_INTEGER,
    writeProtected: raw.WriteProtectionEnabled === true,
    warnIfEmpty: raw.WarningIfEmpty === true,
    allowNew: raw.AllowAddNewItem === true || raw.ListAllowAddNewItem === true,
    currencySymbol: raw.CurrencySymbol?.trim() || undefined,
    rule: raw.DisplayRuleField
      ? { field: raw.DisplayRuleField, expression: raw.DisplayRuleExpression ?? '' }
      : undefined,
    listValues: values.map((v) => v.Text ?? '').filter((v) => v !== ''),
  };
}

/** Every table's schema from the three definition sets (three reads, for all tables together). */
export async function loadCustomFieldSchemas(odata: ODataSession): Promise<Map<CustomFieldTable, CustomFieldSchema>> {
  const [definitions, sections, listValues] = await Promise.all([
    readAll<RawDefinition>(odata, 'CustomFieldDefinition', definitionSchema, 'custom field definition'),
    readAll<RawSection>(odata, 'CustomFieldSection', sectionSchema, 'custom field section'),
    readAll<RawListValue>(odata, 'CustomFieldDefinitionListDefinition', listValueSchema, 'custom field list value'),
  ]);
  const lists = new Map<string, RawListValue[]>();
  for (const value of listValues) {
    const id = value.CustomFieldDefinitionId.toLowerCase();
    lists.set(id, [...(lists.get(id) ?? []), value]);
  }
  const result = new Map<CustomFieldTable, CustomFieldSchema>();
  for (const table of TABLES as CustomFieldTable[]) {
    const own: CustomFieldSection[] = sections
      .filter((s) => s.TableName === table)
      .map((s) => ({
        id: s.CustomFieldSectionId.toLowerCase(),
        table,
        name: s.DisplayName ?? '',
        position: s.OrdinalPosition ?? 0,
      }))
      .sort((a, b) => a.position - b.position);
    const rank = (field: CustomFieldDefinition) => {
      const index = own.findIndex((s) => s.id === field.sectionId);
      return index < 0 ? own.length : index;
    };
    const fields = definitions
      .map((d) => toDefinition(d, lists))
      .filter((d): d is CustomFieldDefinition => d?.table === table)
      .sort((a, b) => rank(a) - rank(b) || a.position - b.position || a.label.localeCompare(b.label));
    result.set(table, { table, sections: own, fields });
  }
  return result;
}

/** One key's definitions for a short while; concurrent first reads share one load. */
export class CustomFieldCache {
  private entry: { at: number; schemas: Promise<Map<CustomFieldTable, CustomFieldSchema>> } | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  async get(odata: ODataSession, table: CustomFieldTable, refresh = false): Promise<CustomFieldSchema> {
    if (!TABLES.includes(table)) throw new InLooxError('validation', { field: 'table', detail: 'unknown table' });
    if (refresh || !this.entry || this.now() - this.entry.at > DEFINITION_LIFETIME_MS) {
      const schemas = loadCustomFieldSchemas(odata);
      const entry = { at: this.now(), schemas };
      this.entry = entry;
      schemas.catch(() => {
        if (this.entry === entry) this.entry = undefined;
      });
    }
    return (await this.entry.schemas).get(table)!;
  }

  clear(): void {
    this.entry = undefined;
  }
}

function checkColumns(columns: string[]): string[] {
  for (const column of columns)
    if (!COLUMN.test(column)) throw new InLooxError('validation', { field: column, detail: 'not a custom field name' });
  return [...new Set(columns)];
}

/** JSON values of a Dynamic row as the text InLoox stores (numbers and booleans may come typed). */
function asText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Reads a row's custom columns under either documented prefix. */
export function customValuesOf(row: Record<string, unknown>, columns: string[]): CustomFieldValues {
  const values: CustomFieldValues = {};
  for (const column of columns) {
    const prefixed = COLUMN_PREFIXES.map((prefix) => row[`${prefix}${column}`]).find((v) => v !== undefined);
    values[column] = asText(prefixed);
  }
  return values;
}

/** The values of the given columns of one project or task, in one Dynamic* read. */
export async function customFieldValues(
  odata: ODataSession,
  table: CustomFieldTable,
  objectId: Guid,
  columns: string[],
): Promise<CustomFieldValues> {
  const wanted = checkColumns(columns);
  const id = checkGuid(objectId, 'objectId');
  if (wanted.length === 0) return {};
  const dynamic = DYNAMIC_SET[table];
  const select = [dynamic.key, ...wanted.map((c) => `${COLUMN_PREFIXES[0]}${c}`)];
  const body = await odata.get(`${entityPath(dynamic.set, id, 'objectId')}${buildQuery({ select })}`);
  const row = parseEntity<Record<string, unknown>>(z.looseObject({}), plainEntity(singleRow(body)), 'custom fields');
  return customValuesOf(row, wanted);
}

function singleRow(body: unknown): unknown {
  if (body && typeof body === 'object' && Array.isArray((body as { value?: unknown }).value)) {
    const rows = (body as { value: unknown[] }).value;
    if (rows.length === 0) throw new InLooxError('not_found', { status: 404, detail: 'no row in the answer' });
    return rows[0];
  }
  return body;
}

/** Column names the key's owner may not edit on this object. Rows may be definitions, values or plain names. */
export async function blockedCustomFields(
  odata: ODataSession,
  table: CustomFieldTable,
  objectId: Guid,
): Promise<string[]> {
  const id = checkGuid(objectId, 'objectId');
  if (!TABLES.includes(table)) throw new InLooxError('validation', { field: 'table', detail: 'unknown table' });
  const path = `CustomFieldPermission/GetBlockedFieldsForEntity(entityType=${stringLiteral(table)},entityId=${guidLiteral(id)})`;
  const rows = asCollection(await odata.get(path), 'blocked custom fields').value;
  return rows
    .map((row) => {
      if (typeof row === 'string') return row;
      const r = (row ?? {}) as Record<string, unknown>;
      return [r.ColumnName, r.Name].find((v): v is string => typeof v === 'string');
    })
    .filter((name): name is string => !!name);
}

const batchSchema = z
  .array(z.strictObject({ ObjectId: z.string(), Name: z.string().regex(COLUMN), Value: z.string().nullable() }))
  .max(200);

/** Writes the given values of one object in one BatchUpdate; nothing to write is no call. */
export async function saveCustomFields(odata: ODataSession, objectId: Guid, values: CustomFieldValues): Promise<void> {
  const id = checkGuid(objectId, 'objectId');
  const items = validate(
    batchSchema,
    Object.entries(values).map(([Name, Value]) => ({ ObjectId: id, Name, Value })),
    'customFields',
  );
  if (items.length === 0) return;
  await odata.batch('CustomField/BatchUpdate', items);
}
