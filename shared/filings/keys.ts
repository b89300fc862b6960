import { createHash } from 'node:crypto';
import { identityKey, type UserIdentity } from '../identity';
import type { FiledMessage, Filing, FilingLookup } from './types';
import { LOOKUP_LIMIT } from './types';

const sha256 = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/** Mail and message ids name people's mailboxes and hosts; like the person, they are stored only as hashes. */
export const personHash = (person: UserIdentity) => sha256('person', identityKey(person));
export const messageHash = (message: FiledMessage) => sha256(message.source, 'message', message.messageId.trim());
export const conversationHash = (message: FiledMessage) =>
  message.conversationId?.trim() ? sha256(message.source, 'conversation', message.conversationId.trim()) : null;

/**
 * The id an appointment is remembered by: its series (or item) id and the occurrence's start, so each occurrence of a
 * recurring meeting is its own booking, and a meeting moved to another time is no longer "already booked".
 */
export function appointmentKey(id: string, start: string): string {
  const instant = Date.parse(start);
  return `${id.trim()}|${Number.isNaN(instant) ? start.trim() : new Date(instant).toISOString()}`;
}

export interface FilingRow {
  message_hash: string;
  target_kind: string;
  target_id: string;
  filed_at: string | Date;
}

/** Splits the rows of a person's message + conversation query into the lookup's two lists. */
export function toLookup(rows: FilingRow[], ownMessageHash: string): FilingLookup {
  const toFiling = (row: FilingRow): Filing => ({
    kind: row.target_kind === 'project' || row.target_kind === 'timeEntry' ? row.target_kind : 'task',
    id: row.target_id,
    filedAt: new Date(row.filed_at).toISOString(),
  });
  const sorted = [...rows].sort((a, b) => new Date(b.filed_at).getTime() - new Date(a.filed_at).getTime());
  const message = sorted.filter((row) => row.message_hash === ownMessageHash).map(toFiling);
  const seen = new Set(message.map((f) => `${f.kind}:${f.id}`));
  const conversation: Filing[] = [];
  for (const row of sorted) {
    if (row.message_hash === ownMessageHash) continue;
    const filing = toFiling(row);
    const key = `${filing.kind}:${filing.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    conversation.push(filing);
  }
  return { message: message.slice(0, LOOKUP_LIMIT), conversation: conversation.slice(0, LOOKUP_LIMIT) };
}
