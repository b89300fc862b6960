import type { EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import { CUSTOM_FIELD_TABLES } from './customField';
import { define, documentedType } from './define';

/** Documented (Custom Fields page) but absent from the 2024 EDMX. */
const SECTION_TYPE = documentedType('ApiCustomFieldSection', 'CustomFieldSectionId', [
  ['CustomFieldSectionId', 'Edm.Guid', false],
  ['TableName', 'Edm.String', true],
  ['DisplayName', 'Edm.String', true],
  ['OrdinalPosition', 'Edm.Int32', false],
]);

export const customFieldSection: EntityModule = {
  set: define('CustomFieldSection', {
    type: SECTION_TYPE,
    writable: ['TableName', 'DisplayName', 'OrdinalPosition'],
    required: ['TableName', 'DisplayName'],
  }),

  prepareInsert(data, row) {
    row.OrdinalPosition ??= data.raw('CustomFieldSection').filter((s) => s.TableName === row.TableName).length;
  },

  prepareUpdate(_data, _row, _existing, values) {
    if ('TableName' in values) throw badRequest('The TableName of a section cannot be changed.', 'ReadOnlyProperty');
  },

  check(_data, row) {
    if (!((row.TableName as string) in CUSTOM_FIELD_TABLES))
      throw badRequest(`TableName must be one of ${Object.keys(CUSTOM_FIELD_TABLES).join(', ')} in this service.`);
  },

  /** Deleting moves fields to a target section, given as a query option this service does not read: refused while used. */
  beforeDelete(data, id) {
    if (data.raw('CustomFieldDefinition').some((d) => d.CustomFieldSectionId === id))
      throw badRequest('The section still holds custom fields; move them to another section first.');
  },
};
