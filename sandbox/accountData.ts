import { randomUUID } from 'node:crypto';
import { validateBody, type EntitySetDefinition } from './entities/define';
import { badRequest, notFound, ODataError } from './odata/errors';
import type { PropertyLookup, Row } from './odata/metadata';
import type { ParameterSchema } from './odata/parameters';
import { defaultValue, formatDateTime } from './odata/values';
import type { SandboxStore, StoredRow } from './store';

export interface AccountProfile {
  accountId: string;
  contactId: string;
  language: 'de' | 'en';
}

/**
 * What a bound operation answers: nothing (200 with an empty body, as InLoox answers AddMember, AddNote, …), or a
 * collection, either with the request's query options applied or as it is, or one entity (null: 204, none).
 */
export type OperationResult =
  | undefined
  | { set: string; rows: Row[]; query: boolean; keepOrder?: boolean }
  | { set: string; entity: Row | null }
  | { type: 'Edm.Boolean' | 'Edm.Guid' | 'Edm.String' | 'Edm.Int32'; value: unknown };

export interface OperationCall {
  data: AccountData;
  /** The bound entity's key (lower case); empty for operations bound to the whole set. */
  key: string;
  /**
   * The action's parameters checked against its schema. Read when the handler wants them, so the handler decides
   * whether "no such entity" or "bad parameter" is reported first.
   */
  args(): Record<string, unknown>;
  /** The parsed JSON body (for actions without a parameter schema). */
  body(): unknown;
  /** Where the request came in, e.g. http://host/api/v1/odata/ (self-hosted) or …/api/odata/ (Cloud). */
  serviceBase?: string;
}

export interface BoundOperation {
  kind: 'action' | 'function';
  /** Bound to one entity (`Project(…)/AddMember`) or to the set (`UserInfo/Me()`). */
  binding: 'entity' | 'collection';
  parameters?: ParameterSchema;
  /** An action without parameters: a request without a body is accepted too. */
  bodyOptional?: boolean;
  handler(call: OperationCall): OperationResult;
}

/** Addressing by a key that is not one GUID, e.g. `CustomField(Name='…',ObjectId=…)`. */
export interface CompositeKeySupport {
  /** Parses the text between the parentheses into the key's parts. */
  parse(content: string): Record<string, string>;
  get(data: AccountData, key: Record<string, string>): Row;
  update(data: AccountData, key: Record<string, string>, body: unknown): Row;
}

/**
 * One entity set: its EDM definition and the server-side rules InLoox applies to it. Every hook is optional; the
 * defaults store and show the validated properties as they are. Adding an entity set is one module implementing
 * this plus one line in entities/registry.ts.
 */
export interface EntityModule {
  set: EntitySetDefinition;
  /** Addressable by URL and listed in the service document (default true). */
  exposed?: boolean;
  /** Store collections this set keeps, with the fields to index (children found without scanning). */
  indexes?: Record<string, string[]>;
  compositeKey?: CompositeKeySupport;
  /** Properties usable in $filter/$orderby/$select, when they differ per account (default: the declared ones). */
  lookup?(data: AccountData): PropertyLookup;
  /** Every entity as GET shows it (default: stored rows with the EDMX defaults). */
  list?(data: AccountData): Row[];
  /** What GET shows changes with the clock (a running stopwatch), so list views are never cached. */
  volatile?: boolean;
  /** One entity as GET shows it; undefined when it does not exist. */
  get?(data: AccountData, id: string): Row | undefined;
  /** POST: fills server-set properties of the new row before the checks. */
  prepareInsert?(data: AccountData, row: StoredRow, now: string): void;
  /** POST: runs after the insert, in the same transaction. */
  afterInsert?(data: AccountData, id: string): void;
  /** PATCH replaced entirely (e.g. a set that refuses single-key updates). */
  update?(data: AccountData, key: string, body: unknown): Row;
  /** PATCH: adjusts the merged row before the checks. */
  prepareUpdate?(data: AccountData, row: StoredRow, existing: StoredRow, values: Record<string, unknown>): void;
  /** Rules on the complete row (references, ranges), for POST and PATCH; throws a 400. */
  check?(data: AccountData, row: Row): void;
  /** DELETE: cascades, in the same transaction as the delete; may refuse with an error. */
  beforeDelete?(data: AccountData, id: string): void;
  /** Sees every write to any store collection of the account (to invalidate views computed from other sets). */
  onWrite?(data: AccountData, setName: string, before?: StoredRow, after?: StoredRow): void;
  operations?: Record<string, BoundOperation>;
}

/**
 * What every AccountData of one account shares: the write version and counters that invalidate cached views, so a
 * second key of the account (another person) sees the first one's writes. The caches stay per person.
 */
export interface AccountSync {
  version: number;
  counters: Map<string, number>;
}

const DEFAULTS = new WeakMap<EntitySetDefinition, ReadonlyArray<readonly [string, unknown]>>();

/**
 * One InLoox account's data: generic reads and writes over the entity set modules, with caches of what GET shows.
 * Every method works only inside this account; nothing here can reach another account's rows.
 */
export class AccountData {
  private readonly views = new Map<string, { version: number; rows: Row[] }>();
  private readonly entityViews = new Map<string, Map<string, { stored: StoredRow; stamp: string; row: Row }>>();

  private readonly writeHooks: EntityModule[];

  constructor(
    readonly store: SandboxStore,
    private readonly modules: ReadonlyMap<string, EntityModule>,
    readonly profile: AccountProfile,
    /** Milliseconds since the epoch; tests pass a clock they move. */
    private readonly clock: () => number = Date.now,
    /** Bumped on every write; list views are cached per version, so reads between writes are cheap. */
    readonly sync: AccountSync = { version: 0, counters: new Map() },
  ) {
    this.writeHooks = [...modules.values()].filter((m) => m.onWrite);
  }

  get accountId(): string {
    return this.profile.accountId;
  }

  module(setName: string): EntityModule {
    const module = this.modules.get(setName);
    if (!module) throw notFound(`The entity set '${setName}' does not exist.`);
    return module;
  }

  definition(setName: string): EntitySetDefinition {
    return this.module(setName).set;
  }

  /** Properties usable in $filter/$orderby/$select of a set. */
  lookup(setName: string): PropertyLookup {
    const module = this.module(setName);
    return module.lookup?.(this) ?? module.set.lookup;
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
    this.changed(setName, id.toLowerCase(), before, row);
  }

  /** Rows of a set whose indexed field equals the value. */
  where(setName: string, field: string, value: unknown): StoredRow[] {
    return this.store.where(this.accountId, setName, field, value);
  }

  remove(setName: string, id: string): boolean {
    const before = this.store.get(this.accountId, setName, id);
    const removed = this.store.delete(this.accountId, setName, id);
    if (removed) this.changed(setName, id, before, undefined);
    return removed;
  }

  /** Several writes as one SQLite transaction (all or nothing on disk). */
  transaction<T>(work: () => T): T {
    return this.store.transaction(work);
  }

  /** The stored row, or a 404 naming the set and key. */
  existing(setName: string, id: string): StoredRow {
    const row = this.rawOne(setName, id);
    if (!row) throw notFound(`No ${setName} with key ${id} was found.`);
    return row;
  }

  /** The stored row a property refers to, or a 400 (the reference is the client's mistake). */
  requireRow(setName: string, id: unknown, what: string): StoredRow {
    const row = typeof id === 'string' ? this.rawOne(setName, id) : undefined;
    if (!row) throw badRequest(`${what} ${String(id)} does not exist.`, 'InvalidReference');
    return row;
  }

  now(): string {
    return formatDateTime(this.clock());
  }

  nowMs(): number {
    return this.clock();
  }

  /** Every declared property, defaulted like the EDMX says (null, 0, false …), overlaid with the stored values. */
  withDefaults(set: EntitySetDefinition, stored: StoredRow): Row {
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

  // ---------- caches of computed views ----------

  /** Writes so far to one store collection. */
  writes(setName: string): number {
    return this.sync.counters.get(`writes:${setName}`) ?? 0;
  }

  counter(name: string): number {
    return this.sync.counters.get(name) ?? 0;
  }

  bump(name: string): void {
    this.sync.counters.set(name, this.counter(name) + 1);
  }

  /**
   * A per-entity view, recomputed only when the stored row is another object (rows are replaced, never mutated)
   * or the stamp (what else the view was computed from) changed.
   */
  cachedView(setName: string, stored: StoredRow, id: string, stamp: string, compute: () => Row): Row {
    let views = this.entityViews.get(setName);
    if (!views) this.entityViews.set(setName, (views = new Map()));
    const hit = views.get(id);
    if (hit && hit.stored === stored && hit.stamp === stamp) return hit.row;
    const row = compute();
    views.set(id, { stored, stamp, row });
    return row;
  }

  private changed(setName: string, id: string, before?: StoredRow, after?: StoredRow): void {
    this.sync.version++;
    this.bump(`writes:${setName}`);
    if (!after) this.entityViews.get(setName)?.delete(id);
    for (const module of this.writeHooks) module.onWrite!(this, setName, before, after);
  }

  // ---------- what GET returns ----------

  /** All entities of a set as the API shows them, computed fields included. The rows are shared: do not mutate. */
  list(setName: string): Row[] {
    const cached = this.views.get(setName);
    if (cached && cached.version === this.sync.version) return cached.rows;
    const module = this.module(setName);
    if (module.volatile) return module.list!(this);
    const rows = module.list?.(this) ?? this.raw(setName).map((r) => this.withDefaults(module.set, r));
    this.views.set(setName, { version: this.sync.version, rows });
    return rows;
  }

  /** One entity as the API shows it; 404 when it does not exist in this account. */
  get(setName: string, key: string): Row {
    const module = this.module(setName);
    const id = key.toLowerCase();
    let row: Row | undefined;
    if (module.get) row = module.get(this, id);
    else {
      const stored = this.rawOne(setName, id);
      row = stored ? this.withDefaults(module.set, stored) : undefined;
    }
    if (!row) throw notFound(`No ${setName} with key ${key} was found.`);
    return row;
  }

  // ---------- writes ----------

  /** POST: validates like InLoox and stores the new entity; returns it as GET would. */
  create(setName: string, body: unknown): Row {
    const module = this.module(setName);
    const set = module.set;
    if (!set.allowInsert) throw new ODataError(405, 'MethodNotAllowed', `POST is not allowed on ${setName}.`);
    const values = validateBody(set, body, 'insert');
    const id = (values[set.key] as string | undefined) ?? randomUUID();
    if (this.rawOne(setName, id)) throw new ODataError(409, 'Conflict', `A ${setName} with key ${id} already exists.`);
    const row: StoredRow = { ...values, [set.key]: id };
    module.prepareInsert?.(this, row, this.now());
    module.check?.(this, this.withDefaults(set, row));
    this.transaction(() => {
      this.put(setName, id, row);
      module.afterInsert?.(this, id);
    });
    return this.get(setName, id);
  }

  /** PATCH: partial update; only the given properties change. */
  update(setName: string, key: string, body: unknown): Row {
    const module = this.module(setName);
    if (module.update) return module.update(this, key, body);
    const set = module.set;
    if (!set.allowUpdate) throw new ODataError(405, 'MethodNotAllowed', `PATCH is not allowed on ${setName}.`);
    const id = key.toLowerCase();
    const existing = this.rawOne(setName, id);
    if (!existing) throw notFound(`No ${setName} with key ${key} was found.`);
    const values = validateBody(set, body, 'update');
    const row: StoredRow = { ...existing, ...values };
    module.prepareUpdate?.(this, row, existing, values);
    module.check?.(this, this.withDefaults(set, row));
    this.put(setName, id, row);
    return this.get(setName, id);
  }

  /** DELETE, with the set's cascades in the same transaction. */
  delete(setName: string, key: string): void {
    const module = this.module(setName);
    if (!module.set.allowDelete) throw new ODataError(405, 'MethodNotAllowed', `DELETE is not allowed on ${setName}.`);
    const id = key.toLowerCase();
    if (!this.rawOne(setName, id)) throw notFound(`No ${setName} with key ${key} was found.`);
    this.transaction(() => {
      module.beforeDelete?.(this, id);
      this.remove(setName, id);
    });
  }
}
