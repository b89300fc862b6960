import type pg from 'pg';
import { PostgresStore } from '../db/postgres-store';
import type { UserIdentity } from '../identity';
import { MIGRATION_NAMESPACE, type CheckResult, type NotifyStore, type RememberInput } from './store';
import { personFromRow, type PersonRow } from './store-rows';
import type { NotifyPerson, NotifySettings, PendingCard } from './types';

const MIGRATIONS = [
  {
    id: '001-notify',
    sql: `CREATE TABLE notify_people (
      tenant_id text NOT NULL,
      object_id text NOT NULL,
      reference text NOT NULL,
      locale text NOT NULL,
      time_zone text NOT NULL,
      settings text,
      snapshot text,
      next_check_at bigint NOT NULL,
      next_digest_at bigint,
      last_active_at bigint NOT NULL,
      reconnect_told_for text,
      PRIMARY KEY (tenant_id, object_id)
    );
    CREATE INDEX notify_people_due ON notify_people (next_check_at);
    CREATE TABLE notify_outbox (
      id text PRIMARY KEY,
      tenant_id text NOT NULL,
      object_id text NOT NULL,
      card text NOT NULL,
      created_at bigint NOT NULL
    );
    CREATE INDEX notify_outbox_person ON notify_outbox (tenant_id, object_id, created_at);`,
  },
  { id: '002-deferred-since', sql: 'ALTER TABLE notify_people ADD COLUMN deferred_since bigint' },
];

/** PostgreSQL backend, shared by every instance; the claim of due checks skips rows another instance holds. */
export class PostgresNotifyStore extends PostgresStore implements NotifyStore {
  constructor(urlOrPool: string | pg.Pool) {
    super(urlOrPool, MIGRATION_NAMESPACE, MIGRATIONS);
  }

  async remember(identity: UserIdentity, input: RememberInput, now: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO notify_people (tenant_id, object_id, reference, locale, time_zone, next_check_at, last_active_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (tenant_id, object_id) DO UPDATE SET reference = EXCLUDED.reference, locale = EXCLUDED.locale,
         time_zone = EXCLUDED.time_zone, last_active_at = EXCLUDED.last_active_at`,
      [identity.tenantId, identity.objectId, JSON.stringify(input.reference), input.locale, input.timeZone, now],
    );
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async forget(identity: UserIdentity): Promise<void> {
    await this.transaction(async (client) => {
      const who = [identity.tenantId, identity.objectId];
      await client.query('DELETE FROM notify_outbox WHERE tenant_id = $1 AND object_id = $2', who);
      await client.query('DELETE FROM notify_people WHERE tenant_id = $1 AND object_id = $2', who);
    });
  }

  async get(identity: UserIdentity): Promise<NotifyPerson | undefined> {
    const { rows } = await this.pool.query<PersonRow>(
      'SELECT * FROM notify_people WHERE tenant_id = $1 AND object_id = $2',
      [identity.tenantId, identity.objectId],
    );
    return rows[0] ? personFromRow(rows[0]) : undefined;
  }

  async saveSettings(identity: UserIdentity, settings: NotifySettings, resetSnapshot: boolean): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE notify_people SET settings = $1, next_digest_at = NULL,
         snapshot = CASE WHEN $2 THEN NULL ELSE snapshot END,
         next_check_at = CASE WHEN $2 THEN 0 ELSE next_check_at END WHERE tenant_id = $3 AND object_id = $4`,
      [JSON.stringify(settings), resetSnapshot, identity.tenantId, identity.objectId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async claimDue(now: number, intervalMs: number, limit: number): Promise<UserIdentity[]> {
    const { rows } = await this.pool.query<{ tenant_id: string; object_id: string }>(
      `UPDATE notify_people p SET next_check_at = $1::bigint + $2::bigint
       FROM (SELECT tenant_id, object_id FROM notify_people WHERE next_check_at <= $1
             ORDER BY next_check_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
       WHERE p.tenant_id = due.tenant_id AND p.object_id = due.object_id
       RETURNING p.tenant_id, p.object_id`,
      [now, intervalMs, limit],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, objectId: row.object_id }));
  }

  async checkSoon(identity: UserIdentity): Promise<void> {
    await this.pool.query('UPDATE notify_people SET next_check_at = 0 WHERE tenant_id = $1 AND object_id = $2', [
      identity.tenantId,
      identity.objectId,
    ]);
  }

  async deferCheck(identity: UserIdentity, at: number, since: number): Promise<void> {
    await this.pool.query(
      `UPDATE notify_people SET next_check_at = $1, deferred_since = coalesce(deferred_since, $2)
       WHERE tenant_id = $3 AND object_id = $4`,
      [at, since, identity.tenantId, identity.objectId],
    );
  }

  async commitCheck(identity: UserIdentity, result: CheckResult): Promise<void> {
    await this.transaction(async (client) => {
      const updated = await client.query(
        `UPDATE notify_people SET snapshot = $1, next_digest_at = $2, reconnect_told_for = $3, deferred_since = NULL
         WHERE tenant_id = $4 AND object_id = $5`,
        [
          result.snapshot ? JSON.stringify(result.snapshot) : null,
          result.nextDigestAt ?? null,
          result.reconnectToldFor ?? null,
          identity.tenantId,
          identity.objectId,
        ],
      );
      if ((updated.rowCount ?? 0) === 0) return;
      let order = Date.now();
      for (const card of result.cards)
        await client.query(
          `INSERT INTO notify_outbox (id, tenant_id, object_id, card, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO NOTHING`,
          [card.id, identity.tenantId, identity.objectId, JSON.stringify(card.card), order++],
        );
    });
  }

  async pending(identity: UserIdentity): Promise<PendingCard[]> {
    const { rows } = await this.pool.query<{ id: string; card: string }>(
      'SELECT id, card FROM notify_outbox WHERE tenant_id = $1 AND object_id = $2 ORDER BY created_at, id',
      [identity.tenantId, identity.objectId],
    );
    return rows.map((row) => ({ id: row.id, card: JSON.parse(row.card) as PendingCard['card'] }));
  }

  async delivered(identity: UserIdentity, cardId: string): Promise<void> {
    await this.pool.query('DELETE FROM notify_outbox WHERE id = $1 AND tenant_id = $2 AND object_id = $3', [
      cardId,
      identity.tenantId,
      identity.objectId,
    ]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM notify_people');
    return Number(rows[0]?.n ?? 0);
  }
}
