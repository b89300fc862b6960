import { createHash } from 'node:crypto';
import type { PropertyLookup, Row } from './metadata';
import { TYPE_NAMESPACE } from './values';

/**
 * How the sandbox answers. "odata": the forms of the InLoox OData metadata (a single entity as itself with
 * @odata.context, 201 with the entity after POST, dates in UTC with "Z", absolute @odata.nextLink). "connector": the
 * forms the Power Automate connector's swagger and the notes on it document, which a client must accept as well.
 */
export type SandboxShape = 'odata' | 'connector';

export const SANDBOX_SHAPES: readonly SandboxShape[] = ['odata', 'connector'];

/** Reads SANDBOX_SHAPE; unset or empty is "odata". */
export function shapeFromEnv(value: string | undefined): SandboxShape {
  if (value === undefined || value.trim() === '') return 'odata';
  const shape = value.trim().toLowerCase();
  if ((SANDBOX_SHAPES as readonly string[]).includes(shape)) return shape as SandboxShape;
  throw new Error(`SANDBOX_SHAPE must be one of ${SANDBOX_SHAPES.join(', ')}, not "${value}"`);
}

/** The offset connector-shaped date-times carry (Central European Summer Time). */
export const CONNECTOR_OFFSET = '+02:00';
const OFFSET_MS = 2 * 60 * 60 * 1000;

/** "2026-04-01T07:00:00Z" → "2026-04-01T09:00:00+02:00": the same instant, written with an offset. */
export function withOffset(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return value;
  const local = new Date(time + OFFSET_MS).toISOString();
  const fraction = local.slice(19, 23) === '.000' ? '' : local.slice(19, 23);
  return `${local.slice(0, 19)}${fraction}${CONNECTOR_OFFSET}`;
}

/** Properties no schema lists, as a newer service version may add: one string, one object. */
export const CONNECTOR_EXTRA_PROPERTIES = ['RowVersion', 'Extensions'] as const;

/**
 * One entity in the connector's form: with @odata.type and @odata.etag annotations, date-times with an offset and
 * properties the EDMX does not declare. Returns a new object (rows may be shared caches).
 */
export function connectorEntity(typeName: string, lookup: PropertyLookup, row: Row): Row {
  const json = JSON.stringify(row);
  const version = createHash('sha256').update(json).digest();
  const result: Row = {
    '@odata.type': `#${TYPE_NAMESPACE}.${typeName}`,
    '@odata.etag': `W/"${version.subarray(0, 8).toString('hex')}"`,
  };
  for (const [name, value] of Object.entries(row)) {
    result[name] = typeof value === 'string' && lookup(name)?.type === 'Edm.DateTimeOffset' ? withOffset(value) : value;
  }
  result.RowVersion = version.subarray(0, 8).toString('base64');
  result.Extensions = { source: 'sandbox', shape: 'connector' };
  return result;
}
