import type Database from 'better-sqlite3';
import type { Migration } from './postgres';
import { openMigratedSqliteDatabase } from './sqlite';

/** Base of every SQLite-backed store: its own connection to the file, opened and migrated by init(). */
export abstract class SqliteStore {
  private db: Database.Database | undefined;

  protected constructor(
    private readonly file: string,
    private readonly namespace: string,
    private readonly migrations: Migration[],
    /** Names the store in the error for use before init() or after close(), e.g. "Key store". */
    private readonly storeName: string,
  ) {}

  protected get handle(): Database.Database {
    if (!this.db) throw new Error(`${this.storeName} is not initialised (call init) or already closed`);
    return this.db;
  }

  protected get isOpen(): boolean {
    return this.db !== undefined;
  }

  async init(): Promise<void> {
    this.db ??= openMigratedSqliteDatabase(this.file, this.namespace, this.migrations);
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
  }
}
