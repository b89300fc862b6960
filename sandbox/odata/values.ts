import { badRequest } from './errors';
import type { EdmProperty } from './metadata';

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
