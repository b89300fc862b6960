/**
 * An in-memory InLooxApi for tests that need InLoox behaviour without HTTP. It validates input with the client's
 * own schemas and answers like the sandbox does; test/inloox/contract.test.ts holds it to the same contract as the
 * real client over the sandbox.
 */
import { randomUUID } from 'node:crypto';
import type { InLooxApi, ListOptions, ProjectListOptions, TaskListOptions } from '../../shared/inloox/api';
import { LIMITS } from '../../shared/domain/limits';
import type { CustomFieldSchema, CustomFieldTable, CustomFieldValues } from '../../shared/inloox/custom-field-types';
import { InLooxError } from '../../shared/inloox/errors';
import { hasCategory } from '../../shared/inloox/projects';
import { isGuid } from '../../shared/inloox/query';
import {
  guidListSchema,
  memberRoleSchema,
  noteHtmlSchema,
  projectInputSchema,
  projectPatchSchema,
  taskInputSchema,
  taskPatchSchema,
  validate,
} from '../../shared/inloox/schemas';
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
} from '../../shared/inloox/types';
import type {
  Stopwatch,
  TimeEntry,
  TimeEntryInput,
  TimeEntryListOptions,
  TimeEntryPatch,
} from '../../shared/inloox/time';
import { MemoryTime } from './memory-time';
import { MemoryComments } from './memory-comments';
import { MemoryCustomFields } from './memory-custom-fields';

export type { MemoryNote } from './memory-comments';

function id(value: unknown, field: string): Guid {
  if (!isGuid(value)) throw new InLooxError('validation', { field, detail: 'not a GUID' });
  return value.toLowerCase();
}

function search(text: string | undefined): string | undefined {
  const needle = text?.trim().toLowerCase();
  if (needle && needle.length > LIMITS.search)
    throw new InLooxError('validation', { field: 'search', detail: 'too long' });
  return needle || undefined;
}

function page<T>(rows: T[], options: { top?: number; skip?: number }): Page<T> {
  const skip = options.skip ?? 0;
  return { items: rows.slice(skip, options.top === undefined ? undefined : skip + options.top) };
}

/** Ascending, nulls first (as ASP.NET OData over SQL orders). */
function byKeys<T>(...keys: ((row: T) => string | null | undefined)[]) {
  return (a: T, b: T) => {
    for (const key of keys) {
      const x = key(a) ?? '';
      const y = key(b) ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

const notFound = (what: string) => new InLooxError('not_found', { status: 404, detail: `${what} not found` });

export class MemoryInLoox implements InLooxApi {
  readonly projects = new Map<Guid, Project & { created: number }>();
  readonly tasks = new Map<Guid, Task>();
  readonly contacts = new Map<Guid, Contact>();
  readonly members: ProjectMember[] = [];
  /** The user's favorite project ids. */
  readonly favorites = new Set<Guid>();
  readonly categories = new Map<Guid, Category>();
  readonly projectCategories = new Map<Guid, Set<Guid>>();
  /** false: behaves like a self-hosted server without the AI description. */
  cloud = true;
  private sequence = 0;
  /** Stopwatches and time entries; `time.clock.now` is the fake's clock. */
  readonly time: MemoryTime;
  readonly customFields = new MemoryCustomFields((objectId) =>
    this.projects.has(objectId) ? 'Project' : this.tasks.has(objectId) ? 'TaskItem' : undefined,
  );

  constructor(
    private readonly user: UserInfo,
    contacts: Contact[] = [],
  ) {
    this.contacts.set(user.ContactId.toLowerCase(), { ...user, ContactId: user.ContactId.toLowerCase() });
    for (const contact of contacts) this.contacts.set(contact.ContactId.toLowerCase(), contact);
    this.time = new MemoryTime(() => this.user.ContactId.toLowerCase(), this.tasks, this.projects);
    this.comments = new MemoryComments(user.ContactId.toLowerCase(), (p) => this.projects.has(p), this.contacts);
  }

  /** Project and task comments, and project followers. */
  readonly comments: MemoryComments;

  get notes() {
    return this.comments.notes;
  }

  async currentContactId(): Promise<Guid> {
    return this.user.ContactId.toLowerCase();
  }
  startStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return this.time.startStopwatch(taskId);
  }
  pauseStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return this.time.pauseStopwatch(taskId);
  }
  stopStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return this.time.stopStopwatch(taskId);
  }
  getStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return this.time.getStopwatch(taskId);
  }
  listStopwatches(): Promise<Stopwatch[]> {
    return this.time.listStopwatches();
  }
  listTimeEntries(options?: TimeEntryListOptions): Promise<Page<TimeEntry>> {
    return this.time.listTimeEntries(options);
  }
  getTimeEntry(entryId: Guid): Promise<TimeEntry> {
    return this.time.getTimeEntry(entryId);
  }
  createTimeEntry(input: TimeEntryInput): Promise<TimeEntry> {
    return this.time.createTimeEntry(input);
  }
  updateTimeEntry(entryId: Guid, patch: TimeEntryPatch): Promise<TimeEntry> {
    return this.time.updateTimeEntry(entryId, patch);
  }
  deleteTimeEntry(entryId: Guid): Promise<void> {
    return this.time.deleteTimeEntry(entryId);
  }

  async me(): Promise<UserInfo> {
    return { ...this.user };
  }

  async listProjects(options: ProjectListOptions = {}): Promise<Page<Project>> {
    const needle = search(options.search);
    const rows = [...this.projects.values()]
      .filter((p) => !p.IsRecycled && (options.includeArchived || !p.IsArchived))
      .filter((p) => !needle || `${p.Name}\n${p.Number ?? ''}`.toLowerCase().includes(needle))
      .filter((p) => !options.favoritesOnly || this.favorites.has(p.ProjectId))
      .filter((p) => !options.category || hasCategory(this.view(p), options.category))
      .sort((a, b) => b.created - a.created)
      .sort((a, b) =>
        options.favoritesFirst ? Number(this.favorites.has(b.ProjectId)) - Number(this.favorites.has(a.ProjectId)) : 0,
      );
    return page(
      rows.map((p) => this.view(p)),
      options,
    );
  }

  async getProject(projectId: Guid): Promise<Project> {
    const project = this.projects.get(id(projectId, 'projectId'));
    if (!project) throw notFound('project');
    return this.view(project);
  }

  async findProject(nameOrNumber: string): Promise<Project | undefined> {
    const needle = typeof nameOrNumber === 'string' ? nameOrNumber.trim() : '';
    if (!needle) throw new InLooxError('validation', { field: 'nameOrNumber', detail: 'empty' });
    const active = [...this.projects.values()].filter((p) => !p.IsRecycled).sort((a, b) => b.created - a.created);
    const lower = needle.toLowerCase();
    const found =
      active.find((p) => p.Number === needle) ??
      active.find((p) => p.Name.toLowerCase() === lower) ??
      active.find((p) => p.Name.toLowerCase().includes(lower));
    return found && this.view(found);
  }

  async getProjectNames(projectIds: Guid[]): Promise<Map<Guid, ProjectName>> {
    const names = new Map<Guid, ProjectName>();
    for (const projectId of validate(guidListSchema, projectIds, 'projectIds')) {
      const project = this.projects.get(projectId.toLowerCase());
      if (project)
        names.set(project.ProjectId, { ProjectId: project.ProjectId, Name: project.Name, Number: project.Number });
    }
    return names;
  }

  async createProject(input: ProjectInput): Promise<Project> {
    const body = validate(projectInputSchema, input);
    const prefix = body.NumberPrefix ?? 'M-';
    const suffix = body.NumberSuffix ?? '';
    const number = `${prefix}${String(++this.sequence).padStart(3, '0')}${suffix}`;
    const project = {
      Priority: 1,
      ...body,
      ProjectId: randomUUID(),
      Number: number,
      NumberPrefix: prefix,
      NumberSuffix: suffix,
      NumberIncremential: this.sequence,
      IsArchived: false,
      IsRecycled: false,
    };
    this.projects.set(project.ProjectId, { ...project, created: this.sequence });
    return this.view(project);
  }

  async updateProject(projectId: Guid, patch: ProjectPatch): Promise<Project> {
    const key = id(projectId, 'projectId');
    const body = validate(projectPatchSchema, patch);
    const project = this.projects.get(key);
    if (!project) throw notFound('project');
    Object.assign(project, body);
    return this.view(project);
  }

  archiveProject(projectId: Guid): Promise<Project> {
    return this.updateProject(projectId, { IsArchived: true });
  }

  async setFavorite(projectId: Guid, favorite: boolean): Promise<boolean> {
    const key = id(projectId, 'projectId');
    if (!this.projects.has(key)) throw notFound('project');
    if (favorite) this.favorites.add(key);
    else this.favorites.delete(key);
    return favorite;
  }

  private view(project: Project & { created?: number }): Project {
    const names = [...(this.projectCategories.get(project.ProjectId) ?? [])]
      .map((c) => this.categories.get(c)!.Name)
      .sort();
    return {
      ...strip(project),
      IsFavorite: this.favorites.has(project.ProjectId),
      Categories: names.length ? names.join(', ') : null,
    };
  }

  private existingProject(projectId: Guid) {
    const project = this.projects.get(id(projectId, 'projectId'));
    if (!project) throw notFound('project');
    return project;
  }

  addCategory(name: string): Category {
    const category = { CategoryId: randomUUID(), Name: name };
    this.categories.set(category.CategoryId, category);
    return category;
  }

  async projectNumberExists(projectId: Guid, number: string): Promise<boolean> {
    const project = this.existingProject(projectId);
    if (typeof number !== 'string' || !number.trim()) throw new InLooxError('validation', { field: 'projectNumber' });
    const wanted = number.trim().toLowerCase();
    return [...this.projects.values()].some((p) => p !== project && (p.Number ?? '').toLowerCase() === wanted);
  }

  async updateProjectNumber(projectId: Guid, prefix: string, suffix: string): Promise<void> {
    for (const [field, value] of [
      ['prefix', prefix],
      ['suffix', suffix],
    ] as const)
      if (typeof value !== 'string' || value.length > 20) throw new InLooxError('validation', { field });
    const project = this.existingProject(projectId);
    const number = `${prefix}${String(project.NumberIncremential).padStart(3, '0')}${suffix}`;
    if (await this.projectNumberExists(projectId, number))
      throw new InLooxError('conflict', { status: 409, detail: 'number taken' });
    Object.assign(project, { NumberPrefix: prefix, NumberSuffix: suffix, Number: number });
  }

  async listCategories(): Promise<Category[]> {
    return [...this.categories.values()].sort((a, b) => (a.Name < b.Name ? -1 : 1));
  }

  private checkCategories(categoryIds: Guid[]): Guid[] {
    const ids = categoryIds.map((c) => id(c, 'categoryIds'));
    if (ids.some((c) => !this.categories.has(c)))
      throw new InLooxError('validation', { status: 400, detail: 'Category does not exist' });
    return ids;
  }

  async setCategories(projectId: Guid, categoryIds: Guid[]): Promise<void> {
    const project = this.existingProject(projectId);
    if (!Array.isArray(categoryIds)) throw new InLooxError('validation', { field: 'categoryIds' });
    this.projectCategories.set(project.ProjectId, new Set(this.checkCategories(categoryIds)));
  }

  async changeCategory(projectId: Guid, categoryId: Guid, assigned: boolean): Promise<void> {
    const project = this.existingProject(projectId);
    const [category] = this.checkCategories([categoryId]);
    const set = this.projectCategories.get(project.ProjectId) ?? new Set<Guid>();
    if (assigned) set.add(category!);
    else set.delete(category!);
    this.projectCategories.set(project.ProjectId, set);
  }

  async copyProject(projectId: Guid): Promise<Guid> {
    const source = this.existingProject(projectId);
    const copy = await this.createProject({
      Name: `${source.Name} - Copy`.slice(0, 255),
      Priority: source.Priority as 0 | 1 | 2,
    });
    this.projectCategories.set(copy.ProjectId, new Set(this.projectCategories.get(source.ProjectId) ?? []));
    return copy.ProjectId;
  }

  async generateProjectDescription(projectId: Guid, language: 'de' | 'en'): Promise<string | undefined> {
    const project = this.existingProject(projectId);
    if (language !== 'de' && language !== 'en') throw new InLooxError('validation', { field: 'language' });
    if (!this.cloud) return undefined;
    return language === 'de' ? `Das Projekt „${project.Name}“.` : `The project "${project.Name}".`;
  }

  async deleteProject(projectId: Guid): Promise<void> {
    const key = id(projectId, 'projectId');
    this.favorites.delete(key);
    if (!this.projects.delete(key)) throw notFound('project');
    for (const task of [...this.tasks.values()]) if (task.ProjectId === key) this.tasks.delete(task.TaskItemId);
  }

  async listTasks(options: TaskListOptions = {}): Promise<Page<Task>> {
    const projectId = options.projectId && id(options.projectId, 'projectId');
    const assignee = options.assigneeContactId && id(options.assigneeContactId, 'assigneeContactId');
    const needle = search(options.search);
    const rows = [...this.tasks.values()]
      .filter((t) => !projectId || t.ProjectId === projectId)
      .filter((t) => !assignee || t.ContactId === assignee)
      .filter((t) => options.open === undefined || t.IsDone === !options.open)
      .filter((t) => !needle || (t.Name ?? '').toLowerCase().includes(needle))
      .sort(
        byKeys<Task>(
          (t) => t.EndDateTime && new Date(t.EndDateTime).toISOString(),
          (t) => t.Name,
        ),
      );
    return page(
      rows.map((t) => ({ ...t })),
      options,
    );
  }

  myTasks(options: ListOptions = {}): Promise<Page<Task>> {
    return this.listTasks({ ...options, assigneeContactId: this.user.ContactId, open: true });
  }

  async getTask(taskId: Guid): Promise<Task> {
    const task = this.tasks.get(id(taskId, 'taskId'));
    if (!task) throw notFound('task');
    return { ...task };
  }

  async getTasksByIds(taskIds: Guid[]): Promise<Task[]> {
    const ids = new Set(validate(guidListSchema, taskIds, 'taskIds').map((taskId) => taskId.toLowerCase()));
    return [...ids].flatMap((taskId) => {
      const task = this.tasks.get(taskId);
      return task ? [{ ...task }] : [];
    });
  }

  async createTask(input: TaskInput): Promise<Task> {
    const body = validate(taskInputSchema, input);
    const task: Task = {
      WorkAmount: 0,
      ...body,
      ProjectId: body.ProjectId?.toLowerCase() ?? null,
      ContactId: body.ContactId?.toLowerCase() ?? null,
      TaskItemId: randomUUID(),
      IsDone: false,
    };
    this.tasks.set(task.TaskItemId, task);
    return { ...task };
  }

  async updateTask(taskId: Guid, patch: TaskPatch): Promise<Task> {
    const key = id(taskId, 'taskId');
    const body = validate(taskPatchSchema, patch);
    const task = this.tasks.get(key);
    if (!task) throw notFound('task');
    Object.assign(task, body);
    return { ...task };
  }

  completeTask(taskId: Guid): Promise<Task> {
    return this.updateTask(taskId, { IsDone: true });
  }

  reopenTask(taskId: Guid): Promise<Task> {
    return this.updateTask(taskId, { IsDone: false });
  }

  async deleteTask(taskId: Guid): Promise<void> {
    if (!this.tasks.delete(id(taskId, 'taskId'))) throw notFound('task');
  }

  async listContacts(options: ListOptions = {}): Promise<Page<Contact>> {
    const needle = search(options.search);
    const rows = [...this.contacts.values()]
      .filter((c) => !c.IsRecycled)
      .filter((c) => !needle || [c.DisplayName, c.Email, c.CompanyName].some((f) => f?.toLowerCase().includes(needle)))
      .sort(byKeys<Contact>((c) => c.DisplayName));
    return page(rows, options);
  }

  async getContact(contactId: Guid): Promise<Contact> {
    const contact = this.contacts.get(id(contactId, 'contactId'));
    if (!contact) throw notFound('contact');
    return { ...contact };
  }

  async listMembers(projectId: Guid): Promise<ProjectMember[]> {
    const key = id(projectId, 'projectId');
    if (!this.projects.has(key)) throw notFound('project');
    return this.members.filter((m) => m.ContactRelationId.startsWith(`${key}/`)).map((m) => ({ ...m }));
  }

  async addMember(projectId: Guid, contactId: Guid, role: MemberRole): Promise<void> {
    const key = id(projectId, 'projectId');
    const contact = this.contacts.get(id(contactId, 'contactId'));
    const checkedRole = validate(memberRoleSchema, role, 'role');
    if (!this.projects.has(key) || !contact) throw notFound(contact ? 'project' : 'contact');
    this.members.push({
      ContactRelationId: `${key}/${contact.ContactId}/${checkedRole}`,
      ContactId: contact.ContactId,
      Role: checkedRole,
      DisplayName: contact.DisplayName,
      Email: contact.Email,
    });
  }

  /** Test set-up: an open project request the user reviews (the API has no documented way to file one). */
  addRequest(name: string): Project {
    const project = {
      Priority: 1,
      Name: name,
      ProjectId: randomUUID(),
      Number: `R-${String(++this.sequence).padStart(3, '0')}`,
      IsArchived: false,
      IsRecycled: false,
      IsRequest: true,
    };
    this.projects.set(project.ProjectId, { ...project, created: this.sequence });
    const me = this.user.ContactId.toLowerCase();
    this.members.push({ ContactRelationId: `${project.ProjectId}/${me}/64`, ContactId: me, Role: 64 });
    return strip(project);
  }

  async listProjectRequests(options: { top?: number } = {}): Promise<Page<Project>> {
    const rows = [...this.projects.values()]
      .filter((p) => p.IsRequest === true && !p.IsArchived && !p.IsRecycled)
      .sort((a, b) => b.created - a.created);
    return page(rows.map(strip), { top: Math.min(Math.max(1, options.top ?? 25), 25) });
  }

  approveProjectRequest(projectId: Guid): Promise<void> {
    return this.decide(projectId, true);
  }

  rejectProjectRequest(projectId: Guid): Promise<void> {
    return this.decide(projectId, false);
  }

  private async decide(projectId: Guid, approve: boolean): Promise<void> {
    const key = id(projectId, 'projectId');
    const project = this.projects.get(key);
    if (!project) throw notFound('project');
    if (project.IsRequest !== true || project.IsArchived || project.IsRecycled)
      throw new InLooxError('validation', { status: 400, detail: 'not an open project request' });
    const me = this.user.ContactId.toLowerCase();
    const allowed = this.members.some(
      (m) => m.ContactRelationId.startsWith(`${key}/`) && m.ContactId === me && (m.Role === 2 || m.Role === 64),
    );
    if (!allowed) throw new InLooxError('forbidden', { status: 403, detail: 'not a reviewer' });
    Object.assign(project, approve ? { IsRequest: false } : { IsArchived: true }, {
      ChangedByContactId: me,
      LastChangedByName: this.user.DisplayName,
    });
  }

  addProjectNote(projectId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void> {
    return this.addNote('Project', id(projectId, 'projectId'), html, notifyContactIds);
  }

  addTaskNote(taskId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void> {
    return this.addNote('Task', id(taskId, 'taskId'), html, notifyContactIds);
  }

  private async addNote(target: 'Project' | 'Task', key: Guid, html: string, notify: Guid[] = []): Promise<void> {
    const note = {
      target,
      id: key,
      html: validate(noteHtmlSchema, html, 'htmlText'),
      notify: validate(guidListSchema, notify, 'notificationContactIds'),
      noteId: randomUUID(),
      author: this.user.ContactId.toLowerCase(),
      created: ++this.sequence,
    };
    if (!(target === 'Project' ? this.projects.has(key) : this.tasks.has(key))) throw notFound(target.toLowerCase());
    this.notes.push(note);
  }

  listProjectNotes(projectId: Guid, options?: { top?: number; skip?: number }): Promise<Page<ProjectNote>> {
    return this.comments.list(projectId, options);
  }
  deleteProjectNote(projectId: Guid, noteId: Guid): Promise<void> {
    return this.comments.remove(projectId, noteId);
  }
  getContactNames(contactIds: Guid[]): Promise<Map<Guid, string>> {
    return this.comments.names(contactIds);
  }
  listFollowers(projectId: Guid): Promise<Contact[]> {
    return this.comments.followersOf(projectId);
  }
  followProject(projectId: Guid, contactId: Guid): Promise<void> {
    return this.comments.follow(projectId, contactId);
  }
  unfollowProject(projectId: Guid, contactId: Guid): Promise<void> {
    return this.comments.unfollow(projectId, contactId);
  }

  async customFieldSchema(table: CustomFieldTable): Promise<CustomFieldSchema> {
    return this.customFields.schema(table);
  }
  async customFieldValues(table: CustomFieldTable, objectId: Guid, columns: string[]): Promise<CustomFieldValues> {
    return this.customFields.read(table, objectId, columns);
  }
  async blockedCustomFields(table: CustomFieldTable, objectId: Guid): Promise<string[]> {
    return this.customFields.blockedFor(table, objectId);
  }
  async saveCustomFields(objectId: Guid, values: CustomFieldValues): Promise<void> {
    return this.customFields.save(objectId, values);
  }
}

function strip(project: Project & { created?: number }): Project {
  const { created: _created, ...rest } = project;
  return rest;
}
