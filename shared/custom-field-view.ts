/** What a project's or task's custom fields show: the cached definitions and the values of every field. */
import { columnsToRead } from './domain/custom-field-input';
import type { CustomFieldView } from './cards/custom-fields';
import type { InLooxApi } from './inloox/api';
import type { CustomFieldTable } from './inloox/custom-field-types';

/** Definitions (cached by the client) and the values of every field: one InLoox call once definitions are cached. */
export async function loadCustomFieldView(
  api: InLooxApi,
  table: CustomFieldTable,
  id: string,
  options: { blocked?: boolean; refresh?: boolean } = {},
): Promise<CustomFieldView> {
  const schema = await api.customFieldSchema(table, { refresh: options.refresh });
  if (schema.fields.length === 0) return { schema, values: {}, blocked: [] };
  const [values, blocked] = await Promise.all([
    api.customFieldValues(table, id, columnsToRead(schema.fields)),
    options.blocked ? api.blockedCustomFields(table, id) : Promise.resolve([]),
  ]);
  return { schema, values, blocked };
}
