import { badRequest } from './errors';
import { loadModel, type EdmEntityType, type EdmProperty } from './metadata';
import type { PropertyLookup } from './query';

export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TIME_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
export const TYPE_NAMESPACE = 'InLoox.PM.Domain.Model.Aggregates.Api';
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** ISO 8601 in UTC as InLoox answers it: seconds precision, milliseconds only when present. */
export function formatDateTime(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

export function parseDateTimeOffset(text: string): number | undefined {
  const match = DATE_TIME_OFFSET.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || (s ?? 0) > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! > daysInMonth) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Checks one JSON value against its EDM type and returns it normalized (lower-case GUIDs, UTC dates).
 * Throws a 400 on a wrong type, like ASP.NET OData's payload reader.
 */
export function coerceValue(property: EdmProperty, value: unknown): unknown {
  const where = `property '${property.name}'`;
  if (value === null) {
    if (!property.nullable)
      throw badRequest(`A null value was found for ${where}, which is not nullable (${property.type}).`);
    return null;
  }
  switch (property.type) {
    case 'Edm.String':
      if (typeof value !== 'string') throw badRequest(`Cannot convert the value of ${where} to Edm.String.`);
      return value;
    case 'Edm.Guid':
      if (typeof value !== 'string' || !GUID_PATTERN.test(value))
        throw badRequest(`Cannot convert the literal '${String(value)}' of ${where} to Edm.Guid.`);
      return value.toLowerCase();
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') throw badRequest(`Cannot convert the value of ${where} to Edm.Boolean.`);
      return value;
    case 'Edm.Int16':
    case 'Edm.Int32':
    case 'Edm.Int64': {
      const limit = property.type === 'Edm.Int16' ? 2 ** 15 : property.type === 'Edm.Int32' ? 2 ** 31 : 2 ** 53;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -limit || value >= limit)
        throw badRequest(`Cannot convert the value '${String(value)}' of ${where} to ${property.type}.`);
      return value;
    }
    case 'Edm.Double':
    case 'Edm.Single':
    case 'Edm.Decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw badRequest(`Cannot convert the value '${String(value)}' of ${where} to ${property.type}.`);
      return value;
    case 'Edm.DateTimeOffset': {
      const time = typeof value === 'string' ? parseDateTimeOffset(value) : undefined;
      if (time === undefined)
        throw badRequest(
          `Cannot convert the literal '${String(value)}' of ${where} to Edm.DateTimeOffset (ISO 8601 with offset, e.g. 2025-04-01T09:00:00Z).`,
        );
      return formatDateTime(time);
    }
    default:
      throw badRequest(`Writing ${where} of type ${property.type} is not supported.`);
  }
}

export function defaultValue(property: EdmProperty): unknown {
  if (property.nullable) return null;
  switch (property.type) {
    case 'Edm.Guid':
      return EMPTY_GUID;
    case 'Edm.Boolean':
      return false;
    case 'Edm.DateTimeOffset':
      return '0001-01-01T00:00:00Z';
    case 'Edm.String':
      return '';
    default:
      return property.type.startsWith('Collection(') ? [] : 0;
  }
}

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

/** ProjectNote is documented (API reference, "Comments") but absent from the 2024 EDMX; its shape comes from the docs. */
const PROJECT_NOTE_TYPE: EdmEntityType = {
  name: 'ApiProjectNote',
  keys: ['ProjectNoteId'],
  openType: false,
  properties: new Map(
    (
      [
        ['ProjectNoteId', 'Edm.Guid', false],
        ['ProjectId', 'Edm.Guid', false],
        ['Note', 'Edm.String', true],
        ['NoteHtml', 'Edm.String', true],
        ['ShortDescription', 'Edm.String', true],
        ['CreateDateTime', 'Edm.DateTimeOffset', true],
        ['CreatedByContactId', 'Edm.Guid', true],
      ] as const
    ).map(([name, type, nullable]) => [name, { name, type, nullable }]),
  ),
};

function define(
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

export function buildEntitySets(): Map<string, EntitySetDefinition> {
  const sets = [
    define('Project', {
      writable: [
        'Name',
        'NumberPrefix',
        'NumberSuffix',
        'ClientId',
        'DivisionId',
        'ProjectStatusId',
        'Priority',
        'LockMode',
        'StartDate',
        'EndDate',
        'PlannedStartDate',
        'PlannedEndDate',
        'IsEndDateFixed',
        'BackwardScheduling',
        'IsRecycled',
        'IsArchived',
        'IsRequest',
        'Private',
        'ImageId',
        'PortfolioId',
        'DescriptionText',
        'DescriptionHTML',
        'Categories',
        'Note',
        'StoreType',
        'DocumentFolder',
      ],
      required: ['Name'],
    }),
    define('Task', {
      writable: [
        'Name',
        'TaskItemStatusId',
        'ContactId',
        'CardPositionNumber',
        'ProjectId',
        'StartDateTime',
        'EndDateTime',
        'IsDone',
        'DoneDate',
        'CustomColor',
        'WorkAmount',
        'PlanningId',
        'AssignedByContactId',
        'DescriptionHTML',
        'Recurrence',
        'IsBillable',
      ],
      required: ['Name'],
    }),
    define('Contact', {
      writable: [
        'Phone',
        'Phone2',
        'Mobile',
        'CompanyName',
        'Street',
        'Zip',
        'Location',
        'Website',
        'State',
        'Country',
        'Position',
        'DescriptionHTML',
        'Initials',
        'TimeZoneInfo',
        'DisplayName',
        'Email',
        'Title',
        'FirstName',
        'LastName',
        'IsRecycled',
      ],
    }),
    define('UserInfo', {}),
    define('ProjectNote', { type: PROJECT_NOTE_TYPE }),
    define('TaskStatus', {
      writable: ['Name', 'ProjectId', 'OrdinalPosition', 'Color'],
      required: ['Name', 'ProjectId'],
    }),
    define('CustomFieldDefinition', {
      writable: [
        'ColumnName',
        'DisplayName',
        'TableName',
        'OrdinalPosition',
        'StringValue',
        'IntValue',
        'BoolValue',
        'DecimalValue',
        'DateTimeValue',
        'ColumnType',
        'DisplayRule',
        'DisplayRuleField',
        'DisplayRuleExpression',
        'CurrencySymbol',
        'CurrencyValue',
        'ListSelectedItem',
        'ListAllowEmptySelection',
        'ListAllowAddNewItem',
      ],
      required: ['ColumnName', 'DisplayName', 'TableName'],
    }),
    define('CustomField', { writable: ['Value'], allowInsert: false, allowDelete: false }),
    define('ProjectContactRelation', {}),
    // Read-only views; their custom field columns are resolved per account (AccountData.lookup).
    define('DynamicProject', {}),
    define('DynamicTaskItem', {}),
    define('TimeEntry', {
      writable: [
        'DisplayName',
        'StartDateTime',
        'EndDateTime',
        'ProjectId',
        'DescriptionHTML',
        'DescriptionText',
        'PhaseId',
        'IsBillable',
        'PerformedByContactId',
        'ColorFlag',
        'TaskItemId',
        'DurationMinutes',
      ],
      required: ['StartDateTime', 'EndDateTime'],
    }),
  ];
  return new Map(sets.map((s) => [s.name, s]));
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
