import type { UserIdentity } from '../identity';
import { SqliteStore } from '../db/sqlite-store';
import { conversationHash, messageHash, personHash, toLookup, type FilingRow } from './keys';
import {
  MIGRATION_NAMESPACE,
  type FiledMessage,
  type FilingLookup,
  type FilingStore,
  type FilingTarget,
} from './types';

const MIGRATIONS = [
  {
    id: '001-filings',
    sql: `CREATE TABLE filings (
      person_hash TEXT NOT NULL,
      message_hash TEXT NOT NULL,
      conversation_hash TEXT,
      target_kind TEXT NOT NULL,
      target_id TEXT NOT NULL,
      filed_at TEXT NOT NULL,
      PRIMARY KEY (person_hash, message_hash, target_kind, target_id)
    ) WITHOUT ROWID;
    CREATE INDEX filings_conversation ON filings (person_hash, conversation_hash)`,
  },
];

/** SQLite backend: its own connection to the key store's file. */
export class SqliteFilingStore extends SqliteStore implements FilingStore {
  constructor(file: string) {
    super(file, MIGRATION_NAMESPACE, MIGRATIONS, 'Filing store');
  }

  async remember(person: UserIdentity, message: FiledMessage, target: FilingTarget): Promise<void> {
    this.handle
      .prepare(
        `INSERT INTO filings (person_hash, message_hash, conversation_hash, target_kind, target_id, filed_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (person_hash, message_hash, target_kind, target_id)
         DO UPDATE SET filed_at = excluded.filed_at, conversation_hash = excluded.conversation_hash`,
      )
      .run(
        personHash(person),
        messageHash(message),
        conversationHash(message),
        target.kind,
        target.id.toLowerCase(),
        new Date().toISOString(),
      );
  }

  async lookup(person: UserIdentity, message: FiledMessage): Promise<FilingLookup> {
    const own = messageHash(message);
    const rows = this.handle
      .prepare(
        `SELECT message_hash, target_kind, target_id, filed_at FROM filings
         WHERE person_hash = ? AND (message_hash = ? OR conversation_hash = ?)
         ORDER BY filed_at DESC LIMIT 50`,
      )
      .all(personHash(person), own, conversationHash(message)) as FilingRow[];
    return toLookup(rows, own);
  }

  async forgetPerson(person: UserIdentity): Promise<number> {
    return this.handle.prepare('DELETE FROM filings WHERE person_hash = ?').run(personHash(person)).changes;
  }
}
