import { SqliteStore } from '../db/sqlite-store';
import type { UserIdentity } from '../identity';
import { MIGRATION_NAMESPACE, type CheckResult, type NotifyStore, type RememberInput } from './store';
import { personFromRow, type PersonRow } from './store-rows';
import type { NotifyPerson, NotifySettings, PendingCard } from './types';

const MIGRATIONS = [
  {
    id: '001-notify',
    sql: `CREATE TABLE notify_people (
      tenant_id TEXT NOT NULL,
      object_id TEXT NOT NULL,
      reference TEXT NOT NULL,
      locale TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      settings TEXT,
      snapshot TEXT,
      next_check_at INTEGER NOT NULL,
      next_digest_at INTEGER,
      last_active_at INTEGER NOT NULL,
      reconnect_told_for TEXT,
      PRIMARY KEY (tenant_id, object_id)
    ) WITHOUT ROWID;
    CREATE INDEX notify_people_due ON notify_people (next_check_at);
    CREATE TABLE notify_outbox (
      id TEXT NOT NULL PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      object_id TEXT NOT NULL,
      card TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX notify_outbox_person ON notify_outbox (tenant_id, object_id, created_at);`,
  },
  { id: '002-deferred-since', sql: 'ALTER TABLE notify_people ADD COLUMN deferred_since INTEGER' },
];

/** SQLite backend: one instance (the in-process job queue runs the checks). */
export class SqliteNotifyStore extends SqliteStore implements NotifyStore {
  constructor(file: string) {
    super(file, MIGRATION_NAMESPACE, MIGRATIONS, 'Notification store');
  }

  async remember(identity: UserIdentity, input: RememberInput, now: number): Promise<void> {
    this.handle
      .prepare(
        `INSERT INTO notify_people (tenant_id, object_id, reference, locale, time_zone, next_check_at, last_active_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, object_id) DO UPDATE SET reference = excluded.reference, locale = excluded.locale,
           time_zone = excluded.time_zone, last_active_at = excluded.last_active_at`,
      )
      .run(
        identity.tenantId,
        identity.objectId,
        JSON.stringify(input.reference),
        input.locale,
        input.timeZone,
        now,
        now,
      );
  }

  async forget(identity: UserIdentity): Promise<void> {
    const db = this.handle;
    db.transaction(() => {
      db.prepare('DELETE FROM notify_outbox WHERE tenant_id = ? AND object_id = ?').run(
        identity.tenantId,
        identity.objectId,
      );
      db.prepare('DELETE FROM notify_people WHERE tenant_id = ? AND object_id = ?').run(
        identity.tenantId,
        identity.objectId,
      );
    }).immediate();
  }

  async get(identity: UserIdentity): Promise<NotifyPerson | undefined> {
    const row = this.handle
      .prepare('SELECT * FROM notify_people WHERE tenant_id = ? AND object_id = ?')
      .get(identity.tenantId, identity.objectId) as PersonRow | undefined;
    return row ? personFromRow(row) : undefined;
  }

  async saveSettings(identity: UserIdentity, settings: NotifySettings, resetSnapshot: boolean): Promise<boolean> {
    // A changed digest time or day rule is planned again by the next check.
    const result = this.handle
      .prepare(
        `UPDATE notify_people SET settings = ?, next_digest_at = NULL,
           snapshot = CASE WHEN ? THEN NULL ELSE snapshot END,
           next_check_at = CASE WHEN ? THEN 0 ELSE next_check_at END WHERE tenant_id = ? AND object_id = ?`,
      )
      .run(
        JSON.stringify(settings),
        resetSnapshot ? 1 : 0,
        resetSnapshot ? 1 : 0,
        identity.tenantId,
        identity.objectId,
      );
    return result.changes > 0;
  }

  async claimDue(now: number, intervalMs: number, limit: number): Promise<UserIdentity[]> {
    const db = this.handle;
    const claim = db.transaction(() => {
      const rows = db
        .prepare(
          'SELECT tenant_id, object_id FROM notify_people WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ?',
        )
        .all(now, limit) as { tenant_id: string; object_id: string }[];
      const move = db.prepare('UPDATE notify_people SET next_check_at = ? WHERE tenant_id = ? AND object_id = ?');
      for (const row of rows) move.run(now + intervalMs, row.tenant_id, row.object_id);
      return rows.map((row) => ({ tenantId: row.tenant_id, objectId: row.object_id }));
    });
    return claim.immediate();
  }

  async checkSoon(identity: UserIdentity): Promise<void> {
    this.handle
      .prepare('UPDATE notify_people SET next_check_at = 0 WHERE tenant_id = ? AND object_id = ?')
      .run(identity.tenantId, identity.objectId);
  }

  async deferCheck(identity: UserIdentity, at: number, since: number): Promise<void> {
    this.handle
      .prepare(
        `UPDATE notify_people SET next_check_at = ?, deferred_since = coalesce(deferred_since, ?)
         WHERE tenant_id = ? AND object_id = ?`,
      )
      .run(at, since, identity.tenantId, identity.objectId);
  }

  async commitCheck(identity: UserIdentity, result: CheckResult): Promise<void> {
    const db = this.handle;
    db.transaction(() => {
      const updated = db
        .prepare(
          `UPDATE notify_people SET snapshot = ?, next_digest_at = ?, reconnect_told_for = ?, deferred_since = NULL
           WHERE tenant_id = ? AND object_id = ?`,
        )
        .run(
          result.snapshot ? JSON.stringify(result.snapshot) : null,
          result.nextDigestAt ?? null,
          result.reconnectToldFor ?? null,
          identity.tenantId,
          identity.objectId,
        );
      // Forgotten meanwhile (uninstalled): nothing to deliver.
      if (updated.changes === 0) return;
      const insert = db.prepare(
        `INSERT INTO notify_outbox (id, tenant_id, object_id, card, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING`,
      );
      let order = Date.now();
      for (const card of result.cards)
        insert.run(card.id, identity.tenantId, identity.objectId, JSON.stringify(card.card), order++);
    }).immediate();
  }

  async pending(identity: UserIdentity): Promise<PendingCard[]> {
    const rows = this.handle
      .prepare('SELECT id, card FROM notify_outbox WHERE tenant_id = ? AND object_id = ? ORDER BY created_at, id')
      .all(identity.tenantId, identity.objectId) as { id: string; card: string }[];
    return rows.map((row) => ({ id: row.id, card: JSON.parse(row.card) as PendingCard['card'] }));
  }

  async delivered(identity: UserIdentity, cardId: string): Promise<void> {
    this.handle
      .prepare('DELETE FROM notify_outbox WHERE id = ? AND tenant_id = ? AND object_id = ?')
      .run(cardId, identity.tenantId, identity.objectId);
  }

  async count(): Promise<number> {
    return (this.handle.prepare('SELECT count(*) AS n FROM notify_people').get() as { n: number }).n;
  }
}
