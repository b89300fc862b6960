import Database from 'better-sqlite3';

export type StoredRow = Record<string, unknown>;

export interface StoredAccount {
  accountId: string;
  keyHash: string;
  contactId: string;
  displayName: string;
  email: string;
  seeded: boolean;
}

/**
 * Persistence of the sandbox: every entity of every account as a JSON row in SQLite, with the working set kept in
 * memory (loaded per account on first use) and every write going through to the database synchronously.
 */
export class SandboxStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Map<string, Map<string, StoredRow>>>();
  /** account -> "set.field" -> value -> ids: lookups of children (tasks of a project, …) without scanning. */
  private readonly indexes = new Map<string, Map<string, Map<unknown, Set<string>>>>();
  private readonly statements;

  constructor(
    readonly file: string,
    /** Fields to index per set, e.g. { Task: ['ProjectId'] }. */
    private readonly indexed: Record<string, string[]> = {},
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (
        account_id TEXT PRIMARY KEY,
        key_hash TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS entities (
        account_id TEXT NOT NULL,
        set_name TEXT NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (account_id, set_name, id)
      ) WITHOUT ROWID;
    `);
    this.statements = {
      accountByHash: this.db.prepare<[string], { body: string }>('SELECT body FROM accounts WHERE key_hash = ?'),
      upsertAccount: this.db.prepare(
        'INSERT INTO accounts (account_id, key_hash, body) VALUES (?, ?, ?) ON CONFLICT(account_id) DO UPDATE SET body = excluded.body',
      ),
      rowsOfAccount: this.db.prepare<[string], { set_name: string; id: string; body: string }>(
        'SELECT set_name, id, body FROM entities WHERE account_id = ?',
      ),
      upsert: this.db.prepare(
        'INSERT INTO entities (account_id, set_name, id, body) VALUES (?, ?, ?, ?) ON CONFLICT(account_id, set_name, id) DO UPDATE SET body = excluded.body',
      ),
      remove: this.db.prepare('DELETE FROM entities WHERE account_id = ? AND set_name = ? AND id = ?'),
    };
  }

  findAccount(keyHash: string): StoredAccount | undefined {
    const row = this.statements.accountByHash.get(keyHash);
    return row ? (JSON.parse(row.body) as StoredAccount) : undefined;
  }

  saveAccount(account: StoredAccount): void {
    this.statements.upsertAccount.run(account.accountId, account.keyHash, JSON.stringify(account));
  }

  private sets(accountId: string): Map<string, Map<string, StoredRow>> {
    let sets = this.cache.get(accountId);
    if (!sets) {
      sets = new Map();
      for (const row of this.statements.rowsOfAccount.iterate(accountId)) {
        let set = sets.get(row.set_name);
        if (!set) sets.set(row.set_name, (set = new Map()));
        const value = JSON.parse(row.body) as StoredRow;
        set.set(row.id, value);
        this.index(accountId, row.set_name, row.id, undefined, value);
      }
      this.cache.set(accountId, sets);
    }
    return sets;
  }

  private set(accountId: string, setName: string): Map<string, StoredRow> {
    const sets = this.sets(accountId);
    let set = sets.get(setName);
    if (!set) sets.set(setName, (set = new Map()));
    return set;
  }

  private index(accountId: string, setName: string, id: string, before?: StoredRow, after?: StoredRow): void {
    const fields = this.indexed[setName];
    if (!fields) return;
    let byField = this.indexes.get(accountId);
    if (!byField) this.indexes.set(accountId, (byField = new Map()));
    for (const field of fields) {
      const name = `${setName}.${field}`;
      let byValue = byField.get(name);
      if (!byValue) byField.set(name, (byValue = new Map()));
      if (before && before[field] !== after?.[field]) byValue.get(before[field])?.delete(id);
      if (after) {
        let ids = byValue.get(after[field]);
        if (!ids) byValue.set(after[field], (ids = new Set()));
        ids.add(id);
      }
    }
  }

  /** Rows of a set whose indexed field has the value (the field must be listed in `indexed`). */
  where(accountId: string, setName: string, field: string, value: unknown): StoredRow[] {
    if (!this.indexed[setName]?.includes(field)) throw new Error(`${setName}.${field} is not indexed`);
    const set = this.set(accountId, setName);
    const ids = this.indexes.get(accountId)?.get(`${setName}.${field}`)?.get(value);
    return ids ? [...ids].map((id) => set.get(id)!).filter(Boolean) : [];
  }

  /** The stored rows of one set; callers must not mutate them (use put). */
  all(accountId: string, setName: string): StoredRow[] {
    return [...this.set(accountId, setName).values()];
  }

  get(accountId: string, setName: string, id: string): StoredRow | undefined {
    return this.set(accountId, setName).get(id);
  }

  put(accountId: string, setName: string, id: string, row: StoredRow): void {
    this.statements.upsert.run(accountId, setName, id, JSON.stringify(row));
    const set = this.set(accountId, setName);
    this.index(accountId, setName, id, set.get(id), row);
    set.set(id, row);
  }

  delete(accountId: string, setName: string, id: string): boolean {
    const set = this.set(accountId, setName);
    const before = set.get(id);
    if (!before) return false;
    this.statements.remove.run(accountId, setName, id);
    this.index(accountId, setName, id, before, undefined);
    set.delete(id);
    return true;
  }

  /** Runs several writes as one SQLite transaction (all or nothing on disk). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
