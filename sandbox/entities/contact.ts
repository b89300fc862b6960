import { randomUUID } from 'node:crypto';
import type { AccountData, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import { define, stringOrNull } from './define';
import { MEMBERSHIP } from './projectContactRelation';

export function contactName(data: AccountData, contactId: unknown): string | null {
  if (typeof contactId !== 'string') return null;
  return stringOrNull(data.rawOne('Contact', contactId)?.DisplayName);
}

export const contact: EntityModule = {
  set: define('Contact', {
    writable: [
      'Phone',
      'Phone2',
      'Mobile',
      'CompanyName',
      'Street',
      'Zip',
      'Location',
      'Website',
      'State',
      'Country',
      'Position',
      'DescriptionHTML',
      'Initials',
      'TimeZoneInfo',
      'DisplayName',
      'Email',
      'Title',
      'FirstName',
      'LastName',
      'IsRecycled',
    ],
  }),

  prepareInsert(_data, row) {
    const display =
      stringOrNull(row.DisplayName) ??
      [stringOrNull(row.FirstName), stringOrNull(row.LastName)].filter(Boolean).join(' ');
    if (!display && !stringOrNull(row.Email))
      throw badRequest('A contact needs a DisplayName, FirstName, LastName or Email.');
    row.DisplayName = display || (row.Email as string);
    row.CalendarId = randomUUID();
  },

  /** A deleted contact leaves its projects and is unassigned from its tasks. */
  beforeDelete(data, id) {
    if (id === data.profile.contactId) throw badRequest('The contact of the signed-in user cannot be deleted.');
    for (const m of data.where(MEMBERSHIP, 'ContactId', id)) data.remove(MEMBERSHIP, m.ContactRelationId as string);
    for (const t of data.where('Task', 'ContactId', id))
      data.put('Task', t.TaskItemId as string, { ...t, ContactId: null });
  },
};
