import type { EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import { loadModel, type EdmEntityType } from '../odata/metadata';
import { CUSTOM_FIELD_TABLES, CUSTOM_FIELD_VALUE, customFieldId } from './customField';
import { CUSTOM_FIELD_LIST } from './customFieldList';
import { define } from './define';

/** Documented on the Custom Fields page but not in the 2024 EDMX; both sources' properties are served. */
const DOCUMENTED: ReadonlyArray<readonly [string, string]> = [
  ['WriteProtectionEnabled', 'Edm.Boolean'],
  ['WarningIfEmpty', 'Edm.Boolean'],
  ['AllowAddNewItem', 'Edm.Boolean'],
  ['DefaultCustomFieldDefinitionListId', 'Edm.Guid'],
  ['DefaultCustomFieldDefinitionListValue', 'Edm.String'],
  ['CustomFieldSectionId', 'Edm.Guid'],
];

function definitionType(): EdmEntityType {
  const edmx = loadModel().entityTypes.get('ApiCustomFieldDefinition')!;
  const properties = new Map(edmx.properties);
  for (const [name, type] of DOCUMENTED) properties.set(name, { name, type, nullable: true });
  return { ...edmx, properties };
}

export const customFieldDefinition: EntityModule = {
  set: define('CustomFieldDefinition', {
    type: definitionType(),
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
      ...DOCUMENTED.map(([name]) => name),
    ],
    required: ['ColumnName', 'DisplayName', 'TableName'],
  }),

  prepareInsert(_data, row) {
    row.ColumnType ??= 0;
  },

  check(data, row) {
    if (!((row.TableName as string) in CUSTOM_FIELD_TABLES))
      throw badRequest(`TableName must be one of ${Object.keys(CUSTOM_FIELD_TABLES).join(', ')} in this service.`);
    const type = row.ColumnType as number;
    if (!Number.isInteger(type) || type < 0 || type > 6) throw badRequest('ColumnType must be between 0 and 6.');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(row.ColumnName as string))
      throw badRequest('ColumnName may contain letters, digits and underscores only.');
    if (row.CustomFieldSectionId) {
      const section = data.requireRow('CustomFieldSection', row.CustomFieldSectionId, 'CustomFieldSection');
      if (section.TableName !== row.TableName)
        throw badRequest(
          `Section ${section.CustomFieldSectionId as string} belongs to ${section.TableName as string}.`,
        );
    }
    const clash = data
      .raw('CustomFieldDefinition')
      .find(
        (d) =>
          d.TableName === row.TableName &&
          d.ColumnName === row.ColumnName &&
          d.CustomFieldDefinitionId !== row.CustomFieldDefinitionId,
      );
    if (clash)
      throw badRequest(`A custom field '${row.ColumnName as string}' already exists for ${row.TableName as string}.`);
  },

  /** A deleted definition takes its values, list values and permissions along. */
  beforeDelete(data, id) {
    const def = data.rawOne('CustomFieldDefinition', id)!;
    for (const v of data.raw(CUSTOM_FIELD_VALUE))
      if (v.Name === def.ColumnName && v.Table === def.TableName) data.remove(CUSTOM_FIELD_VALUE, customFieldId(v));
    for (const item of data.where(CUSTOM_FIELD_LIST, 'CustomFieldDefinitionId', id))
      data.remove(CUSTOM_FIELD_LIST, item.CustomFieldDefinitionListId as string);
    for (const p of data.where('CustomFieldPermission', 'CustomFieldDefinitionId', id))
      data.remove('CustomFieldPermission', p.CustomFieldPermissionId as string);
  },
};
