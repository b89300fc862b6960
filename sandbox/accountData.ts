import { randomUUID } from 'node:crypto';
import { badRequest, notFound, ODataError } from './errors';
import {
  coerceValue,
  defaultValue,
  formatDateTime,
  GUID_PATTERN,
  parseDateTimeOffset,
  validateBody,
  type EntitySetDefinition,
} from './entities';
import type { PropertyLookup, Row } from './query';
import type { SandboxStore, StoredRow } from './store';

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

const CUSTOM_FIELD_TYPES = ['String', 'DateTime', 'Integer', 'Decimal', 'Boolean', 'List', 'Currency'];
const CUSTOM_FIELD_TABLES: Record<string, string> = { Project: 'Project', TaskItem: 'Task' };

export interface AccountProfile {
  accountId: string;
  contactId: string;
  language: 'de' | 'en';
}

/** Internal (not directly exposed) collections next to the entity sets. */
const MEMBERSHIP = 'Membership';
const TASK_NOTE = 'TaskNote';
const CUSTOM_FIELD_COLUMN = 'CustomField_';
const CUSTOM_FIELD_VALUE = 'CustomFieldValue';

/** Fields the store indexes, so children are found without scanning whole sets. */
export const INDEXED_FIELDS: Record<string, string[]> = {
  Task: ['ProjectId', 'ContactId', 'TaskItemStatusId'],
  [MEMBERSHIP]: ['ProjectId', 'ContactId'],
  ProjectNote: ['ProjectId'],
  TaskStatus: ['ProjectId'],
  TimeEntry: ['ProjectId', 'TaskItemId'],
  [TASK_NOTE]: ['TaskItemId'],
  [CUSTOM_FIELD_VALUE]: ['ObjectId'],
};

const DEFAULTS = new WeakMap<EntitySetDefinition, ReadonlyArray<readonly [string, unknown]>>();

function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * One InLoox account's data: the entity sets with their server-side rules (computed fields, references,
 * cascades). Every method works only inside this account; nothing here can reach another account's rows.
 */
export class AccountData {
  constructor(
    private readonly store: SandboxStore,
    private readonly sets: Map<string, EntitySetDefinition>,
    readonly profile: AccountProfile,
  ) {}

  get accountId(): string {
    return this.profile.accountId;
  }

  definition(setName: string): EntitySetDefinition {
    const set = this.sets.get(setName);
    if (!set) throw notFound(`The entity set '${setName}' does not exist.`);
    return set;
  }

  /**
   * Properties usable in $filter/$orderby/$select: the declared ones, and for the Dynamic* sets the custom field
   * columns (CustomField_<ColumnName>) defined in this account for that table.
   */
  lookup(setName: string): PropertyLookup {
    const set = this.definition(setName);
    const table = setName === 'DynamicProject' ? 'Project' : setName === 'DynamicTaskItem' ? 'TaskItem' : undefined;
    if (!table) return set.lookup;
    return (name) => {
      const declared = set.type.properties.get(name);
      if (declared || !name.startsWith(CUSTOM_FIELD_COLUMN)) return declared;
      const column = name.slice(CUSTOM_FIELD_COLUMN.length);
      const defined = this.raw('CustomFieldDefinition').some((d) => d.TableName === table && d.ColumnName === column);
      return defined ? { name, type: 'Edm.String', nullable: true } : undefined;
    };
  }

  // ---------- raw access ----------

  raw(setName: string): StoredRow[] {
    return this.store.all(this.accountId, setName);
  }

  rawOne(setName: string, id: string): StoredRow | undefined {
    return this.store.get(this.accountId, setName, id.toLowerCase());
  }

  put(setName: string, id: string, row: StoredRow): void {
    const before = this.store.get(this.accountId, setName, id.toLowerCase());
    this.store.put(this.accountId, setName, id.toLowerCase(), row);
    this.changed(setName, before, row);
  }

  /** Rows of a set whose indexed field equals the value. */
  where(setName: string, field: string, value: unknown): StoredRow[] {
    return this.store.where(this.accountId, setName, field, value);
  }

  private remove(setName: string, id: string): boolean {
    const before = this.store.get(this.accountId, setName, id);
    const removed = this.store.delete(this.accountId, setName, id);
    if (removed) this.changed(setName, before, undefined);
    return removed;
  }

  /** Invalidates what a write can change: every list, and the views that were computed from the written row. */
  private changed(setName: string, before?: StoredRow, after?: StoredRow): void {
    this.version++;
    if (setName === 'Contact') this.contactsVersion++;
    if (!after && before && setName === 'Project') this.projectViewCache.delete(before.ProjectId as string);
    if (!after && before && setName === 'Task') this.taskViewCache.delete(before.TaskItemId as string);
    if (setName === 'Task' || setName === MEMBERSHIP) {
      for (const row of [before, after]) {
        const projectId = row?.ProjectId;
        if (typeof projectId === 'string')
          this.projectStamps.set(projectId, (this.projectStamps.get(projectId) ?? 0) + 1);
      }
    }
  }

  private now(): string {
    return formatDateTime(Date.now());
  }

  private lastProjectNumber?: number;

  private nextProjectNumber(): number {
    this.lastProjectNumber ??= Math.max(0, ...this.raw('Project').map((p) => (p.NumberIncremential as number) ?? 0));
    return ++this.lastProjectNumber;
  }

  /** Every declared property, defaulted like the EDMX says (null, 0, false …), overlaid with the stored values. */
  private withDefaults(set: EntitySetDefinition, stored: StoredRow): Row {
    let defaults = DEFAULTS.get(set);
    if (!defaults) {
      defaults = [...set.type.properties.values()].map((p) => [p.name, defaultValue(p)] as const);
      DEFAULTS.set(set, defaults);
    }
    // A plain loop: spreading a ~150-property template object is several times slower in V8.
    const row: Row = {};
    for (const [name, fallback] of defaults) {
      const value = stored[name];
      row[name] = value !== undefined ? value : fallback;
    }
    return row;
  }

  private contactName(contactId: unknown): string | null {
    if (typeof contactId !== 'string') return null;
    return str(this.rawOne('Contact', contactId)?.DisplayName);
  }

  // ---------- views (what GET returns) ----------

  /** Bumped on every write; list views are cached per version, so reads between writes are cheap. */
  private version = 0;
  private readonly views = new Map<string, { version: number; rows: Row[] }>();
  /**
   * Per-entity views for recomputing lists after a write: valid while the stored row is the same object (rows are
   * replaced, never mutated), no contact changed, and (projects) none of the project's tasks or members changed.
   */
  private contactsVersion = 0;
  private readonly projectStamps = new Map<string, number>();
  private readonly projectViewCache = new Map<
    string,
    { stored: StoredRow; stamp: number; contacts: number; row: Row }
  >();
  private readonly taskViewCache = new Map<string, { stored: StoredRow; contacts: number; row: Row }>();

  /** All entities of a set as the API shows them, computed fields included. The rows are shared: do not mutate. */
  list(setName: string): Row[] {
    const cached = this.views.get(setName);
    if (cached && cached.version === this.version) return cached.rows;
    const rows = this.computeList(setName);
    this.views.set(setName, { version: this.version, rows });
    return rows;
  }

  private computeList(setName: string): Row[] {
    switch (setName) {
      case 'Project':
        return this.cachedProjectViews(this.raw('Project'));
      case 'Task':
        return this.raw('Task').map((t) => this.cachedTaskView(t));
      case 'UserInfo':
        return [this.userInfo()];
      case 'CustomField':
        return this.raw(CUSTOM_FIELD_VALUE).map((v) => this.customFieldView(v));
      case 'DynamicProject':
        return this.dynamicProjects();
      case 'DynamicTaskItem':
        return this.dynamicTasks();
      default: {
        const set = this.definition(setName);
        return this.raw(setName).map((r) => this.withDefaults(set, r));
      }
    }
  }

  /** One entity as the API shows it; 404 when it does not exist in this account. */
  get(setName: string, key: string): Row {
    const set = this.definition(setName);
    const id = key.toLowerCase();
    let row: Row | undefined;
    switch (setName) {
      case 'Project': {
        const stored = this.rawOne('Project', id);
        row = stored ? this.projectViews([stored])[0] : undefined;
        break;
      }
      case 'Task': {
        const stored = this.rawOne('Task', id);
        row = stored ? this.taskView(stored) : undefined;
        break;
      }
      case 'UserInfo':
        row = id === this.profile.contactId ? this.userInfo() : undefined;
        break;
      case 'DynamicProject':
        row = this.rawOne('Project', id) ? this.dynamicProjects([id])[0] : undefined;
        break;
      case 'DynamicTaskItem':
        row = this.rawOne('Task', id) ? this.dynamicTasks([id])[0] : undefined;
        break;
      default: {
        const stored = this.rawOne(setName, id);
        row = stored ? this.withDefaults(set, stored) : undefined;
      }
    }
    if (!row) throw notFound(`No ${setName} with key ${key} was found.`);
    return row;
  }

  userInfo(): Row {
    const contact = this.rawOne('Contact', this.profile.contactId) ?? {};
    const set = this.definition('UserInfo');
    return this.withDefaults(set, {
      ContactId: this.profile.contactId,
      FirstName: contact.FirstName ?? null,
      LastName: contact.LastName ?? null,
      DisplayName: contact.DisplayName ?? null,
      Email: contact.Email ?? null,
      ImageId: null,
      NotifyFrequency: 1,
      TimeZoneInfo: this.profile.language === 'de' ? 'W. Europe Standard Time' : 'GMT Standard Time',
      EmailConfirmed: true,
      IsReader: false,
      UILanguage: this.profile.language === 'de' ? 'de-DE' : 'en-US',
    });
  }

  private projectViews(projects: StoredRow[]): Row[] {
    const set = this.definition('Project');
    return projects.map((stored) => {
      const row = this.withDefaults(set, stored);
      const id = stored.ProjectId as string;
      const tasks = this.where('Task', 'ProjectId', id);
      const done = tasks.filter((t) => t.IsDone === true);
      const effort = tasks.reduce((sum, t) => sum + ((t.WorkAmount as number) ?? 0), 0);
      const effortDone = done.reduce((sum, t) => sum + ((t.WorkAmount as number) ?? 0), 0);
      const progress = tasks.length === 0 ? 0 : done.length / tasks.length;
      const number = `${str(stored.NumberPrefix) ?? ''}${String(stored.NumberIncremential ?? 0).padStart(3, '0')}${str(stored.NumberSuffix) ?? ''}`;
      row.Number = number;
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
      const members = this.where(MEMBERSHIP, 'ProjectId', id).sort(
        (a, b) => (a.OrdinalPosition as number) - (b.OrdinalPosition as number),
      );
      const names = (role: number) =>
        members
          .filter((m) => m.Role === role)
          .map((m) => this.contactName(m.ContactId))
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
      row.CreatedByName = this.contactName(stored.CreatedByContactId);
      row.LastChangedByName = this.contactName(stored.ChangedByContactId);
      row.ProjectPermission_SecurityContactId = this.profile.contactId;
      row.ProjectPermission_IsProjectMember = members.some((m) => m.ContactId === this.profile.contactId);
      row.ProjectPermission_IsArchived = row.IsArchived;
      row.ProjectPermission_IsRecycled = row.IsRecycled;
      row.ProjectPermission_IsRequest = row.IsRequest;
      row.ProjectPermission_ContactDisplayName = this.contactName(this.profile.contactId);
      return row;
    });
  }

  private cachedProjectViews(projects: StoredRow[]): Row[] {
    return projects.map((stored) => {
      const id = stored.ProjectId as string;
      const stamp = this.projectStamps.get(id) ?? 0;
      const hit = this.projectViewCache.get(id);
      if (hit && hit.stored === stored && hit.stamp === stamp && hit.contacts === this.contactsVersion) return hit.row;
      const row = this.projectViews([stored])[0]!;
      this.projectViewCache.set(id, { stored, stamp, contacts: this.contactsVersion, row });
      return row;
    });
  }

  private cachedTaskView(stored: StoredRow): Row {
    const id = stored.TaskItemId as string;
    const hit = this.taskViewCache.get(id);
    if (hit && hit.stored === stored && hit.contacts === this.contactsVersion) return hit.row;
    const row = this.taskView(stored);
    this.taskViewCache.set(id, { stored, contacts: this.contactsVersion, row });
    return row;
  }

  private taskView(stored: StoredRow): Row {
    const row = this.withDefaults(this.definition('Task'), stored);
    row.ContactDisplayName = this.contactName(stored.ContactId);
    return row;
  }

  private customFieldView(stored: StoredRow): Row {
    return this.withDefaults(this.definition('CustomField'), stored);
  }

  private customColumns(table: 'Project' | 'TaskItem', objectId: string): Row {
    const row: Row = {};
    for (const def of this.raw('CustomFieldDefinition')) {
      if (def.TableName !== table) continue;
      const value = this.rawOne(CUSTOM_FIELD_VALUE, `${objectId}|${def.ColumnName as string}`);
      row[`${CUSTOM_FIELD_COLUMN}${def.ColumnName as string}`] = value?.Value ?? null;
    }
    return row;
  }

  private dynamicProjects(only?: string[]): Row[] {
    const set = this.definition('DynamicProject');
    const projects = only ? only.map((id) => this.rawOne('Project', id)!).filter(Boolean) : this.raw('Project');
    return this.projectViews(projects).map((project) => {
      const notes = this.where('ProjectNote', 'ProjectId', project.ProjectId).length;
      const row = this.withDefaults(set, {});
      for (const [name, value] of Object.entries(project)) {
        if (set.type.properties.has(`Project_${name}`)) row[`Project_${name}`] = value;
        else if (name.startsWith('ProjectPermission_') && set.type.properties.has(name)) row[name] = value;
      }
      row.Project_ListItemId = project.ProjectId;
      row.Project_NotesCount = notes;
      Object.assign(row, this.customColumns('Project', project.ProjectId as string));
      return row;
    });
  }

  private dynamicTasks(only?: string[]): Row[] {
    const set = this.definition('DynamicTaskItem');
    const tasks = only ? only.map((id) => this.rawOne('Task', id)!).filter(Boolean) : this.raw('Task');
    const projectIds = [...new Set(tasks.map((t) => t.ProjectId).filter((p): p is string => typeof p === 'string'))];
    const projects = new Map(
      this.projectViews(projectIds.map((id) => this.rawOne('Project', id)!).filter(Boolean)).map((p) => [
        p.ProjectId as string,
        p,
      ]),
    );
    return tasks.map((stored) => {
      const task = this.taskView(stored);
      const row = this.withDefaults(set, {});
      for (const [name, value] of Object.entries(task)) {
        if (set.type.properties.has(`TaskItem_${name}`)) row[`TaskItem_${name}`] = value;
      }
      row.TaskItem_NotesCount = this.where(TASK_NOTE, 'TaskItemId', stored.TaskItemId).length;
      const project = typeof stored.ProjectId === 'string' ? projects.get(stored.ProjectId) : undefined;
      if (project) {
        for (const [name, value] of Object.entries(project)) {
          if (set.type.properties.has(`Project_${name}`)) row[`Project_${name}`] = value;
          else if (name.startsWith('ProjectPermission_') && set.type.properties.has(name)) row[name] = value;
        }
      }
      Object.assign(row, this.customColumns('TaskItem', stored.TaskItemId as string));
      return row;
    });
  }

  /** GET list rows without the internal helper fields. */
  listForApi(setName: string): Row[] {
    return this.list(setName);
  }

  getForApi(setName: string, key: string): Row {
    return this.get(setName, key);
  }

  // ---------- writes ----------

  private requireRow(setName: string, id: unknown, what: string): StoredRow {
    const row = typeof id === 'string' ? this.rawOne(setName, id) : undefined;
    if (!row) throw badRequest(`${what} ${String(id)} does not exist.`, 'InvalidReference');
    return row;
  }

  private checkReferences(setName: string, row: StoredRow): void {
    if (setName === 'Project') {
      const priority = row.Priority as number;
      if (priority < 0 || priority > 2)
        throw badRequest(`Priority must be 0 (low), 1 (normal) or 2 (high), not ${priority}.`);
      const lockMode = row.LockMode as number | undefined;
      if (lockMode !== undefined && (lockMode < 0 || lockMode > 2)) throw badRequest(`LockMode must be 0, 1 or 2.`);
      if (Date.parse(row.EndDate as string) < Date.parse(row.StartDate as string))
        throw badRequest('EndDate must not be before StartDate.');
    }
    if (setName === 'Task') {
      if (row.ProjectId !== null && row.ProjectId !== undefined) this.requireRow('Project', row.ProjectId, 'Project');
      if (row.ContactId !== null && row.ContactId !== undefined) this.requireRow('Contact', row.ContactId, 'Contact');
      if (row.AssignedByContactId !== null && row.AssignedByContactId !== undefined)
        this.requireRow('Contact', row.AssignedByContactId, 'Contact');
      if (row.TaskItemStatusId !== null && row.TaskItemStatusId !== undefined) {
        const status = this.requireRow('TaskStatus', row.TaskItemStatusId, 'TaskStatus');
        if (status.ProjectId !== row.ProjectId)
          throw badRequest(
            `TaskStatus ${String(row.TaskItemStatusId)} belongs to another project.`,
            'InvalidReference',
          );
      }
      if ((row.WorkAmount as number) < 0) throw badRequest('WorkAmount must not be negative.');
      const start = row.StartDateTime as string | null;
      const end = row.EndDateTime as string | null;
      if (start && end && Date.parse(end) < Date.parse(start))
        throw badRequest('EndDateTime must not be before StartDateTime.');
    }
    if (setName === 'TaskStatus') this.requireRow('Project', row.ProjectId, 'Project');
    if (setName === 'TimeEntry') {
      if (row.ProjectId) this.requireRow('Project', row.ProjectId, 'Project');
      if (row.TaskItemId) this.requireRow('Task', row.TaskItemId, 'Task');
      this.requireRow('Contact', row.PerformedByContactId, 'Contact');
      if (Date.parse(row.EndDateTime as string) < Date.parse(row.StartDateTime as string))
        throw badRequest('EndDateTime must not be before StartDateTime.');
    }
    if (setName === 'CustomFieldDefinition') {
      if (!((row.TableName as string) in CUSTOM_FIELD_TABLES))
        throw badRequest(`TableName must be one of ${Object.keys(CUSTOM_FIELD_TABLES).join(', ')} in this service.`);
      const type = row.ColumnType as number;
      if (!Number.isInteger(type) || type < 0 || type > 6) throw badRequest('ColumnType must be between 0 and 6.');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(row.ColumnName as string))
        throw badRequest('ColumnName may contain letters, digits and underscores only.');
      const clash = this.raw('CustomFieldDefinition').find(
        (d) =>
          d.TableName === row.TableName &&
          d.ColumnName === row.ColumnName &&
          d.CustomFieldDefinitionId !== row.CustomFieldDefinitionId,
      );
      if (clash)
        throw badRequest(`A custom field '${row.ColumnName as string}' already exists for ${row.TableName as string}.`);
    }
  }

  /** POST: validates like InLoox and stores the new entity; returns it as GET would. */
  create(setName: string, body: unknown): Row {
    const set = this.definition(setName);
    if (!set.allowInsert) throw new ODataError(405, 'MethodNotAllowed', `POST is not allowed on ${setName}.`);
    const values = validateBody(set, body, 'insert');
    const id = (values[set.key] as string | undefined) ?? randomUUID();
    if (this.rawOne(setName, id)) throw new ODataError(409, 'Conflict', `A ${setName} with key ${id} already exists.`);
    const now = this.now();
    const row: StoredRow = { ...values, [set.key]: id };
    if (setName === 'Project') {
      const startOfToday = new Date();
      startOfToday.setUTCHours(0, 0, 0, 0);
      row.Priority ??= 1;
      row.StartDate ??= formatDateTime(startOfToday.getTime());
      row.EndDate ??= formatDateTime(Date.parse(row.StartDate as string) + 30 * 86_400_000);
      row.NumberPrefix ??= `${new Date().getUTCFullYear()}-`;
      row.NumberSuffix ??= '';
      row.NumberIncremential = this.nextProjectNumber();
      row.CreatedByContactId = this.profile.contactId;
      row.ChangedByContactId = this.profile.contactId;
      row.CreatedDateTime = now;
      row.LastChangedDateTime = now;
    }
    if (setName === 'Task') {
      row.CreatedByContactId = this.profile.contactId;
      row.GroupId = randomUUID();
      if (row.IsDone === true) row.DoneDate ??= now;
    }
    if (setName === 'Contact') {
      const display = str(row.DisplayName) ?? [str(row.FirstName), str(row.LastName)].filter(Boolean).join(' ');
      if (!display && !str(row.Email)) throw badRequest('A contact needs a DisplayName, FirstName, LastName or Email.');
      row.DisplayName = display || (row.Email as string);
      row.CalendarId = randomUUID();
    }
    if (setName === 'TaskStatus') row.OrdinalPosition ??= this.statusesOf(row.ProjectId as string).length;
    if (setName === 'TimeEntry') {
      row.PerformedByContactId ??= this.profile.contactId;
      row.GroupId = randomUUID();
      if (row.DurationMinutes === undefined)
        row.DurationMinutes = Math.round(
          (Date.parse(row.EndDateTime as string) - Date.parse(row.StartDateTime as string)) / 60_000,
        );
    }
    if (setName === 'CustomFieldDefinition') row.ColumnType ??= 0;
    this.checkReferences(setName, this.withDefaults(set, row));
    this.store.transaction(() => {
      this.put(setName, id, row);
      if (setName === 'Project') this.initializeProject(id);
    });
    return this.getForApi(setName, id);
  }

  /** A new project gets the default task statuses and its creator as manager, as in InLoox. */
  private initializeProject(projectId: string): void {
    const names =
      this.profile.language === 'de' ? ['Offen', 'In Bearbeitung', 'Erledigt'] : ['Open', 'In progress', 'Done'];
    names.forEach((Name, OrdinalPosition) => {
      const id = randomUUID();
      this.put('TaskStatus', id, { TaskItemStatusId: id, Name, ProjectId: projectId, OrdinalPosition, Color: null });
    });
    this.addMember(projectId, this.profile.contactId, 2);
  }

  statusesOf(projectId: string): StoredRow[] {
    return this.where('TaskStatus', 'ProjectId', projectId);
  }

  /** PATCH: partial update; only the given properties change. */
  update(setName: string, key: string, body: unknown): Row {
    const set = this.definition(setName);
    if (setName === 'CustomField') throw badRequest('CustomField is addressed by Name and ObjectId.');
    if (!set.allowUpdate) throw new ODataError(405, 'MethodNotAllowed', `PATCH is not allowed on ${setName}.`);
    const id = key.toLowerCase();
    const existing = this.rawOne(setName, id);
    if (!existing) throw notFound(`No ${setName} with key ${key} was found.`);
    const values = validateBody(set, body, 'update');
    const row: StoredRow = { ...existing, ...values };
    if (setName === 'Project') {
      row.ChangedByContactId = this.profile.contactId;
      row.LastChangedDateTime = this.now();
      if (row.Name === null || row.Name === '') throw badRequest(`The property 'Name' is required.`, 'MissingProperty');
    }
    if (setName === 'Task') {
      if (row.Name === null || row.Name === '') throw badRequest(`The property 'Name' is required.`, 'MissingProperty');
      if (values.IsDone === true && existing.IsDone !== true && values.DoneDate === undefined)
        row.DoneDate = this.now();
      if (values.IsDone === false && values.DoneDate === undefined) row.DoneDate = null;
      if (
        values.ProjectId !== undefined &&
        values.ProjectId !== existing.ProjectId &&
        values.TaskItemStatusId === undefined
      )
        row.TaskItemStatusId = null;
    }
    this.checkReferences(setName, this.withDefaults(set, row));
    this.put(setName, id, row);
    return this.getForApi(setName, id);
  }

  /** DELETE, with InLoox's cascades: a project takes its tasks, notes, statuses, members and time entries along. */
  delete(setName: string, key: string): void {
    const set = this.definition(setName);
    if (!set.allowDelete) throw new ODataError(405, 'MethodNotAllowed', `DELETE is not allowed on ${setName}.`);
    const id = key.toLowerCase();
    if (!this.rawOne(setName, id)) throw notFound(`No ${setName} with key ${key} was found.`);
    if (setName === 'Contact' && id === this.profile.contactId)
      throw badRequest('The contact of the signed-in user cannot be deleted.');
    this.store.transaction(() => {
      if (setName === 'Project') this.deleteProjectChildren(id);
      if (setName === 'Task') this.deleteTaskChildren(id);
      if (setName === 'Contact') {
        for (const m of this.where(MEMBERSHIP, 'ContactId', id)) this.remove(MEMBERSHIP, m.ContactRelationId as string);
        for (const t of this.where('Task', 'ContactId', id))
          this.put('Task', t.TaskItemId as string, { ...t, ContactId: null });
      }
      if (setName === 'TaskStatus') {
        for (const t of this.where('Task', 'TaskItemStatusId', id))
          this.put('Task', t.TaskItemId as string, { ...t, TaskItemStatusId: null });
      }
      if (setName === 'CustomFieldDefinition') {
        const def = this.rawOne(setName, id)!;
        for (const v of this.raw(CUSTOM_FIELD_VALUE))
          if (v.Name === def.ColumnName && v.Table === def.TableName)
            this.remove(CUSTOM_FIELD_VALUE, this.customFieldId(v));
      }
      this.remove(setName, id);
    });
  }

  private customFieldId(value: StoredRow): string {
    return `${value.ObjectId as string}|${value.Name as string}`;
  }

  private deleteTaskChildren(taskId: string): void {
    for (const n of this.where(TASK_NOTE, 'TaskItemId', taskId)) this.remove(TASK_NOTE, n.TaskItemNoteId as string);
    for (const v of this.where(CUSTOM_FIELD_VALUE, 'ObjectId', taskId))
      this.remove(CUSTOM_FIELD_VALUE, this.customFieldId(v));
    for (const e of this.where('TimeEntry', 'TaskItemId', taskId))
      this.put('TimeEntry', e.TimeEntryId as string, { ...e, TaskItemId: null });
  }

  private deleteProjectChildren(projectId: string): void {
    for (const t of this.where('Task', 'ProjectId', projectId)) {
      this.deleteTaskChildren(t.TaskItemId as string);
      this.remove('Task', t.TaskItemId as string);
    }
    for (const n of this.where('ProjectNote', 'ProjectId', projectId))
      this.remove('ProjectNote', n.ProjectNoteId as string);
    for (const s of this.where('TaskStatus', 'ProjectId', projectId))
      this.remove('TaskStatus', s.TaskItemStatusId as string);
    for (const m of this.where(MEMBERSHIP, 'ProjectId', projectId))
      this.remove(MEMBERSHIP, m.ContactRelationId as string);
    for (const e of this.where('TimeEntry', 'ProjectId', projectId)) this.remove('TimeEntry', e.TimeEntryId as string);
    for (const v of this.where(CUSTOM_FIELD_VALUE, 'ObjectId', projectId))
      this.remove(CUSTOM_FIELD_VALUE, this.customFieldId(v));
  }

  // ---------- bound operations ----------

  private requireProject(projectId: string): StoredRow {
    const project = this.rawOne('Project', projectId);
    if (!project) throw notFound(`No Project with key ${projectId} was found.`);
    return project;
  }

  members(projectId: string): Row[] {
    this.requireProject(projectId);
    return this.where(MEMBERSHIP, 'ProjectId', projectId.toLowerCase())
      .sort((a, b) => (a.OrdinalPosition as number) - (b.OrdinalPosition as number))
      .map((m) => {
        const contact = this.rawOne('Contact', m.ContactId as string);
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

  private parameters(
    body: unknown,
    spec: Record<string, { type: string; required: boolean }>,
  ): Record<string, unknown> {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('The request body must be a JSON object with the action parameters.');
    const result: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
      const parameter = spec[name];
      if (!parameter) throw badRequest(`The parameter '${name}' is not defined for this action.`, 'InvalidParameter');
      if (parameter.type === 'Collection(Edm.Guid)') {
        if (!Array.isArray(value)) throw badRequest(`The parameter '${name}' must be an array of GUIDs.`);
        result[name] = value.map((v) => coerceValue({ name, type: 'Edm.Guid', nullable: false }, v));
      } else {
        result[name] = coerceValue({ name, type: parameter.type, nullable: !parameter.required }, value);
      }
    }
    for (const [name, parameter] of Object.entries(spec)) {
      if (parameter.required && (result[name] === undefined || result[name] === null))
        throw badRequest(`The parameter '${name}' is required.`, 'MissingParameter');
    }
    return result;
  }

  private checkRole(role: number): void {
    if (!(role in ROLE_NAMES))
      throw badRequest(`Role ${role} is not a project role (2, 4, 8, 16, 32, 64, 128 … 2048).`);
  }

  addMember(projectId: string, contactId: string, role: number, ordinalPosition?: number): void {
    const id = projectId.toLowerCase();
    this.requireProject(id);
    this.checkRole(role);
    this.requireRow('Contact', contactId, 'Contact');
    const current = this.where(MEMBERSHIP, 'ProjectId', id);
    if (current.some((m) => m.ContactId === contactId && m.Role === role)) return;
    const relationId = randomUUID();
    const position = ordinalPosition ?? current.length;
    this.put(MEMBERSHIP, relationId, {
      ContactRelationId: relationId,
      ProjectId: id,
      ContactId: contactId,
      Role: role,
      ContactType: 0,
      OrdinalPosition: position,
    });
  }

  addMemberAction(projectId: string, body: unknown): void {
    const p = this.parameters(body, {
      contactId: { type: 'Edm.Guid', required: true },
      role: { type: 'Edm.Int32', required: true },
      type: { type: 'Edm.Int32', required: false },
      ordinalPosition: { type: 'Edm.Int32', required: false },
    });
    if (p.type !== undefined && p.type !== null && p.type !== 0)
      throw badRequest('Only individual contacts (type 0) can be added in this service.');
    this.addMember(
      projectId,
      p.contactId as string,
      p.role as number,
      (p.ordinalPosition as number | null) ?? undefined,
    );
  }

  removeMemberAction(projectId: string, body: unknown): void {
    const p = this.parameters(body, {
      contactId: { type: 'Edm.Guid', required: true },
      role: { type: 'Edm.Int32', required: true },
      type: { type: 'Edm.Int32', required: false },
    });
    const id = projectId.toLowerCase();
    this.requireProject(id);
    this.checkRole(p.role as number);
    const existing = this.where(MEMBERSHIP, 'ProjectId', id).find(
      (m) => m.ContactId === p.contactId && m.Role === p.role,
    );
    if (!existing)
      throw notFound(`Contact ${p.contactId as string} is not a member of this project in role ${p.role as number}.`);
    this.remove(MEMBERSHIP, existing.ContactRelationId as string);
  }

  private noteParameters(body: unknown): { html: string; notify: string[] } {
    const p = this.parameters(body, {
      htmlText: { type: 'Edm.String', required: true },
      notificationContactIds: { type: 'Collection(Edm.Guid)', required: true },
    });
    const html = p.htmlText as string;
    if (htmlToText(html) === '') throw badRequest('The note is empty.');
    for (const contactId of p.notificationContactIds as string[]) this.requireRow('Contact', contactId, 'Contact');
    return { html, notify: p.notificationContactIds as string[] };
  }

  addProjectNote(projectId: string, body: unknown): Row {
    const id = projectId.toLowerCase();
    this.requireProject(id);
    const { html, notify } = this.noteParameters(body);
    const noteId = randomUUID();
    const text = htmlToText(html);
    const row = {
      ProjectNoteId: noteId,
      ProjectId: id,
      Note: text,
      NoteHtml: html,
      ShortDescription: text.length > 100 ? `${text.slice(0, 99)}…` : text,
      CreateDateTime: this.now(),
      CreatedByContactId: this.profile.contactId,
      NotifiedContactIds: notify,
    };
    this.put('ProjectNote', noteId, row);
    return this.get('ProjectNote', noteId);
  }

  deleteProjectNote(projectId: string, body: unknown): void {
    const id = projectId.toLowerCase();
    this.requireProject(id);
    const p = this.parameters(body, { noteRelationId: { type: 'Edm.Guid', required: true } });
    const note = this.rawOne('ProjectNote', p.noteRelationId as string);
    if (!note || note.ProjectId !== id) throw notFound(`No note ${p.noteRelationId as string} on this project.`);
    this.remove('ProjectNote', note.ProjectNoteId as string);
  }

  addTaskNote(taskId: string, body: unknown): void {
    const id = taskId.toLowerCase();
    if (!this.rawOne('Task', id)) throw notFound(`No Task with key ${taskId} was found.`);
    const { html, notify } = this.noteParameters(body);
    const noteId = randomUUID();
    this.put(TASK_NOTE, noteId, {
      TaskItemNoteId: noteId,
      TaskItemId: id,
      NoteHtml: html,
      Note: htmlToText(html),
      CreateDateTime: this.now(),
      CreatedByContactId: this.profile.contactId,
      NotifiedContactIds: notify,
    });
  }

  taskNotes(taskId: string): StoredRow[] {
    return this.where(TASK_NOTE, 'TaskItemId', taskId.toLowerCase());
  }

  // ---------- custom fields ----------

  private definitionFor(name: string, objectId: string): { def: StoredRow; table: string } {
    const id = objectId.toLowerCase();
    for (const [table, setName] of Object.entries(CUSTOM_FIELD_TABLES)) {
      if (!this.rawOne(setName, id)) continue;
      const def = this.raw('CustomFieldDefinition').find((d) => d.TableName === table && d.ColumnName === name);
      if (def) return { def, table };
      throw notFound(`No custom field '${name}' is defined for ${table}.`);
    }
    throw notFound(`No object with id ${objectId} was found for custom field '${name}'.`);
  }

  getCustomField(name: string, objectId: string): Row {
    const { def } = this.definitionFor(name, objectId);
    const stored = this.rawOne(CUSTOM_FIELD_VALUE, `${objectId.toLowerCase()}|${name}`);
    return {
      ObjectId: objectId.toLowerCase(),
      Name: name,
      Value: stored?.Value ?? null,
      Type: CUSTOM_FIELD_TYPES[def.ColumnType as number] ?? 'String',
    };
  }

  private checkCustomValue(def: StoredRow, value: string | null): void {
    if (value === null || value === '') return;
    const type = def.ColumnType as number;
    const ok =
      type === 1
        ? parseDateTimeOffset(value) !== undefined
        : type === 2
          ? /^-?\d+$/.test(value) && Math.abs(Number(value)) < 2 ** 31
          : type === 3 || type === 6
            ? value.trim() !== '' && Number.isFinite(Number(value))
            : type === 4
              ? value === 'true' || value === 'false'
              : true;
    if (!ok)
      throw badRequest(
        `'${value}' is not a valid ${CUSTOM_FIELD_TYPES[type]} value for custom field '${def.ColumnName as string}'.`,
      );
  }

  private prepareCustomField(name: unknown, objectId: unknown, value: unknown): StoredRow {
    if (typeof name !== 'string' || name === '') throw badRequest('Name is required.', 'MissingProperty');
    if (typeof objectId !== 'string' || !GUID_PATTERN.test(objectId))
      throw badRequest(`ObjectId '${String(objectId)}' is not a GUID.`);
    if (value !== null && typeof value !== 'string')
      throw badRequest(`Cannot convert the value of property 'Value' to Edm.String.`);
    const { def, table } = this.definitionFor(name, objectId);
    this.checkCustomValue(def, value);
    return {
      ObjectId: objectId.toLowerCase(),
      Name: name,
      Value: value,
      Type: CUSTOM_FIELD_TYPES[def.ColumnType as number],
      Table: table,
    };
  }

  updateCustomField(name: string, objectId: string, body: unknown): Row {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('The request body must be a JSON object.');
    const entries = Object.entries(body as Record<string, unknown>).filter(([k]) => !k.startsWith('@odata.'));
    for (const [k] of entries) {
      if (k === 'Name' || k === 'ObjectId')
        throw badRequest(`The key property '${k}' cannot be changed.`, 'ReadOnlyProperty');
      if (k === 'Type')
        throw badRequest(`The property 'Type' is computed by the server and cannot be set.`, 'ReadOnlyProperty');
      if (k !== 'Value')
        throw badRequest(`The property '${k}' does not exist on type 'ApiCustomField'.`, 'InvalidProperty');
    }
    if (!('Value' in (body as object))) throw badRequest(`The property 'Value' is required.`, 'MissingProperty');
    const row = this.prepareCustomField(name, objectId, (body as Record<string, unknown>).Value);
    this.put(CUSTOM_FIELD_VALUE, this.customFieldId(row), row);
    return this.getCustomField(name, objectId);
  }

  batchUpdateCustomFields(body: unknown): Row[] {
    const items = Array.isArray(body) ? body : (body as { value?: unknown } | null)?.value;
    if (!Array.isArray(items)) throw badRequest('BatchUpdate expects a JSON array of { ObjectId, Name, Value }.');
    const rows = items.map((item: unknown, index) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item))
        throw badRequest(`Item ${index} is not an object.`);
      for (const k of Object.keys(item)) {
        if (!['ObjectId', 'Name', 'Value'].includes(k))
          throw badRequest(`Item ${index}: unknown property '${k}'.`, 'InvalidProperty');
      }
      const { Name, ObjectId, Value } = item as Record<string, unknown>;
      return this.prepareCustomField(Name, ObjectId, Value ?? null);
    });
    this.store.transaction(() => rows.forEach((row) => this.put(CUSTOM_FIELD_VALUE, this.customFieldId(row), row)));
    return rows.map((row) => this.getCustomField(row.Name as string, row.ObjectId as string));
  }
}
