import { randomUUID } from 'node:crypto';
import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { badRequest, notFound } from '../odata/errors';
import type { Row } from '../odata/metadata';
import { define } from './define';

/** Project members are kept in this internal collection; the API shows them through GetProjectContactRelations(). */
export const MEMBERSHIP = 'Membership';

/** Project member roles, as InLoox numbers them. */
export const ROLE_NAMES: Record<number, string> = {
  2: 'Manager',
  4: 'Team',
  8: 'Partner',
  16: 'Customer',
  32: 'Additional',
  64: 'Reviewer',
  128: 'Additional1',
  256: 'Additional2',
  512: 'Additional3',
  1024: 'Additional4',
  2048: 'Additional5',
};

/** Not an addressable entity set: the result type of Project(…)/GetProjectContactRelations(). */
export const projectContactRelation: EntityModule = {
  set: define('ProjectContactRelation', {}),
  exposed: false,
  indexes: { [MEMBERSHIP]: ['ProjectId', 'ContactId'] },
};

export function members(data: AccountData, projectId: string): Row[] {
  data.existing('Project', projectId);
  return data
    .where(MEMBERSHIP, 'ProjectId', projectId.toLowerCase())
    .sort((a, b) => (a.OrdinalPosition as number) - (b.OrdinalPosition as number))
    .map((m) => {
      const contact = data.rawOne('Contact', m.ContactId as string);
      return {
        ContactRelationId: m.ContactRelationId,
        ContactId: m.ContactId,
        ContactType: m.ContactType ?? 0,
        OrdinalPosition: m.OrdinalPosition,
        DisplayName: contact?.DisplayName ?? null,
        Email: contact?.Email ?? null,
        Role: m.Role,
        ImageId: null,
      };
    });
}

function checkRole(role: number): void {
  if (!(role in ROLE_NAMES)) throw badRequest(`Role ${role} is not a project role (2, 4, 8, 16, 32, 64, 128 … 2048).`);
}

/** Adds a contact in a role; adding the same contact in the same role again changes nothing. */
export function addMember(
  data: AccountData,
  projectId: string,
  contactId: string,
  role: number,
  ordinalPosition?: number,
): void {
  const id = projectId.toLowerCase();
  data.existing('Project', id);
  checkRole(role);
  data.requireRow('Contact', contactId, 'Contact');
  const current = data.where(MEMBERSHIP, 'ProjectId', id);
  if (current.some((m) => m.ContactId === contactId && m.Role === role)) return;
  const relationId = randomUUID();
  data.put(MEMBERSHIP, relationId, {
    ContactRelationId: relationId,
    ProjectId: id,
    ContactId: contactId,
    Role: role,
    ContactType: 0,
    OrdinalPosition: ordinalPosition ?? current.length,
  });
}

export const getProjectContactRelations: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  handler: ({ data, key }) => ({
    set: 'ProjectContactRelation',
    rows: members(data, key),
    query: true,
    keepOrder: true,
  }),
};

/** What names a membership in both AddProjectContactRelation and RemoveProjectContactRelation. */
const MEMBERSHIP_PARAMETERS = {
  contactId: { type: 'Edm.Guid', required: true },
  role: { type: 'Edm.Int32', required: true },
  type: { type: 'Edm.Int32', required: false },
} satisfies BoundOperation['parameters'];

export const addMemberAction: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: { ...MEMBERSHIP_PARAMETERS, ordinalPosition: { type: 'Edm.Int32', required: false } },
  handler({ data, key, args }) {
    const p = args();
    if (p.type !== undefined && p.type !== null && p.type !== 0)
      throw badRequest('Only individual contacts (type 0) can be added in this service.');
    addMember(data, key, p.contactId as string, p.role as number, (p.ordinalPosition as number | null) ?? undefined);
    return undefined;
  },
};

export const removeMemberAction: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: MEMBERSHIP_PARAMETERS,
  handler({ data, key, args }) {
    const p = args();
    const id = key.toLowerCase();
    data.existing('Project', id);
    checkRole(p.role as number);
    const existing = data
      .where(MEMBERSHIP, 'ProjectId', id)
      .find((m) => m.ContactId === p.contactId && m.Role === p.role);
    if (!existing)
      throw notFound(`Contact ${p.contactId as string} is not a member of this project in role ${p.role as number}.`);
    data.remove(MEMBERSHIP, existing.ContactRelationId as string);
    return undefined;
  },
};
