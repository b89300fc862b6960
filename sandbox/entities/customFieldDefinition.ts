import type { EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import { CUSTOM_FIELD_TABLES, CUSTOM_FIELD_VALUE, customFieldId } from './customField';
import { define } from './define';

export const customFieldDefinition: EntityModule = {
  set: define('CustomFieldDefinition', {
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

  /** A deleted definition takes its values along. */
  beforeDelete(data, id) {
    const def = data.rawOne('CustomFieldDefinition', id)!;
    for (const v of data.raw(CUSTOM_FIELD_VALUE))
      if (v.Name === def.ColumnName && v.Table === def.TableName) data.remove(CUSTOM_FIELD_VALUE, customFieldId(v));
  },
};
