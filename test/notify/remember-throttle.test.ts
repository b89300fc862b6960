import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../shared/identity';
import { openNotifyStore, type NotifyStore } from '../../shared/notify';
import type { RememberInput } from '../../shared/notify/store';
import { rememberLessOften } from '../../shared/notify/remember-throttle';

const person = (): UserIdentity => ({ tenantId: randomUUID(), objectId: randomUUID() });
const input = (conversation = 'a:1', locale: 'en' | 'de' = 'en'): RememberInput => ({
  reference: { conversationId: conversation } as unknown as RememberInput['reference'],
  locale,
  timeZone: 'Europe/Berlin',
});

function counting() {
  const calls: string[] = [];
  const store = {
    remember: async (identity: UserIdentity) => void calls.push(`remember ${identity.objectId}`),
    forget: async (identity: UserIdentity) => void calls.push(`forget ${identity.objectId}`),
    get: async () => undefined,
  } as unknown as NotifyStore;
  return { calls, store };
}

describe('rememberLessOften', () => {
  it('writes the same person’s unchanged reference once per interval, anything new at once', async () => {
    const { calls, store } = counting();
    const throttled = rememberLessOften(store, { intervalMs: 60_000 });
    const alice = person();
    const bob = person();
    for (let turn = 0; turn < 5; turn++) await throttled.remember(alice, input(), turn);
    await throttled.remember(bob, input(), 5);
    await throttled.remember(alice, input('a:2'), 6);
    await throttled.remember(alice, input('a:2', 'de'), 7);
    expect(calls).toEqual([
      `remember ${alice.objectId}`,
      `remember ${bob.objectId}`,
      `remember ${alice.objectId}`,
      `remember ${alice.objectId}`,
    ]);
  });

  it('writes again after the interval and after the person was forgotten', async () => {
    const { calls, store } = counting();
    const throttled = rememberLessOften(store, { intervalMs: 20 });
    const alice = person();
    await throttled.remember(alice, input(), 0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await throttled.remember(alice, input(), 1);
    await throttled.forget(alice);
    await throttled.remember(alice, input(), 2);
    expect(calls).toEqual([
      `remember ${alice.objectId}`,
      `remember ${alice.objectId}`,
      `forget ${alice.objectId}`,
      `remember ${alice.objectId}`,
    ]);
  });

  it('the opened store keeps every other operation working (SQLite)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'notify-throttle-'));
    const store = await openNotifyStore({ databaseUrl: path.join(dir, 'notify.sqlite') });
    try {
      const alice = person();
      await store.remember(alice, input(), 1_000);
      await store.remember(alice, input(), 2_000);
      expect((await store.get(alice))?.lastActiveAt).toBe(1_000);
      await store.forget(alice);
      expect(await store.get(alice)).toBeUndefined();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
