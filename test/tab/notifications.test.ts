import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, openNotifyStore, type NotifyStore } from '../../shared/notify';
import { createTabRouter } from '../../tab/server/router';
import { ALICE, BOB, bearerTestIdentity, startTabHarness, type TabHarness } from './harness';

let h: TabHarness;
let store: NotifyStore;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tab-notify-'));
  store = await openNotifyStore({ databaseUrl: path.join(dir, 'notify.sqlite') });
  h = await startTabHarness({
    app: (services) =>
      express().use(
        '/tab',
        createTabRouter(
          { ...services, notify: store },
          { identify: bearerTestIdentity, assets: async () => ({ js: '', css: '' }) },
        ),
      ),
  });
  await store.remember(ALICE, { reference: { conversation: { id: 'a:1' } }, locale: 'de', timeZone: 'UTC' }, 0);
});
afterAll(async () => {
  await h?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tab: notification settings', () => {
  it('offers them once the person has a chat with the bot, with the defaults', async () => {
    const alice = await h.call('GET', '/tab/api/notifications', { token: 'alice' });
    expect(alice.status).toBe(200);
    expect(alice.body).toEqual({ available: true, settings: DEFAULT_SETTINGS });
    const bob = await h.call('GET', '/tab/api/notifications', { token: 'bob' });
    expect(bob.body).toEqual({ available: false, settings: DEFAULT_SETTINGS });
  });

  it('saves what the bot reads, and refuses a bad time without changing anything', async () => {
    const settings = { assignments: true, dueChanges: false, digest: true, digestTime: '07:45', weekdaysOnly: false };
    const saved = await h.call('PUT', '/tab/api/notifications', { token: 'alice', body: settings });
    expect(saved.body).toEqual({ available: true, settings });
    expect((await store.get(ALICE))?.settings).toEqual(settings);

    const refused = await h.call('PUT', '/tab/api/notifications', {
      token: 'alice',
      body: { ...settings, digestTime: '7 Uhr' },
      locale: 'de-DE',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('digestTime');
    expect((await store.get(ALICE))?.settings.digestTime).toBe('07:45');

    const nobody = await h.call('PUT', '/tab/api/notifications', { token: 'bob', body: settings });
    expect(nobody.body).toEqual({ available: false, settings: DEFAULT_SETTINGS });
    expect(await store.get(BOB)).toBeUndefined();
  });

  it('needs an identity', async () => {
    expect((await h.call('GET', '/tab/api/notifications')).status).toBe(401);
  });
});
