/**
 * Where each person's last list stands, per conversation, so a typed "more" can continue it. Kept in the state
 * store (the product's database), so "more" works whichever server instance answers it, and after a restart.
 */
import { z } from 'zod';
import { identityKey, type UserIdentity } from '../shared/identity';
import type { StateStore } from '../shared/state';

const listState = z.object({
  kind: z.enum(['projects', 'tasks']),
  search: z.string().max(200),
  mine: z.boolean(),
  nextSkip: z.number().int().min(0).max(10_000),
  /** Project lists: only my favorites. */
  favorites: z.boolean().optional(),
  /** Project lists: only this category (by name). */
  category: z.string().max(100).optional(),
});

export type ListState = z.output<typeof listState>;

export interface ListCursors {
  get(key: string): Promise<ListState | undefined>;
  /** `undefined` forgets the list (its last page was shown). */
  set(key: string, state: ListState | undefined): Promise<void>;
}

const NAMESPACE = 'list-cursor';
/** A list older than a day is not continued by "more". */
const KEPT_MS = 24 * 60 * 60 * 1000;

export function cursorKey(turn: { identity: UserIdentity | undefined; conversationId: string }): string {
  return `${turn.identity ? identityKey(turn.identity) : 'anonymous'}|${turn.conversationId}`;
}

export function storedListCursors(state: StateStore): ListCursors {
  return {
    async get(key) {
      const text = await state.get(NAMESPACE, key);
      if (text === undefined) return undefined;
      try {
        const parsed = listState.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      if (value) await state.put(NAMESPACE, key, JSON.stringify(value), KEPT_MS);
      else await state.delete(NAMESPACE, key);
    },
  };
}
