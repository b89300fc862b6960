/**
 * Where to reach a person is stored on every activity of theirs, but it rarely changes: writing it on every turn was
 * a synchronous, fsync'ed SQLite upsert (about 3 ms of a `help` turn's 3.5 ms, measured with --cpu-prof). The same
 * reference, language and time zone of one person are written again only after `intervalMs` (well under the minute
 * a check yields to a person who is active, so `last_active_at` stays fresh enough for it); anything new at once.
 */
import { LRUCache } from 'lru-cache';
import { identityKey } from '../identity';
import type { NotifyStore, RememberInput } from './store';

export function rememberLessOften(
  store: NotifyStore,
  options: { intervalMs?: number; max?: number } = {},
): NotifyStore {
  const written = new LRUCache<string, string>({ max: options.max ?? 10_000, ttl: options.intervalMs ?? 10_000 });
  const fingerprint = (input: RememberInput) => JSON.stringify([input.reference, input.locale, input.timeZone]);
  const own: Pick<NotifyStore, 'remember' | 'forget'> = {
    async remember(identity, input, now) {
      const key = identityKey(identity);
      const print = fingerprint(input);
      if (written.get(key) === print) return;
      await store.remember(identity, input, now);
      written.set(key, print);
    },
    async forget(identity) {
      written.delete(identityKey(identity));
      await store.forget(identity);
    },
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'remember' || property === 'forget') return own[property];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
