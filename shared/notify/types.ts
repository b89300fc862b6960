/**
 * Proactive notifications: who wants to hear what, where to write to them (a conversation reference), and what
 * was seen at their last check. The Bot Framework lives in bot/; shared/ only sees the ProactiveSender interface.
 */
import type { UserIdentity } from '../identity';
import type { Locale } from '../i18n';
import type { AdaptiveCardJson } from '../cards/render';

/** The Bot Framework's ConversationReference as plain JSON: service URL, conversation, bot and user ids. */
export type ConversationRef = Record<string, unknown>;

export interface NotifySettings {
  assignments: boolean;
  dueChanges: boolean;
  digest: boolean;
  /** "HH:MM" in the person's time zone. */
  digestTime: string;
  weekdaysOnly: boolean;
}

/** On for every newly known person; the welcome card says how to change it. */
export const DEFAULT_SETTINGS: NotifySettings = {
  assignments: true,
  dueChanges: true,
  digest: true,
  digestTime: '08:30',
  weekdaysOnly: true,
};

/** What the last check saw: open task ids with their end date, for the connection it was taken with. */
export interface TaskSnapshot {
  connectedAt: string;
  tasks: Record<string, string | null>;
  /** Set when InLoox had more open tasks than one page: the last end date the page reached ('' for none). */
  horizon?: string;
}

export interface NotifyPerson {
  identity: UserIdentity;
  reference: ConversationRef;
  locale: Locale;
  /** IANA zone from Teams' localTimezone (checked when used; an invalid one reads as UTC). */
  timeZone: string;
  settings: NotifySettings;
  snapshot?: TaskSnapshot;
  /** When the next digest is due (ms since epoch); unset until the first check plans it. */
  nextDigestAt?: number;
  /** Last time the person used the bot; checks yield to people busy in Teams. */
  lastActiveAt: number;
  /** Since when the person's due check has been put off because they were busy (unset when not put off). */
  deferredSince?: number;
  /** The connectedAt of a revoked connection the person was already told about (told once). */
  reconnectToldFor?: string;
}

export interface PendingCard {
  id: string;
  card: AdaptiveCardJson;
}

/** Outcome of one proactive send. */
export type SendOutcome = 'sent' | 'gone' | 'throttled' | 'failed';

/** Writes one card into a stored conversation (bot/proactive.ts implements it with the Bot Framework). */
export interface ProactiveSender {
  /** Rejects with ProactiveSendError when the channel answered with an error status. */
  send(reference: ConversationRef, card: AdaptiveCardJson): Promise<void>;
}

export class ProactiveSendError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(`proactive send failed with HTTP ${status}`);
    this.name = 'ProactiveSendError';
  }
}
