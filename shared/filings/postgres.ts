import type pg from 'pg';
import type { UserIdentity } from '../identity';
import { PostgresStore } from '../db/postgres-store';
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
      person_hash text NOT NULL,
      message_hash text NOT NULL,
      conversation_hash text,
      target_kind text NOT NULL,
      target_id text NOT NULL,
      filed_at timestamptz NOT NULL,
      PRIMARY KEY (person_hash, message_hash, target_kind, target_id)
    );
    CREATE INDEX filings_conversation ON filings (person_hash, conversation_hash)`,
  },
];

/** PostgreSQL backend, shared by every instance. */
export class PostgresFilingStore extends PostgresStore implements FilingStore {
  constructor(urlOrPool: string | pg.Pool) {
    super(urlOrPool, MIGRATION_NAMESPACE, MIGRATIONS);
  }

  async remember(person: UserIdentity, message: FiledMessage, target: FilingTarget): Promise<void> {
    await this.pool.query(
      `INSERT INTO filings (person_hash, message_hash, conversation_hash, target_kind, target_id, filed_at)
         VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (person_hash, message_hash, target_kind, target_id)
         DO UPDATE SET filed_at = EXCLUDED.filed_at, conversation_hash = EXCLUDED.conversation_hash`,
      [personHash(person), messageHash(message), conversationHash(message), target.kind, target.id.toLowerCase()],
    );
  }

  async lookup(person: UserIdentity, message: FiledMessage): Promise<FilingLookup> {
    const own = messageHash(message);
    const { rows } = await this.pool.query<FilingRow>(
      `SELECT message_hash, target_kind, target_id, filed_at FROM filings
       WHERE person_hash = $1 AND (message_hash = $2 OR conversation_hash = $3)
       ORDER BY filed_at DESC LIMIT 50`,
      [personHash(person), own, conversationHash(message)],
    );
    return toLookup(rows, own);
  }

  async forgetPerson(person: UserIdentity): Promise<number> {
    const result = await this.pool.query('DELETE FROM filings WHERE person_hash = $1', [personHash(person)]);
    return result.rowCount ?? 0;
  }
}
