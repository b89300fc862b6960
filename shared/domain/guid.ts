/** The one GUID pattern of the product: 8-4-4-4-12 hex digits, either case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Guid = string;

export function isGuid(value: unknown): value is Guid {
  return typeof value === 'string' && GUID_PATTERN.test(value);
}
