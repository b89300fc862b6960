/**
 * InLooxClient: the one implementation of InLooxApi, one per API key. Validates every input before sending and
 * builds queries only through the escaping query builder; limits, retries and error mapping are the transport's.
 * The operations live by domain (projects.ts, tasks.ts, people.ts) over the shared OData reading in odata.ts;
 * this class holds what belongs to one key: its transport and who owns it.
 *
 * Answers accepted (the OData metadata's and the connector swagger's forms, answers.ts):
 * - one entity as itself or as {"value":[entity]} (an empty wrapper is not_found);
 * - PATCH: 200 with the entity or the wrapper, or 204 without a body (then the entity is read back);
 * - POST: 201 with the entity (or the wrapper), or 204 with OData-EntityId / Location (then read back by the key
 *   in that address, on the configured base; createTask with readBack false takes only the key);
 * - unknown properties (kept) and annotations such as @odata.etag or Name@odata.type (dropped);
 * - date-times with Z or an offset (…Date / …DateTime properties are handed on in UTC with Z);
 * - @odata.nextLink absolute or relative, followed only on the configured origin and base path.
 */
import type { CreatedTask, ListOptions, InLooxApi, ProjectListOptions, TaskListOptions } from './api';
import type { CustomFieldSchema, CustomFieldTable, CustomFieldValues } from './custom-field-types';
import * as customFields from './custom-fields';
import { hashApiKey, MemoryLimiterStore, RateLimiter, type LimiterStore } from './limiter';
import { checkGuid, ODataSession } from './odata';
import * as comments from './comments';
import * as people from './people';
import * as projectActions from './project-actions';
import * as projects from './projects';
import * as requests from './requests';
import * as tasks from './tasks';
import * as time from './time';
import type { Stopwatch, TimeEntry, TimeEntryInput, TimeEntryListOptions, TimeEntryPatch } from './time';
import { InLooxTransport, type RetryOptions } from './transport';
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

export interface InLooxClientOptions {
  /** Operator-configured API base, e.g. https://app.inloox.com/api/odata/ or https://HOST/api/v1/odata/. */
  baseUrl: string;
  apiKey: string;
  limiter?: RateLimiter;
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  /** Injected for tests (backoff and Retry-After waits). */
  sleep?: (ms: number) => Promise<void>;
}

export class InLooxClient implements InLooxApi {
  private readonly odata: ODataSession;
  private mePromise: Promise<UserInfo> | undefined;
  /** The key owner's contact id when already known (stored at connect), so myTasks needs no UserInfo/Me() call. */
  private knownContactId: Guid | undefined;
  private readonly customFieldCache = new customFields.CustomFieldCache();

  constructor(options: InLooxClientOptions) {
    const transport = new InLooxTransport({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      keyId: hashApiKey(options.apiKey),
      limiter: options.limiter,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      fetch: options.fetch,
      sleep: options.sleep,
    });
    this.odata = new ODataSession(transport);
  }

  me(): Promise<UserInfo> {
    this.mePromise ??= people.me(this.odata);
    this.mePromise.catch(() => {
      this.mePromise = undefined;
    });
    return this.mePromise;
  }

  /** Records who owns this key (a key belongs to one InLoox user for good), e.g. from the stored connection. */
  assumeCurrentUser(contactId: Guid): void {
    this.knownContactId = checkGuid(contactId, 'contactId');
  }

  async listProjects(options?: ProjectListOptions): Promise<Page<Project>> {
    return projects.listProjects(this.odata, options);
  }
  async getProject(projectId: Guid): Promise<Project> {
    return projects.getProject(this.odata, projectId);
  }
  async findProject(nameOrNumber: string): Promise<Project | undefined> {
    return projects.findProject(this.odata, nameOrNumber);
  }
  async getProjectNames(projectIds: Guid[]): Promise<Map<Guid, ProjectName>> {
    return projects.getProjectNames(this.odata, projectIds);
  }
  async createProject(input: ProjectInput): Promise<Project> {
    return projects.createProject(this.odata, input);
  }
  async updateProject(projectId: Guid, patch: ProjectPatch): Promise<Project> {
    return projects.updateProject(this.odata, projectId, patch);
  }
  async archiveProject(projectId: Guid): Promise<Project> {
    return projects.updateProject(this.odata, projectId, { IsArchived: true });
  }
  async deleteProject(projectId: Guid): Promise<void> {
    return projects.deleteProject(this.odata, projectId);
  }
  async setFavorite(projectId: Guid, favorite: boolean): Promise<boolean> {
    return projectActions.setFavorite(this.odata, projectId, favorite);
  }
  async projectNumberExists(projectId: Guid, number: string): Promise<boolean> {
    return projectActions.projectNumberExists(this.odata, projectId, number);
  }
  async updateProjectNumber(projectId: Guid, prefix: string, suffix: string): Promise<void> {
    return projectActions.updateProjectNumber(this.odata, projectId, prefix, suffix);
  }
  async listCategories(): Promise<Category[]> {
    return projectActions.listCategories(this.odata);
  }
  async setCategories(projectId: Guid, categoryIds: Guid[]): Promise<void> {
    return projectActions.setCategories(this.odata, projectId, categoryIds);
  }
  async changeCategory(projectId: Guid, categoryId: Guid, assigned: boolean): Promise<void> {
    return projectActions.changeCategory(this.odata, projectId, categoryId, assigned);
  }
  async copyProject(projectId: Guid): Promise<Guid> {
    return projectActions.copyProject(this.odata, projectId);
  }
  async generateProjectDescription(projectId: Guid, language: 'de' | 'en'): Promise<string | undefined> {
    return projectActions.generateProjectDescription(this.odata, projectId, language);
  }

  async listTasks(options?: TaskListOptions): Promise<Page<Task>> {
    return tasks.listTasks(this.odata, options);
  }
  async myTasks(options: ListOptions = {}): Promise<Page<Task>> {
    const contactId = this.knownContactId ?? (await this.me()).ContactId;
    return tasks.listTasks(this.odata, { ...options, assigneeContactId: contactId, open: true });
  }
  async getTask(taskId: Guid): Promise<Task> {
    return tasks.getTask(this.odata, taskId);
  }

  async getTasksByIds(taskIds: Guid[]): Promise<Task[]> {
    return tasks.getTasksByIds(this.odata, taskIds);
  }
  createTask(input: TaskInput): Promise<Task>;
  createTask(input: TaskInput, options: { readBack: false }): Promise<CreatedTask>;
  async createTask(input: TaskInput, options?: { readBack: false }): Promise<Task | CreatedTask> {
    return tasks.createTask(this.odata, input, options?.readBack ?? true);
  }
  async updateTask(taskId: Guid, patch: TaskPatch): Promise<Task> {
    return tasks.updateTask(this.odata, taskId, patch);
  }
  async completeTask(taskId: Guid): Promise<Task> {
    return tasks.updateTask(this.odata, taskId, { IsDone: true });
  }
  async reopenTask(taskId: Guid): Promise<Task> {
    return tasks.updateTask(this.odata, taskId, { IsDone: false });
  }
  async deleteTask(taskId: Guid): Promise<void> {
    return tasks.deleteTask(this.odata, taskId);
  }

  async listContacts(options?: ListOptions): Promise<Page<Contact>> {
    return people.listContacts(this.odata, options);
  }
  async getContact(contactId: Guid): Promise<Contact> {
    return people.getContact(this.odata, contactId);
  }
  async listMembers(projectId: Guid): Promise<ProjectMember[]> {
    return people.listMembers(this.odata, projectId);
  }
  async addMember(projectId: Guid, contactId: Guid, role: MemberRole): Promise<void> {
    return people.addMember(this.odata, projectId, contactId, role);
  }
  async listProjectRequests(options?: { top?: number }): Promise<Page<Project>> {
    return requests.listProjectRequests(this.odata, options);
  }
  async approveProjectRequest(projectId: Guid): Promise<void> {
    return requests.decideRequest(this.odata, projectId, 'ApproveRequest');
  }
  async rejectProjectRequest(projectId: Guid): Promise<void> {
    return requests.decideRequest(this.odata, projectId, 'RejectRequest');
  }
  async addProjectNote(projectId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void> {
    return people.addNote(this.odata, 'Project', projectId, html, notifyContactIds);
  }
  async addTaskNote(taskId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void> {
    return people.addNote(this.odata, 'Task', taskId, html, notifyContactIds);
  }
  async listProjectNotes(projectId: Guid, options?: { top?: number; skip?: number }): Promise<Page<ProjectNote>> {
    return comments.listProjectNotes(this.odata, projectId, options);
  }
  async deleteProjectNote(projectId: Guid, noteId: Guid): Promise<void> {
    return comments.deleteProjectNote(this.odata, projectId, noteId);
  }
  async getContactNames(contactIds: Guid[]): Promise<Map<Guid, string>> {
    return comments.getContactNames(this.odata, contactIds);
  }
  async listFollowers(projectId: Guid): Promise<Contact[]> {
    return comments.listFollowers(this.odata, projectId);
  }
  async followProject(projectId: Guid, contactId: Guid): Promise<void> {
    return comments.follow(this.odata, projectId, contactId);
  }
  async unfollowProject(projectId: Guid, contactId: Guid): Promise<void> {
    return comments.unfollow(this.odata, projectId, contactId);
  }

  async currentContactId(): Promise<Guid> {
    return this.knownContactId ?? (await this.me()).ContactId.toLowerCase();
  }
  async startStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return time.startStopwatch(this.odata, taskId);
  }
  async pauseStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return time.pauseStopwatch(this.odata, taskId);
  }
  async stopStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return time.stopStopwatch(this.odata, taskId);
  }
  async getStopwatch(taskId: Guid): Promise<Stopwatch | undefined> {
    return time.getStopwatch(this.odata, taskId);
  }
  async listStopwatches(): Promise<Stopwatch[]> {
    return time.listStopwatches(this.odata);
  }
  async listTimeEntries(options?: TimeEntryListOptions): Promise<Page<TimeEntry>> {
    return time.listTimeEntries(this.odata, options);
  }
  async getTimeEntry(entryId: Guid): Promise<TimeEntry> {
    return time.getTimeEntry(this.odata, entryId);
  }
  async createTimeEntry(input: TimeEntryInput): Promise<TimeEntry> {
    return time.createTimeEntry(this.odata, input);
  }
  async updateTimeEntry(entryId: Guid, patch: TimeEntryPatch): Promise<TimeEntry> {
    return time.updateTimeEntry(this.odata, entryId, patch);
  }
  async deleteTimeEntry(entryId: Guid): Promise<void> {
    return time.deleteTimeEntry(this.odata, entryId);
  }
  async customFieldSchema(table: CustomFieldTable, options?: { refresh?: boolean }): Promise<CustomFieldSchema> {
    return this.customFieldCache.get(this.odata, table, options?.refresh);
  }
  async customFieldValues(table: CustomFieldTable, objectId: Guid, columns: string[]): Promise<CustomFieldValues> {
    return customFields.customFieldValues(this.odata, table, objectId, columns);
  }
  async blockedCustomFields(table: CustomFieldTable, objectId: Guid): Promise<string[]> {
    return customFields.blockedCustomFields(this.odata, table, objectId);
  }
  async saveCustomFields(objectId: Guid, values: CustomFieldValues): Promise<void> {
    return customFields.saveCustomFields(this.odata, objectId, values);
  }
}

export interface ClientFactoryOptions {
  baseUrl: string;
  rateLimit: { calls: number; windowMs: number; marginMs?: number };
  timeoutMs?: number;
  retry?: RetryOptions;
  /** 'memory' (default): one server. A PostgresLimiterStore: several servers share the budget per key. */
  limiterStore?: 'memory' | LimiterStore;
  fetch?: typeof fetch;
  onLimiterStoreError?: (error: unknown) => void;
}

const MAX_CACHED_CLIENTS = 1_000;

/**
 * One limiter for every key, one client per key (cached by the key's hash, so per-client caches such as the
 * current user survive between requests). The API key itself is never used as a map key.
 */
export function createInLooxClientFactory(
  options: ClientFactoryOptions,
): (apiKey: string, knownContactId?: Guid) => InLooxApi {
  const store =
    options.limiterStore && options.limiterStore !== 'memory' ? options.limiterStore : new MemoryLimiterStore();
  const limiter = new RateLimiter({
    calls: options.rateLimit.calls,
    windowMs: options.rateLimit.windowMs,
    marginMs: options.rateLimit.marginMs,
    store,
    onStoreError: options.onLimiterStoreError,
  });
  const clients = new Map<string, InLooxClient>();
  return (apiKey: string, knownContactId?: Guid) => {
    const id = hashApiKey(apiKey);
    const cached = clients.get(id);
    if (cached) {
      clients.delete(id);
      clients.set(id, cached);
      if (knownContactId) cached.assumeCurrentUser(knownContactId);
      return cached;
    }
    const client = new InLooxClient({
      baseUrl: options.baseUrl,
      apiKey,
      limiter,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      fetch: options.fetch,
    });
    if (knownContactId) client.assumeCurrentUser(knownContactId);
    clients.set(id, client);
    if (clients.size > MAX_CACHED_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    return client;
  };
}
