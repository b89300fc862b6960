/** Where each person's last list stands, per conversation, so a typed "more" can continue it. */
import { identityKey, type UserIdentity } from '../shared/identity';

export interface ListState {
  kind: 'projects' | 'tasks';
  search: string;
  mine: boolean;
  nextSkip: number;
}

export interface ListCursors {
  get(key: string): Promise<ListState | undefined>;
  /** `undefined` forgets the list (its last page was shown). */
  set(key: string, state: ListState | undefined): Promise<void>;
}

export function cursorKey(turn: { identity: UserIdentity | undefined; conversationId: string }): string {
  return `${turn.identity ? identityKey(turn.identity) : 'anonymous'}|${turn.conversationId}`;
}

/** Remembers each person's last list per conversation, so a typed "more" can continue it. */
export class ListMemory implements ListCursors {
  private readonly entries = new Map<string, ListState>();
  constructor(private readonly capacity = 1000) {}

  async get(key: string): Promise<ListState | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, state: ListState | undefined): Promise<void> {
    this.entries.delete(key);
    if (!state) return;
    this.entries.set(key, state);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
