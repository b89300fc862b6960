/**
 * Custom fields of the in-memory InLoox fake: the sandbox's demo definitions (English), values per object, the
 * sandbox's type rules, write protection and blocked columns. Held to the same contract as the client (contract.ts).
 */
import { randomUUID } from 'node:crypto';
import { SEED_FIELDS, SEED_SECTIONS } from '../../sandbox/seed/customFields';
import {
  CUSTOM_FIELD_TYPES,
  type CustomFieldDefinition,
  type CustomFieldSchema,
  type CustomFieldTable,
  type CustomFieldValues,
} from '../../shared/inloox/custom-field-types';
import { InLooxError } from '../../shared/inloox/errors';
import { isDateTimeOffset, isGuid } from '../../shared/inloox/query';
import type { Guid } from '../../shared/inloox/types';

function buildSchemas(): Map<CustomFieldTable, CustomFieldSchema> {
  const sections = SEED_SECTIONS.map((s, position) => ({
    id: randomUUID(),
    table: s.table,
    name: s.name.en,
    position,
    key: s.key,
  }));
  const result = new Map<CustomFieldTable, CustomFieldSchema>();
  for (const table of ['Project', 'TaskItem'] as const) {
    const own = sections.filter((s) => s.table === table);
    const fields: CustomFieldDefinition[] = SEED_FIELDS.filter((f) => f.table === table).map((f, position) => ({
      id: randomUUID(),
      column: f.column,
      label: f.name.en,
      table,
      type: CUSTOM_FIELD_TYPES[f.type]!,
      sectionId: own.find((s) => s.key === f.section)?.id,
      position,
      writeProtected: f.writeProtected ?? false,
      warnIfEmpty: f.warnIfEmpty ?? false,
      allowNew: f.allowNew ?? false,
      currencySymbol: f.currency,
      rule: f.rule,
      listValues: (f.list ?? []).map((v) => v.en),
    }));
    result.set(table, { table, sections: own.map(({ key: _key, ...s }) => s), fields });
  }
  return result;
}

function fits(field: CustomFieldDefinition, value: string): boolean {
  switch (field.type) {
    case 'DateTime':
      return isDateTimeOffset(value);
    case 'Integer':
      return /^-?\d+$/.test(value) && Math.abs(Number(value)) < 2 ** 31;
    case 'Decimal':
    case 'Currency':
      return value.trim() !== '' && Number.isFinite(Number(value));
    case 'Boolean':
      return /^(true|false)$/i.test(value);
    case 'List':
      return field.allowNew || field.listValues.includes(value);
    default:
      return true;
  }
}

export class MemoryCustomFields {
  readonly schemas = buildSchemas();
  readonly values = new Map<Guid, CustomFieldValues>();
  /** Columns the fake's user may not edit (GetBlockedFieldsForEntity), for every object. */
  readonly blocked = new Set<string>(['CostCentre']);
  saveCalls = 0;

  constructor(private readonly tableOf: (objectId: Guid) => CustomFieldTable | undefined) {}

  private object(objectId: Guid): { id: Guid; table: CustomFieldTable } {
    if (!isGuid(objectId)) throw new InLooxError('validation', { field: 'objectId', detail: 'not a GUID' });
    const id = objectId.toLowerCase();
    const table = this.tableOf(id);
    if (!table) throw new InLooxError('not_found', { status: 404, detail: 'object not found' });
    return { id, table };
  }

  async schema(table: CustomFieldTable): Promise<CustomFieldSchema> {
    const schema = this.schemas.get(table);
    if (!schema) throw new InLooxError('validation', { field: 'table', detail: 'unknown table' });
    return structuredClone(schema);
  }

  async read(table: CustomFieldTable, objectId: Guid, columns: string[]): Promise<CustomFieldValues> {
    const { id } = this.object(objectId);
    const known = new Set(this.schemas.get(table)!.fields.map((f) => f.column));
    const stored = this.values.get(id) ?? {};
    const result: CustomFieldValues = {};
    for (const column of columns) {
      if (!known.has(column))
        throw new InLooxError('validation', { status: 400, field: column, detail: 'unknown column' });
      result[column] = stored[column] ?? null;
    }
    return result;
  }

  async blockedFor(table: CustomFieldTable, objectId: Guid): Promise<string[]> {
    this.object(objectId);
    return this.schemas
      .get(table)!
      .fields.filter((f) => this.blocked.has(f.column))
      .map((f) => f.column);
  }

  async save(objectId: Guid, values: CustomFieldValues): Promise<void> {
    const { id, table } = this.object(objectId);
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    this.saveCalls++;
    const fields = this.schemas.get(table)!.fields;
    for (const [column, value] of entries) {
      const field = fields.find((f) => f.column === column);
      if (!field) throw new InLooxError('not_found', { status: 404, detail: `no custom field ${column}` });
      if (field.writeProtected || this.blocked.has(column))
        throw new InLooxError('forbidden', { status: 403, detail: `${column} may not be edited` });
      if (value !== null && value !== '' && !fits(field, value))
        throw new InLooxError('validation', { status: 400, field: column, detail: `not a ${field.type}` });
    }
    const stored = { ...(this.values.get(id) ?? {}) };
    for (const [column, value] of entries) {
      stored[column] = value === '' ? null : value;
      const field = fields.find((f) => f.column === column)!;
      if (field.type === 'List' && value && !field.listValues.includes(value)) field.listValues.push(value);
    }
    this.values.set(id, stored);
  }
}
