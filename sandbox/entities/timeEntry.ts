import { randomUUID } from 'node:crypto';
import type { AccountData, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import type { StoredRow } from '../store';
import { define } from './define';

const minutesBetween = (start: unknown, end: unknown) =>
  Math.round((Date.parse(end as string) - Date.parse(start as string)) / 60_000);

/** An entry booked on a task alone is booked on the task's project (the sandbox's reading; InLoox needs both). */
function projectFromTask(data: AccountData, row: StoredRow): void {
  if (row.TaskItemId && !row.ProjectId)
    row.ProjectId = data.rawOne('Task', row.TaskItemId as string)?.ProjectId ?? null;
}

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
  indexes: { TimeEntry: ['ProjectId', 'TaskItemId', 'PerformedByContactId'] },

  prepareInsert(data, row) {
    row.PerformedByContactId ??= data.profile.contactId;
    row.GroupId = randomUUID();
    projectFromTask(data, row);
    if (row.DurationMinutes === undefined) row.DurationMinutes = minutesBetween(row.StartDateTime, row.EndDateTime);
  },

  prepareUpdate(data, row, existing, values) {
    projectFromTask(data, row);
    const moved = values.StartDateTime !== undefined || values.EndDateTime !== undefined;
    if (moved && values.DurationMinutes === undefined)
      row.DurationMinutes = minutesBetween(row.StartDateTime, row.EndDateTime);
  },

  check(data, row) {
    if (row.ProjectId) data.requireRow('Project', row.ProjectId, 'Project');
    if (row.TaskItemId) {
      const task = data.requireRow('Task', row.TaskItemId, 'Task');
      if (row.ProjectId && task.ProjectId !== row.ProjectId)
        throw badRequest(`Task ${String(row.TaskItemId)} belongs to another project.`, 'InvalidReference');
    }
    data.requireRow('Contact', row.PerformedByContactId, 'Contact');
    if (!row.StartDateTime || !row.EndDateTime) throw badRequest('StartDateTime and EndDateTime are required.');
    if (Date.parse(row.EndDateTime as string) <= Date.parse(row.StartDateTime as string))
      throw badRequest('EndDateTime must be after StartDateTime.');
    if ((row.DurationMinutes as number) <= 0) throw badRequest('DurationMinutes must be positive.');
  },
};
