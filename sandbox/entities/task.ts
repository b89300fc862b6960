import { randomUUID } from 'node:crypto';
import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import type { Row } from '../odata/metadata';
import type { StoredRow } from '../store';
import { contactName } from './contact';
import { deleteCustomValues } from './customField';
import { define } from './define';
import { htmlToText, NOTE_PARAMETERS, noteContent } from './notes';
import { deleteTaskStopwatches, STOPWATCH_OPERATIONS } from './userStopwatch';

/** Task comments: an internal collection, written by Task(…)/AddNote. */
export const TASK_NOTE = 'TaskNote';

const set = define('Task', {
  writable: [
    'Name',
    'TaskItemStatusId',
    'ContactId',
    'CardPositionNumber',
    'ProjectId',
    'StartDateTime',
    'EndDateTime',
    'IsDone',
    'DoneDate',
    'CustomColor',
    'WorkAmount',
    'PlanningId',
    'AssignedByContactId',
    'DescriptionHTML',
    'Recurrence',
    'IsBillable',
  ],
  required: ['Name'],
});

export function taskView(data: AccountData, stored: StoredRow): Row {
  const row = data.withDefaults(set, stored);
  row.ContactDisplayName = contactName(data, stored.ContactId);
  return row;
}

export function taskNotes(data: AccountData, taskId: string): StoredRow[] {
  return data.where(TASK_NOTE, 'TaskItemId', taskId.toLowerCase());
}

/** What goes with a task: its notes and custom field values; its time entries stay, detached. */
export function deleteTaskChildren(data: AccountData, taskId: string): void {
  for (const n of data.where(TASK_NOTE, 'TaskItemId', taskId)) data.remove(TASK_NOTE, n.TaskItemNoteId as string);
  deleteCustomValues(data, taskId);
  deleteTaskStopwatches(data, taskId);
  for (const e of data.where('TimeEntry', 'TaskItemId', taskId))
    data.put('TimeEntry', e.TimeEntryId as string, { ...e, TaskItemId: null });
}

const addTaskNote: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: NOTE_PARAMETERS,
  handler({ data, key, args }) {
    const id = key.toLowerCase();
    data.existing('Task', id);
    const { html, notify } = noteContent(data, args());
    const noteId = randomUUID();
    data.put(TASK_NOTE, noteId, {
      TaskItemNoteId: noteId,
      TaskItemId: id,
      NoteHtml: html,
      Note: htmlToText(html),
      CreateDateTime: data.now(),
      CreatedByContactId: data.profile.contactId,
      NotifiedContactIds: notify,
    });
    return undefined;
  },
};

export const task: EntityModule = {
  set,
  indexes: { Task: ['ProjectId', 'ContactId', 'TaskItemStatusId'], [TASK_NOTE]: ['TaskItemId'] },

  list: (data) =>
    data
      .raw('Task')
      .map((stored) =>
        data.cachedView('Task', stored, stored.TaskItemId as string, String(data.writes('Contact')), () =>
          taskView(data, stored),
        ),
      ),

  get(data, id) {
    const stored = data.rawOne('Task', id);
    return stored ? taskView(data, stored) : undefined;
  },

  prepareInsert(data, row, now) {
    row.CreatedByContactId = data.profile.contactId;
    // Whoever gives a task an assignee is the one who assigned it (unless the request names someone).
    if (row.ContactId && row.AssignedByContactId === undefined) row.AssignedByContactId = data.profile.contactId;
    row.GroupId = randomUUID();
    if (row.IsDone === true) row.DoneDate ??= now;
  },

  prepareUpdate(data, row, existing, values) {
    if (row.Name === null || row.Name === '') throw badRequest(`The property 'Name' is required.`, 'MissingProperty');
    if (values.IsDone === true && existing.IsDone !== true && values.DoneDate === undefined) row.DoneDate = data.now();
    if (values.IsDone === false && values.DoneDate === undefined) row.DoneDate = null;
    if (values.ContactId && values.ContactId !== existing.ContactId && values.AssignedByContactId === undefined)
      row.AssignedByContactId = data.profile.contactId;
    // A task moved to another project leaves its status behind (statuses belong to one project).
    if (
      values.ProjectId !== undefined &&
      values.ProjectId !== existing.ProjectId &&
      values.TaskItemStatusId === undefined
    )
      row.TaskItemStatusId = null;
  },

  check(data, row) {
    if (row.ProjectId !== null && row.ProjectId !== undefined) data.requireRow('Project', row.ProjectId, 'Project');
    if (row.ContactId !== null && row.ContactId !== undefined) data.requireRow('Contact', row.ContactId, 'Contact');
    if (row.AssignedByContactId !== null && row.AssignedByContactId !== undefined)
      data.requireRow('Contact', row.AssignedByContactId, 'Contact');
    if (row.TaskItemStatusId !== null && row.TaskItemStatusId !== undefined) {
      const status = data.requireRow('TaskStatus', row.TaskItemStatusId, 'TaskStatus');
      if (status.ProjectId !== row.ProjectId)
        throw badRequest(`TaskStatus ${String(row.TaskItemStatusId)} belongs to another project.`, 'InvalidReference');
    }
    if ((row.WorkAmount as number) < 0) throw badRequest('WorkAmount must not be negative.');
    const start = row.StartDateTime as string | null;
    const end = row.EndDateTime as string | null;
    if (start && end && Date.parse(end) < Date.parse(start))
      throw badRequest('EndDateTime must not be before StartDateTime.');
  },

  beforeDelete: deleteTaskChildren,

  operations: { AddNote: addTaskNote, ...STOPWATCH_OPERATIONS },
};
