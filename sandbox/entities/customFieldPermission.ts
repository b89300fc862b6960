import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import type { StoredRow } from '../store';
import { documentedType, define } from './define';
import { MEMBERSHIP } from './projectContactRelation';
import { CUSTOM_FIELD_TABLES, TABLE_NUMBERS } from './customFieldTables';

const PERMISSION = 'CustomFieldPermission';
/** The docs number a user 1, their example sends 0: both name a user. */
const USERS = [0, 1];
const ROLE = 2;

/** Documented (Custom Fields page) but absent from the 2024 EDMX. */
const PERMISSION_TYPE = documentedType('ApiCustomFieldPermission', 'CustomFieldPermissionId', [
  ['CustomFieldPermissionId', 'Edm.Guid', false],
  ['CustomFieldDefinitionId', 'Edm.Guid', false],
  ['SubjectType', 'Edm.Int32', false],
  ['SubjectId', 'Edm.Guid', true],
  ['RoleType', 'Edm.Int32', true],
]);

/** The project an object belongs to (itself for a project), whose member roles role permissions refer to. */
function projectOf(data: AccountData, table: string, objectId: string): string | undefined {
  if (table === 'Project') return objectId;
  return (data.rawOne('Task', objectId)?.ProjectId as string | undefined) ?? undefined;
}

/**
 * A field with permissions is editable only by the subjects they name (a user, or a project role of the user on the
 * object's project); a field without any permission is editable by everyone who may edit the object.
 */
export function blockedDefinitions(data: AccountData, table: string, objectId: string): StoredRow[] {
  const user = data.profile.contactId;
  const projectId = projectOf(data, table, objectId.toLowerCase());
  const roles = projectId
    ? data
        .where(MEMBERSHIP, 'ProjectId', projectId)
        .filter((m) => m.ContactId === user)
        .reduce((bits, m) => bits | (m.Role as number), 0)
    : 0;
  return data
    .raw('CustomFieldDefinition')
    .filter((def) => def.TableName === table)
    .filter((def) => {
      const granted = data.where(PERMISSION, 'CustomFieldDefinitionId', def.CustomFieldDefinitionId);
      if (granted.length === 0) return false;
      return !granted.some((p) =>
        USERS.includes(p.SubjectType as number)
          ? p.SubjectId === user
          : p.SubjectType === ROLE && ((p.RoleType as number) & roles) !== 0,
      );
    });
}

const getBlockedFieldsForEntity: BoundOperation = {
  kind: 'function',
  binding: 'collection',
  parameters: { entityType: { type: 'Edm.String', required: true }, entityId: { type: 'Edm.Guid', required: true } },
  handler: ({ data, args }) => {
    const { entityType, entityId } = args() as { entityType: string; entityId: string };
    const table = TABLE_NUMBERS[entityType] ?? entityType;
    if (!(table in CUSTOM_FIELD_TABLES))
      throw badRequest(`entityType must be one of ${Object.keys(CUSTOM_FIELD_TABLES).join(', ')} in this service.`);
    data.existing(CUSTOM_FIELD_TABLES[table]!, entityId);
    const rows = blockedDefinitions(data, table, entityId).map((d) =>
      data.withDefaults(data.definition('CustomFieldDefinition'), d),
    );
    return { set: 'CustomFieldDefinition', rows, query: true };
  },
};

export const customFieldPermission: EntityModule = {
  set: define(PERMISSION, {
    type: PERMISSION_TYPE,
    writable: ['CustomFieldDefinitionId', 'SubjectType', 'SubjectId', 'RoleType'],
    required: ['CustomFieldDefinitionId', 'SubjectType'],
  }),
  indexes: { [PERMISSION]: ['CustomFieldDefinitionId'] },

  check(data, row) {
    data.requireRow('CustomFieldDefinition', row.CustomFieldDefinitionId, 'CustomFieldDefinition');
    const type = row.SubjectType as number;
    if (!USERS.includes(type) && type !== ROLE) throw badRequest('SubjectType must be 1 (User) or 2 (Role).');
    if (USERS.includes(type)) data.requireRow('Contact', row.SubjectId, 'SubjectId');
    if (row.SubjectType === ROLE && !row.RoleType) throw badRequest('A role permission needs its RoleType.');
  },

  operations: { GetBlockedFieldsForEntity: getBlockedFieldsForEntity },
};
