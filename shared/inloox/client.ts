/**
 * InLooxClient: the one implementation of InLooxApi. Validates every input before sending, builds queries only
 * through the escaping query builder, and leaves limits, retries and error mapping to the transport.
 */
import type { ListOptions, InLooxApi, ProjectListOptions, TaskListOptions } from './api';
import { LIMITS } from '../domain/limits';
import { InLooxError } from './errors';
import { hashApiKey, MemoryLimiterStore, RateLimiter, type LimiterStore } from './limiter';
import {
  and,
  buildQuery,
  containsText,
  entityPath,
  eq,
  guidLiteral,
  lit,
  or,
  stringLiteral,
  type Filter,
  type OrderBy,
  type QueryOptions,
} from './query';
import {
  contactSchema,
  customFieldNameSchema,
  customFieldSchema,
  customFieldValueSchema,
  dynamicRowSchema,
  guidListSchema,
  guidSchema,
  memberRoleSchema,
  memberSchema,
  noteHtmlSchema,
  parseEntity,
  projectInputSchema,
  projectNoteSchema,
  projectPatchSchema,
  projectSchema,
  taskInputSchema,
  taskPatchSchema,
  taskSchema,
  taskStatusSchema,
  userInfoSchema,
  validate,
} from './schemas';
import { InLooxTransport, type RetryOptions } from './transport';
import type {
  Contact,
  CustomFieldValue,
  Guid,
  MemberRole,
  Page,
  Project,
  ProjectInput,
  ProjectMember,
  ProjectNote,
  ProjectPatch,
  Task,
  TaskInput,
  TaskPatch,
  TaskStatus,
  UserInfo,
} from './types';
import type { z } from 'zod';

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

/** Safety stop for "complete" lists, so a looping nextLink can never spin forever. */
const MAX_PAGES = 1_000;

const PREFER_REPRESENTATION = { prefer: 'return=representation' };

interface ODataCollection {
  value: unknown[];
  nextLink?: string;
  count?: number;
}

function asCollection(body: unknown, what: string): ODataCollection {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { value?: unknown }).value)) {
    throw new InLooxError('unavailable', { detail: `malformed ${what} list in response` });
  }
  const record = body as Record<string, unknown>;
  const next = record['@odata.nextLink'];
  const count = record['@odata.count'];
  return {
    value: record.value as unknown[],
    nextLink: typeof next === 'string' && next ? next : undefined,
    count: typeof count === 'number' ? count : undefined,
  };
}

function searchFilter(fields: string[], text: string | undefined): Filter | undefined {
  const needle = text?.trim();
  if (!needle) return undefined;
  if (needle.length > LIMITS.search)
    throw new InLooxError('validation', { field: 'search', detail: 'search text too long' });
  return or(...fields.map((f) => containsText(f, needle)));
}

function checkGuid(value: unknown, field: string): Guid {
  return validate(guidSchema, value, field).toLowerCase();
}

interface ListSpec {
  entitySet: string;
  schema: z.ZodType;
  what: string;
  filter?: Filter;
  orderBy?: OrderBy[];
  top?: number;
  skip?: number;
  select?: string[];
}

export class InLooxClient implements InLooxApi {
  private readonly transport: InLooxTransport;
  private mePromise: Promise<UserInfo> | undefined;
  /** The key owner's contact id when already known (stored at connect), so myTasks needs no UserInfo/Me() call. */
  private knownContactId: Guid | undefined;

  constructor(options: InLooxClientOptions) {
    this.transport = new InLooxTransport({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      keyId: hashApiKey(options.apiKey),
      limiter: options.limiter,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      fetch: options.fetch,
      sleep: options.sleep,
    });
  }

  // ---- plumbing ----

  private async get(path: string): Promise<unknown> {
    return (await this.transport.request({ method: 'GET', path, kind: 'read' })).body;
  }

  private async pages(spec: ListSpec, limit?: number): Promise<Page<unknown>> {
    const items: unknown[] = [];
    let count: number | undefined;
    const query: QueryOptions = {
      filter: spec.filter,
      orderBy: spec.orderBy,
      select: spec.select,
      skip: spec.skip,
      // InLoox pages server-side and carries the rest of $top in @odata.nextLink.
      top: limit,
    };
    let next: string | undefined = `${spec.entitySet}${buildQuery(query)}`;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const collection = asCollection(await this.get(next), spec.what);
      count ??= collection.count;
      for (const row of collection.value) items.push(parseEntity(spec.schema, row, spec.what));
      next = collection.nextLink;
      if (next) this.transport.resolve(next);
      if (limit !== undefined && items.length >= limit) break;
    }
    if (limit !== undefined && items.length > limit) items.length = limit;
    return { items, nextLink: next, count };
  }

  /** Pages lazily; the spec is built on first use, so invalid options reject the iteration instead of throwing. */
  private async *iterate(makeSpec: () => ListSpec): AsyncIterable<unknown> {
    const spec = makeSpec();
    let next: string | undefined = `${spec.entitySet}${buildQuery({
      filter: spec.filter,
      orderBy: spec.orderBy,
      select: spec.select,
      skip: spec.skip,
    })}`;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const collection = asCollection(await this.get(next), spec.what);
      next = collection.nextLink;
      if (next) this.transport.resolve(next);
      for (const row of collection.value) yield parseEntity(spec.schema, row, spec.what);
    }
  }

  /** A top given: that many (following nextLink); none given: the complete list. */
  private list<T>(spec: ListSpec): Promise<Page<T>> {
    return this.pages(spec, spec.top) as Promise<Page<T>>;
  }

  /** POST/PATCH that should answer with the entity; falls back to a GET when InLoox answers 204. */
  private async write<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    schema: z.ZodType,
    what: string,
    reload: (entityUrl: string | undefined) => string | undefined,
  ): Promise<T> {
    const response = await this.transport.request({
      method,
      path,
      body,
      kind: method === 'POST' ? 'unsafe' : 'idempotent',
      headers: PREFER_REPRESENTATION,
    });
    if (response.body && typeof response.body === 'object') return parseEntity<T>(schema, response.body, what);
    const again = reload(response.entityUrl);
    if (!again) throw new InLooxError('unavailable', { detail: `${what} write answered without the entity` });
    return parseEntity<T>(schema, await this.get(again), what);
  }

  private async action(path: string, body: unknown): Promise<void> {
    await this.transport.request({ method: 'POST', path, body, kind: 'unsafe' });
  }

  // ---- user ----

  me(): Promise<UserInfo> {
    this.mePromise ??= (async () => {
      const body = await this.get('UserInfo/Me()');
      // Me() returns a collection of ApiUserInfo; some servers answer with the single entity.
      const row = body && typeof body === 'object' && 'value' in body ? asCollection(body, 'user').value[0] : body;
      if (!row) throw new InLooxError('auth', { detail: 'UserInfo/Me() returned no user' });
      return parseEntity<UserInfo>(userInfoSchema, row, 'user');
    })();
    this.mePromise.catch(() => {
      this.mePromise = undefined;
    });
    return this.mePromise;
  }

  // ---- projects ----

  private projectSpec(options: ProjectListOptions = {}): ListSpec {
    return {
      entitySet: 'Project',
      schema: projectSchema,
      what: 'project',
      filter: and(
        eq('IsRecycled', lit.boolean(false)),
        options.includeArchived ? undefined : eq('IsArchived', lit.boolean(false)),
        searchFilter(['Name', 'Number'], options.search),
      ),
      orderBy: [{ field: 'CreatedDateTime', direction: 'desc' }],
      top: options.top,
      skip: options.skip,
    };
  }

  async listProjects(options?: ProjectListOptions): Promise<Page<Project>> {
    return this.list<Project>(this.projectSpec(options));
  }

  iterateProjects(options?: ProjectListOptions): AsyncIterable<Project> {
    return this.iterate(() => this.projectSpec(options)) as AsyncIterable<Project>;
  }

  async getProject(projectId: Guid): Promise<Project> {
    return parseEntity(projectSchema, await this.get(entityPath('Project', projectId, 'projectId')), 'project');
  }

  async findProject(nameOrNumber: string): Promise<Project | undefined> {
    const needle = typeof nameOrNumber === 'string' ? nameOrNumber.trim() : '';
    if (!needle) throw new InLooxError('validation', { field: 'nameOrNumber', detail: 'empty' });
    if (needle.length > LIMITS.search)
      throw new InLooxError('validation', { field: 'nameOrNumber', detail: 'too long' });
    const active = eq('IsRecycled', lit.boolean(false));
    const byNumber = await this.list<Project>({
      entitySet: 'Project',
      schema: projectSchema,
      what: 'project',
      filter: and(active, eq('Number', lit.string(needle))),
      top: 1,
    });
    if (byNumber.items[0]) return byNumber.items[0];
    const byName = await this.list<Project>({
      entitySet: 'Project',
      schema: projectSchema,
      what: 'project',
      filter: and(active, containsText('Name', needle)),
      orderBy: [{ field: 'CreatedDateTime', direction: 'desc' }],
      top: 20,
    });
    const lower = needle.toLowerCase();
    return byName.items.find((p) => p.Name.toLowerCase() === lower) ?? byName.items[0];
  }

  async createProject(input: ProjectInput): Promise<Project> {
    const body = validate(projectInputSchema, input);
    return this.write<Project>('POST', 'Project', body, projectSchema, 'project', (entityUrl) => entityUrl);
  }

  async updateProject(projectId: Guid, patch: ProjectPatch): Promise<Project> {
    const path = entityPath('Project', checkGuid(projectId, 'projectId'));
    const body = validate(projectPatchSchema, patch);
    return this.write<Project>('PATCH', path, body, projectSchema, 'project', () => path);
  }

  async archiveProject(projectId: Guid): Promise<Project> {
    return this.updateProject(projectId, { IsArchived: true });
  }

  async deleteProject(projectId: Guid): Promise<void> {
    const path = entityPath('Project', checkGuid(projectId, 'projectId'));
    await this.transport.request({ method: 'DELETE', path, kind: 'idempotent' });
  }

  // ---- tasks ----

  private taskSpec(options: TaskListOptions = {}): ListSpec {
    return {
      entitySet: 'Task',
      schema: taskSchema,
      what: 'task',
      filter: and(
        options.projectId ? eq('ProjectId', lit.guid(checkGuid(options.projectId, 'projectId'))) : undefined,
        options.assigneeContactId
          ? eq('ContactId', lit.guid(checkGuid(options.assigneeContactId, 'assigneeContactId')))
          : undefined,
        options.open === undefined ? undefined : eq('IsDone', lit.boolean(!options.open)),
        searchFilter(['Name'], options.search),
      ),
      orderBy: [{ field: 'EndDateTime' }, { field: 'Name' }],
      top: options.top,
      skip: options.skip,
    };
  }

  async listTasks(options?: TaskListOptions): Promise<Page<Task>> {
    return this.list<Task>(this.taskSpec(options));
  }

  iterateTasks(options?: TaskListOptions): AsyncIterable<Task> {
    return this.iterate(() => this.taskSpec(options)) as AsyncIterable<Task>;
  }

  /** Records who owns this key (a key belongs to one InLoox user for good), e.g. from the stored connection. */
  assumeCurrentUser(contactId: Guid): void {
    this.knownContactId = checkGuid(contactId, 'contactId');
  }

  async myTasks(options: ListOptions = {}): Promise<Page<Task>> {
    const contactId = this.knownContactId ?? (await this.me()).ContactId;
    return this.listTasks({ ...options, assigneeContactId: contactId, open: true });
  }

  async getTask(taskId: Guid): Promise<Task> {
    return parseEntity(taskSchema, await this.get(entityPath('Task', taskId, 'taskId')), 'task');
  }

  async createTask(input: TaskInput): Promise<Task> {
    const body = validate(taskInputSchema, input);
    return this.write<Task>('POST', 'Task', body, taskSchema, 'task', (entityUrl) => entityUrl);
  }

  async updateTask(taskId: Guid, patch: TaskPatch): Promise<Task> {
    const path = entityPath('Task', checkGuid(taskId, 'taskId'));
    const body = validate(taskPatchSchema, patch);
    return this.write<Task>('PATCH', path, body, taskSchema, 'task', () => path);
  }

  async completeTask(taskId: Guid): Promise<Task> {
    return this.updateTask(taskId, { IsDone: true });
  }

  async reopenTask(taskId: Guid): Promise<Task> {
    return this.updateTask(taskId, { IsDone: false });
  }

  async deleteTask(taskId: Guid): Promise<void> {
    const path = entityPath('Task', checkGuid(taskId, 'taskId'));
    await this.transport.request({ method: 'DELETE', path, kind: 'idempotent' });
  }

  // ---- contacts ----

  async listContacts(options: ListOptions = {}): Promise<Page<Contact>> {
    return this.list<Contact>({
      entitySet: 'Contact',
      schema: contactSchema,
      what: 'contact',
      filter: and(
        eq('IsRecycled', lit.boolean(false)),
        searchFilter(['DisplayName', 'Email', 'CompanyName'], options.search),
      ),
      orderBy: [{ field: 'DisplayName' }],
      top: options.top,
      skip: options.skip,
    });
  }

  async getContact(contactId: Guid): Promise<Contact> {
    return parseEntity(contactSchema, await this.get(entityPath('Contact', contactId, 'contactId')), 'contact');
  }

  // ---- members ----

  async listMembers(projectId: Guid): Promise<ProjectMember[]> {
    const path = `${entityPath('Project', projectId, 'projectId')}/GetProjectContactRelations()`;
    const collection = asCollection(await this.get(path), 'member');
    return collection.value.map((row) => parseEntity<ProjectMember>(memberSchema, row, 'member'));
  }

  async addMember(projectId: Guid, contactId: Guid, role: MemberRole): Promise<void> {
    const path = `${entityPath('Project', checkGuid(projectId, 'projectId'))}/AddMember`;
    const body = { contactId: checkGuid(contactId, 'contactId'), role: validate(memberRoleSchema, role, 'role') };
    await this.action(path, body);
  }

  async removeMember(projectId: Guid, contactId: Guid, role: MemberRole): Promise<void> {
    const path = `${entityPath('Project', checkGuid(projectId, 'projectId'))}/RemoveMember`;
    const body = { contactId: checkGuid(contactId, 'contactId'), role: validate(memberRoleSchema, role, 'role') };
    await this.action(path, body);
  }

  // ---- comments ----

  private noteBody(html: string, notifyContactIds: Guid[] = []) {
    return {
      htmlText: validate(noteHtmlSchema, html, 'htmlText'),
      notificationContactIds: validate(guidListSchema, notifyContactIds, 'notificationContactIds'),
    };
  }

  async addProjectNote(projectId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void> {
    const path = `${entityPath('Project', checkGuid(projectId, 'projectId'))}/AddNote`;
    await this.action(path, this.noteBody(html, notifyContactIds));
  }

  async addTaskNote(taskId: Guid, html: string, notifyContactIds?: Guid[]): Promise<void> {
    const path = `${entityPath('Task', checkGuid(taskId, 'taskId'))}/AddNote`;
    await this.action(path, this.noteBody(html, notifyContactIds));
  }

  async listProjectNotes(projectId: Guid, options: ListOptions = {}): Promise<Page<ProjectNote>> {
    return this.list<ProjectNote>({
      entitySet: 'ProjectNote',
      schema: projectNoteSchema,
      what: 'project note',
      filter: and(eq('ProjectId', lit.guid(checkGuid(projectId, 'projectId'))), searchFilter(['Note'], options.search)),
      orderBy: [{ field: 'CreateDateTime', direction: 'desc' }],
      top: options.top,
      skip: options.skip,
    });
  }

  // ---- statuses and custom fields ----

  async listTaskStatuses(projectId: Guid): Promise<TaskStatus[]> {
    const page = await this.list<TaskStatus>({
      entitySet: 'TaskStatus',
      schema: taskStatusSchema,
      what: 'task status',
      filter: eq('ProjectId', lit.guid(checkGuid(projectId, 'projectId'))),
      orderBy: [{ field: 'OrdinalPosition' }],
    });
    return page.items;
  }

  private async dynamicRow(entitySet: string, keyField: string, id: Guid, field: string) {
    const page = await this.list<Record<string, unknown>>({
      entitySet,
      schema: dynamicRowSchema,
      what: entitySet,
      filter: eq(keyField, lit.guid(checkGuid(id, field))),
      top: 1,
    });
    const row = page.items[0];
    if (!row) throw new InLooxError('not_found', { status: 404, detail: `${entitySet}: no row for ${field}` });
    return row;
  }

  async getDynamicProject(projectId: Guid): Promise<Record<string, unknown>> {
    return this.dynamicRow('DynamicProject', 'Project_ProjectId', projectId, 'projectId');
  }

  async getDynamicTask(taskId: Guid): Promise<Record<string, unknown>> {
    return this.dynamicRow('DynamicTaskItem', 'TaskItem_TaskItemId', taskId, 'taskId');
  }

  async updateCustomField(objectId: Guid, name: string, value: string | null): Promise<CustomFieldValue> {
    const id = checkGuid(objectId, 'objectId');
    const fieldName = validate(customFieldNameSchema, name, 'name');
    const newValue = validate(customFieldValueSchema, value, 'value');
    const path = `CustomField(Name=${stringLiteral(fieldName)},ObjectId=${guidLiteral(id)})`;
    const response = await this.transport.request({
      method: 'PATCH',
      path,
      body: { Value: newValue },
      kind: 'idempotent',
      headers: PREFER_REPRESENTATION,
    });
    if (response.body && typeof response.body === 'object') {
      return parseEntity(customFieldSchema, response.body, 'custom field');
    }
    return { ObjectId: id, Name: fieldName, Value: newValue };
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
