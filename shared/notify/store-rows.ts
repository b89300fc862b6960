/** The row shape both backends read, and its mapping to a NotifyPerson. */
import { toLocale } from '../i18n';
import { parseJson, readSettings } from './store';
import { DEFAULT_SETTINGS, type ConversationRef, type NotifyPerson, type TaskSnapshot } from './types';

export interface PersonRow {
  tenant_id: string;
  object_id: string;
  reference: string;
  locale: string;
  time_zone: string;
  settings: string | null;
  snapshot: string | null;
  next_digest_at: number | string | null;
  last_active_at: number | string;
  deferred_since?: number | string | null;
  reconnect_told_for: string | null;
}

export function personFromRow(row: PersonRow): NotifyPerson {
  const snapshot = parseJson<TaskSnapshot>(row.snapshot);
  return {
    identity: { tenantId: row.tenant_id, objectId: row.object_id },
    reference: parseJson<ConversationRef>(row.reference) ?? {},
    locale: toLocale(row.locale),
    timeZone: row.time_zone,
    settings: readSettings(row.settings, DEFAULT_SETTINGS),
    ...(snapshot ? { snapshot } : {}),
    ...(row.next_digest_at !== null ? { nextDigestAt: Number(row.next_digest_at) } : {}),
    lastActiveAt: Number(row.last_active_at),
    ...(row.deferred_since !== null && row.deferred_since !== undefined
      ? { deferredSince: Number(row.deferred_since) }
      : {}),
    ...(row.reconnect_told_for ? { reconnectToldFor: row.reconnect_told_for } : {}),
  };
}
