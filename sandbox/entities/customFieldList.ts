import type { AccountData, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import type { StoredRow } from '../store';
import { define } from './define';

/** Store collection of the dropdown values of list fields (entity set CustomFieldDefinitionListDefinition). */
export const CUSTOM_FIELD_LIST = 'CustomFieldDefinitionListDefinition';
const LIST_TYPE = 5;

/** The values of one list field, in their order. */
export function listValues(data: AccountData, definitionId: string): StoredRow[] {
  return data
    .where(CUSTOM_FIELD_LIST, 'CustomFieldDefinitionId', definitionId.toLowerCase())
    .sort((a, b) => ((a.OrdinalPosition as number) ?? 0) - ((b.OrdinalPosition as number) ?? 0));
}

/** Adds a value at the end of a list field (InLoox does this when a field allows new items). */
export function addListValue(data: AccountData, definitionId: string, text: string): void {
  data.create(CUSTOM_FIELD_LIST, {
    CustomFieldDefinitionId: definitionId,
    Text: text,
    OrdinalPosition: listValues(data, definitionId).length,
  });
}

export const customFieldList: EntityModule = {
  set: define(CUSTOM_FIELD_LIST, {
    writable: ['CustomFieldDefinitionId', 'OrdinalPosition', 'Text'],
    required: ['CustomFieldDefinitionId', 'Text'],
  }),
  indexes: { [CUSTOM_FIELD_LIST]: ['CustomFieldDefinitionId'] },

  prepareInsert(data, row) {
    const def = data.requireRow('CustomFieldDefinition', row.CustomFieldDefinitionId, 'CustomFieldDefinition');
    row.CustomFieldDefinitionColumnName = def.ColumnName;
  },

  check(data, row) {
    const def = data.requireRow('CustomFieldDefinition', row.CustomFieldDefinitionId, 'CustomFieldDefinition');
    if (def.ColumnType !== LIST_TYPE) throw badRequest(`Custom field '${def.ColumnName as string}' is not a list.`);
    const text = (row.Text as string).trim();
    if (!text) throw badRequest('Text must not be empty.');
    const same = listValues(data, def.CustomFieldDefinitionId as string).find(
      (v) =>
        (v.Text as string).toLowerCase() === text.toLowerCase() &&
        v.CustomFieldDefinitionListId !== row.CustomFieldDefinitionListId,
    );
    if (same) throw badRequest(`The list of '${def.ColumnName as string}' already has the value '${text}'.`);
  },
};
