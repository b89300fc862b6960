import type { AccountData, EntityModule } from '../accountData';
import { badRequest } from '../odata/errors';
import type { Row } from '../odata/metadata';
import { formatDateTime } from '../odata/values';
import type { StoredRow } from '../store';
import { contactName } from './contact';
import { deleteCustomValues } from './customField';
import { define, stringOrNull as str } from './define';
import {
  addMember,
  addMemberAction,
  getProjectContactRelations,
  MEMBERSHIP,
  removeMemberAction,
} from './projectContactRelation';
import {
  assignCategoryFunction,
  CATEGORY_LINK,
  categoriesText,
  deleteCategoryLinks,
  getAssignedCategories,
  setCategories,
  unassignCategoryFunction,
} from './category';
import { copyProject, generateProjectDescription } from './projectCopy';
import { deleteFavorites, FAVORITE, FAVORITE_INDEXES, isFavorite, toggleFavorite } from './projectFavorites';
import { isLocked, lockedError, lockGuarded } from './projectLock';
import { checkIfProjectNumberExists, checkNumberFree, projectNumber, updateProjectNumber } from './projectNumbers';
import { addProjectNoteAction, deleteProjectNoteAction } from './projectNote';
import { addFollowersAction, getFollowerContacts, removeFollowerAction } from './projectFollower';
import { approveRequestAction, rejectRequestAction } from './projectRequest';
import { deleteTaskChildren } from './task';
import { createDefaultStatuses } from './taskStatus';

const set = define('Project', {
  writable: [
    'Name',
    'NumberPrefix',
    'NumberSuffix',
    'ClientId',
    'DivisionId',
    'ProjectStatusId',
    'Priority',
    'LockMode',
    'StartDate',
    'EndDate',
    'PlannedStartDate',
    'PlannedEndDate',
    'IsEndDateFixed',
    'BackwardScheduling',
    'IsRecycled',
    'IsArchived',
    'IsRequest',
    'Private',
    'ImageId',
    'PortfolioId',
    'DescriptionText',
    'DescriptionHTML',
    'Note',
    'StoreType',
    'DocumentFolder',
  ],
  required: ['Name'],
});

/** The highest project number handed out per account (projects are numbered 001, 002, … like in InLoox). */
const lastProjectNumber = new WeakMap<AccountData, number>();

function nextProjectNumber(data: AccountData): number {
  const last =
    lastProjectNumber.get(data) ??
    Math.max(0, ...data.raw('Project').map((p) => (p.NumberIncremential as number) ?? 0));
  lastProjectNumber.set(data, last + 1);
  return last + 1;
}

/** A project as GET shows it: number, progress, effort and member names computed from its tasks and members. */
export function projectView(data: AccountData, stored: StoredRow): Row {
  const row = data.withDefaults(set, stored);
  const id = stored.ProjectId as string;
  const tasks = data.where('Task', 'ProjectId', id);
  const done = tasks.filter((t) => t.IsDone === true);
  const effort = tasks.reduce((sum, t) => sum + ((t.WorkAmount as number) ?? 0), 0);
  const effortDone = done.reduce((sum, t) => sum + ((t.WorkAmount as number) ?? 0), 0);
  const progress = tasks.length === 0 ? 0 : done.length / tasks.length;
  const number = projectNumber(stored);
  row.Number = number;
  row.Categories = categoriesText(data, id);
  row.ProjectNumberIncremential = stored.NumberIncremential ?? null;
  row.ProjectNumberAndName = `${number} ${str(stored.Name) ?? ''}`.trim();
  row.Complete = done.length;
  row.CompletePlan = tasks.length;
  row.CompleteActual = progress;
  row.ComputedProgress = progress;
  row.PercentComplete = Math.round(progress * 100);
  row.TotalEffort = effort;
  row.PlannedWorkAmount = effort;
  row.TotalEffortPlan = effort;
  row.TotalEffortComplete = effortDone;
  row.TotalEffortRemaining = effort - effortDone;
  const start = Date.parse(row.StartDate as string);
  const end = Date.parse(row.EndDate as string);
  row.ProjectDuration = Number.isNaN(start) || Number.isNaN(end) ? 0 : Math.max(0, (end - start) / 86_400_000);
  const members = data
    .where(MEMBERSHIP, 'ProjectId', id)
    .sort((a, b) => (a.OrdinalPosition as number) - (b.OrdinalPosition as number));
  const names = (role: number) =>
    members
      .filter((m) => m.Role === role)
      .map((m) => contactName(data, m.ContactId))
      .filter((n): n is string => !!n);
  const joined = (role: number) => (names(role).length ? names(role).join(', ') : null);
  row.FirstManager = names(2)[0] ?? null;
  row.FirstTeamMember = names(4)[0] ?? null;
  row.FirstPartner = names(8)[0] ?? null;
  row.FirstCustomer = names(16)[0] ?? null;
  row.FirstAdditionalContact = names(32)[0] ?? null;
  row.ManagerProjectContact = joined(2);
  row.TeamProjectContact = joined(4);
  row.PartnerProjectContact = joined(8);
  row.CustomerProjectContact = joined(16);
  row.AdditionalProjectContact = joined(32);
  row.ReviewerProjectContact = joined(64);
  row.ClientName = contactName(data, stored.ClientId);
  row.IsFavorite = isFavorite(data, id);
  row.CreatedByName = contactName(data, stored.CreatedByContactId);
  row.LastChangedByName = contactName(data, stored.ChangedByContactId);
  const me = data.profile.contactId;
  row.ProjectPermission_SecurityContactId = me;
  row.ProjectPermission_IsProjectMember = members.some((m) => m.ContactId === me);
  row.ProjectPermission_IsArchived = row.IsArchived;
  row.ProjectPermission_IsRecycled = row.IsRecycled;
  row.ProjectPermission_IsRequest = row.IsRequest;
  row.ProjectPermission_ContactDisplayName = contactName(data, me);
  return row;
}

/** What a project view was computed from besides its own row: tasks, members, contacts, who asks, favorites. */
const stampOf = (data: AccountData, projectId: string) =>
  `${data.counter(`project:${projectId}`)}|${data.writes('Contact')}|${data.profile.contactId}|${data.writes(FAVORITE)}|${data.writes(CATEGORY_LINK)}|${data.writes('Category')}`;

export const project: EntityModule = {
  set,
  indexes: FAVORITE_INDEXES,

  list: (data) =>
    data.raw('Project').map((stored) => {
      const id = stored.ProjectId as string;
      return data.cachedView('Project', stored, id, stampOf(data, id), () => projectView(data, stored));
    }),

  get(data, id) {
    const stored = data.rawOne('Project', id);
    return stored ? projectView(data, stored) : undefined;
  },

  onWrite(data, setName, before, after) {
    if (setName !== 'Task' && setName !== MEMBERSHIP) return;
    for (const row of [before, after]) {
      if (typeof row?.ProjectId === 'string') data.bump(`project:${row.ProjectId}`);
    }
  },

  prepareInsert(data, row, now) {
    const startOfToday = new Date();
    startOfToday.setUTCHours(0, 0, 0, 0);
    row.Priority ??= 1;
    row.StartDate ??= formatDateTime(startOfToday.getTime());
    row.EndDate ??= formatDateTime(Date.parse(row.StartDate as string) + 30 * 86_400_000);
    row.NumberPrefix ??= `${new Date().getUTCFullYear()}-`;
    row.NumberSuffix ??= '';
    row.NumberIncremential = nextProjectNumber(data);
    row.CreatedByContactId = data.profile.contactId;
    row.ChangedByContactId = data.profile.contactId;
    row.CreatedDateTime = now;
    row.LastChangedDateTime = now;
  },

  /** A new project gets the default task statuses and its creator as manager, as in InLoox. */
  afterInsert(data, id) {
    createDefaultStatuses(data, id);
    addMember(data, id, data.profile.contactId, 2);
  },

  prepareUpdate(data, row, existing, values) {
    if (isLocked(existing) && Object.keys(values).some((name) => name !== 'LockMode')) throw lockedError(existing);
    row.ChangedByContactId = data.profile.contactId;
    row.LastChangedDateTime = data.now();
    if (row.Name === null || row.Name === '') throw badRequest(`The property 'Name' is required.`, 'MissingProperty');
  },

  check(data, row) {
    checkNumberFree(data, row);
    const priority = row.Priority as number;
    if (priority < 0 || priority > 2)
      throw badRequest(`Priority must be 0 (low), 1 (normal) or 2 (high), not ${priority}.`);
    const lockMode = row.LockMode as number | undefined;
    if (lockMode !== undefined && (lockMode < 0 || lockMode > 2)) throw badRequest(`LockMode must be 0, 1 or 2.`);
    if (Date.parse(row.EndDate as string) < Date.parse(row.StartDate as string))
      throw badRequest('EndDate must not be before StartDate.');
  },

  /** A project takes its tasks, notes, statuses, members, time entries and custom field values along. */
  beforeDelete(data, projectId) {
    const stored = data.existing('Project', projectId);
    if (isLocked(stored)) throw lockedError(stored);
    for (const t of data.where('Task', 'ProjectId', projectId)) {
      deleteTaskChildren(data, t.TaskItemId as string);
      data.remove('Task', t.TaskItemId as string);
    }
    for (const n of data.where('ProjectNote', 'ProjectId', projectId))
      data.remove('ProjectNote', n.ProjectNoteId as string);
    for (const s of data.where('TaskStatus', 'ProjectId', projectId))
      data.remove('TaskStatus', s.TaskItemStatusId as string);
    for (const m of data.where(MEMBERSHIP, 'ProjectId', projectId))
      data.remove(MEMBERSHIP, m.ContactRelationId as string);
    for (const e of data.where('TimeEntry', 'ProjectId', projectId)) data.remove('TimeEntry', e.TimeEntryId as string);
    deleteCustomValues(data, projectId);
    deleteFavorites(data, projectId);
    deleteCategoryLinks(data, projectId);
  },

  operations: {
    GetProjectContactRelations: getProjectContactRelations,
    ...lockGuarded({
      AddMember: addMemberAction,
      RemoveMember: removeMemberAction,
      SetCategories: setCategories,
      AssignCategory: assignCategoryFunction,
      UnAssignCategory: unassignCategoryFunction,
      UpdateProjectNumber: updateProjectNumber,
    }),
    GetAssignedCategories: getAssignedCategories,
    CheckIfProjectNumberExists: checkIfProjectNumberExists,
    CopyProject: copyProject,
    GenerateProjectDescription: generateProjectDescription,
    AddNote: addProjectNoteAction,
    DeleteNote: deleteProjectNoteAction,
    ApproveRequest: approveRequestAction,
    RejectRequest: rejectRequestAction,
    ToggleFavorite: toggleFavorite,
    GetNotificationFollowerContacts: getFollowerContacts,
    AddNotificationFollowers: addFollowersAction,
    RemoveNotificationFollower: removeFollowerAction,
  },
};
