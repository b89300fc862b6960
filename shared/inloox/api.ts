import type { CustomFieldSchema, CustomFieldTable, CustomFieldValues } from './custom-field-types';
import type {
  Category,
  Contact,
  Guid,
  MemberRole,
  Page,
  Project,
  ProjectInput,
  ProjectMember,
  ProjectName,
  ProjectPatch,
  ProjectNote,
  Task,
  TaskInput,
  TaskPatch,
  UserInfo,
} from './types';
import type { Stopwatch, TimeEntry, TimeEntryInput, TimeEntryListOptions, TimeEntryPatch } from './time';

export interface ListOptions {
  /** Free text, searched case-insensitively in names (escaped, never interpreted as OData). */
  search?: string;
  top?: number;
  skip?: number;
}

/** A created task as far as the answer told: the id always, the rest when InLoox sent the entity. */
export type CreatedTask = Pick<Task, 'TaskItemId'> & Partial<Task>;

export interface ProjectListOptions extends ListOptions {
  includeArchived?: boolean;
  /** The key owner's favorites before the others (pickers); otherwise newest first. */
  favoritesFirst?: boolean;
  /** Only the key owner's favorites. */
  favoritesOnly?: boolean;
  /** Only projects with this category (its name, compared without regard to case). */
  category?: string;
}

export interface TaskListOptions extends ListOptions {
  projectId?: Guid;
  assigneeContactId?: Guid;
  /** true: only open tasks; false: only done; undefined: both. */
  open?: boolean;
}

/**
 * Everything the product does with InLoox, for one person (one API key).
 * Implemented by InLooxClient (shared/inloox/client.ts); the only way the product talks to InLoox.
 * Every method rejects with an InLooxError (shared/inloox/errors.ts).
 */
export interface InLooxApi {
  me(): Promise<UserInfo>;

  listProjects(options?: ProjectListOptions): Promise<Page<Project>>;
  getProject(projectId: Guid): Promise<Project>;
  /** Finds a project by exact number ("2025-001") or by name text. */
  findProject(nameOrNumber: string): Promise<Project | undefined>;
  /**
   * Names and numbers of the given projects, keyed by lower-case id, in one call per 25 ids (for task lists).
   * Ids InLoox does not know (deleted, not visible to this key) are missing from the map.
   */
  getProjectNames(projectIds: Guid[]): Promise<Map<Guid, ProjectName>>;
  createProject(input: ProjectInput): Promise<Project>;
  updateProject(projectId: Guid, patch: ProjectPatch): Promise<Project>;
  archiveProject(projectId: Guid): Promise<Project>;
  /** Deletes the project and, in InLoox, all its tasks. Callers confirm first. */
  deleteProject(projectId: Guid): Promise<void>;
  /** Stars or unstars the project for the key's owner (ToggleFavorite); answers the new state. */
  setFavorite(projectId: Guid, favorite: boolean): Promise<boolean>;
  /** Whether another project already has this full number (CheckIfProjectNumberExists). */
  projectNumberExists(projectId: Guid, number: string): Promise<boolean>;
  /** Sets prefix and suffix of the project number (UpdateProjectNumber); InLoox keeps the sequential part. */
  updateProjectNumber(projectId: Guid, prefix: string, suffix: string): Promise<void>;
  /** The account's categories, by name. */
  listCategories(): Promise<Category[]>;
  /** Replaces all categories of the project (SetCategories). */
  setCategories(projectId: Guid, categoryIds: Guid[]): Promise<void>;
  /** Adds (true: AssignCategory) or removes (false: UnAssignCategory) one category. */
  changeCategory(projectId: Guid, categoryId: Guid, assigned: boolean): Promise<void>;
  /** Copies the project (CopyProject()) and answers the copy's id. */
  copyProject(projectId: Guid): Promise<Guid>;
  /** A suggested description in the language; undefined when the InLoox server does not offer it (self-hosted). */
  generateProjectDescription(projectId: Guid, language: 'de' | 'en'): Promise<string | undefined>;

  listTasks(options?: TaskListOptions): Promise<Page<Task>>;
  /** Open tasks assigned to the current user, by due date. */
  myTasks(options?: ListOptions): Promise<Page<Task>>;
  getTask(taskId: Guid): Promise<Task>;
  /** The tasks of these ids that InLoox still knows (deleted or invisible ones are left out), one call per 25 ids. */
  getTasksByIds(taskIds: Guid[]): Promise<Task[]>;
  createTask(input: TaskInput): Promise<Task>;
  /** For a caller that needs only the new id: when InLoox answers 204 with the address, nothing is read back. */
  createTask(input: TaskInput, options: { readBack: false }): Promise<CreatedTask>;
  updateTask(taskId: Guid, patch: TaskPatch): Promise<Task>;
  completeTask(taskId: Guid): Promise<Task>;
  reopenTask(taskId: Guid): Promise<Task>;
  deleteTask(taskId: Guid): Promise<void>;

  listContacts(options?: ListOptions): Promise<Page<Contact>>;
  getContact(contactId: Guid): Promise<Contact>;

  listMembers(projectId: Guid): Promise<ProjectMember[]>;
  addMember(projectId: Guid, contactId: Guid, role: MemberRole): Promise<void>;

  /** Open project requests (newest first, at most 25); whether the reader may decide is checked per request. */
  listProjectRequests(options?: { top?: number }): Promise<Page<Project>>;
  approveProjectRequest(projectId: Guid): Promise<void>;
  rejectProjectRequest(projectId: Guid): Promise<void>;

  addProjectNote(projectId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void>;
  addTaskNote(taskId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void>;
  /** A project's comments, newest first (top at most 50, default 10). */
  listProjectNotes(projectId: Guid, options?: { top?: number; skip?: number }): Promise<Page<ProjectNote>>;
  /** Removes a comment; InLoox lets only its author do so. Callers confirm first. */
  deleteProjectNote(projectId: Guid, noteId: Guid): Promise<void>;
  /** Display names by lower-case contact id, one call per 25 ids; unknown ids are missing. */
  getContactNames(contactIds: Guid[]): Promise<Map<Guid, string>>;

  /** Contacts who get the project's notifications. */
  listFollowers(projectId: Guid): Promise<Contact[]>;
  followProject(projectId: Guid, contactId: Guid): Promise<void>;
  unfollowProject(projectId: Guid, contactId: Guid): Promise<void>;

  /** The key owner's contact id (known from the connection, else from UserInfo/Me()). */
  currentContactId(): Promise<Guid>;
  /** Starts or resumes my stopwatch on a task; the stopwatch when InLoox answers with it. */
  startStopwatch(taskId: Guid): Promise<Stopwatch | undefined>;
  pauseStopwatch(taskId: Guid): Promise<Stopwatch | undefined>;
  /** Ends my stopwatch on a task (nothing is booked); its final state when InLoox answers with it. */
  stopStopwatch(taskId: Guid): Promise<Stopwatch | undefined>;
  /** My stopwatch on a task, undefined when there is none. */
  getStopwatch(taskId: Guid): Promise<Stopwatch | undefined>;
  /** All my stopwatches, running ones first. */
  listStopwatches(): Promise<Stopwatch[]>;
  listTimeEntries(options?: TimeEntryListOptions): Promise<Page<TimeEntry>>;
  getTimeEntry(entryId: Guid): Promise<TimeEntry>;
  /** Books time for me (the key's owner). */
  createTimeEntry(input: TimeEntryInput): Promise<TimeEntry>;
  updateTimeEntry(entryId: Guid, patch: TimeEntryPatch): Promise<TimeEntry>;
  deleteTimeEntry(entryId: Guid): Promise<void>;

  /** Definitions of one table by section and position; cached for a short time unless `refresh`. */
  customFieldSchema(table: CustomFieldTable, options?: { refresh?: boolean }): Promise<CustomFieldSchema>;
  /** The values of the given columns of one project or task (one Dynamic* read; no columns, no call). */
  customFieldValues(table: CustomFieldTable, objectId: Guid, columns: string[]): Promise<CustomFieldValues>;
  /** Columns the key's owner may not edit on this object (GetBlockedFieldsForEntity). */
  blockedCustomFields(table: CustomFieldTable, objectId: Guid): Promise<string[]>;
  /** Writes the given values (null clears) in one BatchUpdate; an empty set is no call. */
  saveCustomFields(objectId: Guid, values: CustomFieldValues): Promise<void>;
}

/** Link that opens a project or task in the InLoox web app for the configured base URL. */
export interface InLooxLinks {
  project(projectId: Guid): string;
  task(taskId: Guid): string;
}
