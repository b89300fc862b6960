import { randomUUID } from 'node:crypto';
import type { EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import { define } from './define';

export const timeEntry: EntityModule = {
  set: define('TimeEntry', {
    writable: [
      'DisplayName',
      'StartDateTime',
      'EndDateTime',
      'ProjectId',
      'DescriptionHTML',
      'DescriptionText',
      'PhaseId',
      'IsBillable',
      'PerformedByContactId',
      'ColorFlag',
      'TaskItemId',
      'DurationMinutes',
    ],
    required: ['StartDateTime', 'EndDateTime'],
  }),
  indexes: { TimeEntry: ['ProjectId', 'TaskItemId'] },

  prepareInsert(data, row) {
    row.PerformedByContactId ??= data.profile.contactId;
    row.GroupId = randomUUID();
    if (row.DurationMinutes === undefined)
      row.DurationMinutes = Math.round(
        (Date.parse(row.EndDateTime as string) - Date.parse(row.StartDateTime as string)) / 60_000,
      );
  },

  check(data, row) {
    if (row.ProjectId) data.requireRow('Project', row.ProjectId, 'Project');
    if (row.TaskItemId) data.requireRow('Task', row.TaskItemId, 'Task');
    data.requireRow('Contact', row.PerformedByContactId, 'Contact');
    if (Date.parse(row.EndDateTime as string) < Date.parse(row.StartDateTime as string))
      throw badRequest('EndDateTime must not be before StartDateTime.');
  },
};
