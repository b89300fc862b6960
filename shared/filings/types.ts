/**
 * What a person filed into InLoox from a mail or a Teams message: only ids (hashed), the target and when.
 * Never the mail's content. Deleted with the person's connection.
 */
import type { UserIdentity } from '../identity';

/** `appointment`: a calendar item booked as time; its messageId is the appointment's id and start (see appointmentKey). */
export type FilingSource = 'mail' | 'teams' | 'appointment';
/** `timeEntry`: the InLoox TimeEntry an appointment was booked as. */
export type FilingTargetKind = 'task' | 'project' | 'timeEntry';

export interface FilingTarget {
  kind: FilingTargetKind;
  /** The InLoox TaskItemId, ProjectId or TimeEntryId. */
  id: string;
}

export interface FiledMessage {
  source: FilingSource;
  /** The mail's internetMessageId, or the Teams message id (with its conversation). */
  messageId: string;
  /** The mail's conversationId; a mail of the same conversation then finds what this one was filed to. */
  conversationId?: string;
}

export interface Filing extends FilingTarget {
  /** ISO 8601. */
  filedAt: string;
}

export interface FilingLookup {
  /** What this very message was filed to, newest first. */
  message: Filing[];
  /** What other messages of its conversation were filed to (not repeating `message`), newest first. */
  conversation: Filing[];
}

export interface FilingStore {
  init(): Promise<void>;
  /** Remembers (or refreshes the time of) one filing; no InLoox call. */
  remember(person: UserIdentity, message: FiledMessage, target: FilingTarget): Promise<void>;
  lookup(person: UserIdentity, message: FiledMessage): Promise<FilingLookup>;
  /** Forgets every filing of the person (on disconnect); returns how many there were. */
  forgetPerson(person: UserIdentity): Promise<number>;
  close(): Promise<void>;
}

export const MIGRATION_NAMESPACE = 'filings';
/** How many filings of one message or conversation a lookup returns at most. */
export const LOOKUP_LIMIT = 10;
