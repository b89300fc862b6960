/**
 * Where notifications keep their state, in the key store's database (SQLite by default, PostgreSQL with
 * DATABASE_URL=postgres://…): one row per person (reference, settings, snapshot, schedule) and an outbox of
 * cards written in the same transaction as the snapshot they came from, so a crash loses nothing.
 */
import type { UserIdentity } from '../identity';
import type { Locale } from '../i18n';
import type { ConversationRef, NotifyPerson, NotifySettings, PendingCard, TaskSnapshot } from './types';

export interface RememberInput {
  reference: ConversationRef;
  locale: Locale;
  timeZone: string;
}

export interface CheckResult {
  snapshot?: TaskSnapshot;
  nextDigestAt?: number;
  reconnectToldFor?: string;
  cards: PendingCard[];
}

export interface NotifyStore {
  init(): Promise<void>;
  /** Stores (or refreshes) where to reach the person; a new person starts with DEFAULT_SETTINGS, checked at once. */
  remember(identity: UserIdentity, input: RememberInput, now: number): Promise<void>;
  /** Forgets the person entirely (uninstall, or Teams answered 403/404): reference, snapshot and outbox. */
  forget(identity: UserIdentity): Promise<void>;
  get(identity: UserIdentity): Promise<NotifyPerson | undefined>;
  /**
   * `resetSnapshot`: the next check records what is there without notifying (after switching back on); it is then
   * due at once, so a task assigned right after switching on is news.
   */
  saveSettings(identity: UserIdentity, settings: NotifySettings, resetSnapshot: boolean): Promise<boolean>;
  /**
   * Takes up to `limit` people whose check is due and moves their next check one interval on, atomically across
   * instances, so each person is handed out once per interval.
   */
  claimDue(now: number, intervalMs: number, limit: number): Promise<UserIdentity[]>;
  /**
   * Moves one person's next check (a person busy in Teams is checked later); `since` is kept from the first time
   * this check was put off until a check is committed.
   */
  deferCheck(identity: UserIdentity, at: number, since: number): Promise<void>;
  /** Makes the person's check due now (after connecting: its first check should record what is there at once). */
  checkSoon(identity: UserIdentity): Promise<void>;
  /** Writes a check's outcome and the cards it produced in one transaction (and ends any putting off). */
  commitCheck(identity: UserIdentity, result: CheckResult): Promise<void>;
  /** Cards written but not yet delivered, oldest first. */
  pending(identity: UserIdentity): Promise<PendingCard[]>;
  delivered(identity: UserIdentity, cardId: string): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

export const MIGRATION_NAMESPACE = 'notify';

export function parseJson<T>(text: string | null | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Stored settings merged over the defaults, so a row written by an older version still reads completely. */
export function readSettings(text: string | null | undefined, defaults: NotifySettings): NotifySettings {
  const stored = parseJson<Partial<NotifySettings>>(text) ?? {};
  return { ...defaults, ...stored };
}
