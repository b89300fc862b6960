/**
 * Meetings booked as time, in the filing memory on both engines: found by the meeting's id and start, each
 * occurrence of a series on its own, the newest booking first, and the meeting's id stored only as a hash.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentKey, openFilingStore, type FilingStore } from '../../shared/filings';
import type { UserIdentity } from '../../shared/identity';
import { queryOnce } from '../helpers/postgres';
import { storeEngines } from '../helpers/store-engines';

const ANNA: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
};
const SERIES = 'AAMkSECRET-SERIES-ID=';
const ENTRY_1 = 'e0000000-0000-4000-8000-000000000001';
const ENTRY_2 = 'E0000000-0000-4000-8000-000000000002';
const occurrence = (start: string) => ({ source: 'appointment' as const, messageId: appointmentKey(SERIES, start) });

const engines = storeEngines('appointments');

describe('appointment keys', () => {
  it('name the same occurrence whatever the offset of its start, and another occurrence differently', () => {
    expect(appointmentKey(SERIES, '2026-03-11T10:00:00+01:00')).toBe(appointmentKey(SERIES, '2026-03-11T09:00:00Z'));
    expect(appointmentKey(SERIES, '2026-03-18T09:00:00Z')).not.toBe(appointmentKey(SERIES, '2026-03-11T09:00:00Z'));
  });
});

describe.each(engines)('booked meetings ($name)', (engine) => {
  let url: string;
  let done: () => Promise<void>;
  let store: FilingStore;

  beforeAll(async () => {
    ({ url, done } = await engine.open());
    store = await openFilingStore({ databaseUrl: url });
  });
  afterAll(async () => {
    await store?.close();
    await done?.();
  });

  it('finds the time entries of one occurrence, newest first, and none for the next occurrence or a mail', async () => {
    await store.remember(ANNA, occurrence('2026-03-11T09:00:00Z'), { kind: 'timeEntry', id: ENTRY_1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.remember(ANNA, occurrence('2026-03-11T10:00:00+01:00'), { kind: 'timeEntry', id: ENTRY_2 });
    const found = await store.lookup(ANNA, occurrence('2026-03-11T09:00:00.000Z'));
    expect(found.message.map((f) => [f.kind, f.id])).toEqual([
      ['timeEntry', ENTRY_2.toLowerCase()],
      ['timeEntry', ENTRY_1],
    ]);
    expect((await store.lookup(ANNA, occurrence('2026-03-18T09:00:00Z'))).message).toEqual([]);
    const asMail = { source: 'mail' as const, messageId: appointmentKey(SERIES, '2026-03-11T09:00:00Z') };
    expect((await store.lookup(ANNA, asMail)).message).toEqual([]);
  });

  it('stores the meeting id only as a hash', async () => {
    if (engine.name === 'SQLite') {
      await store.close();
      const files = await Promise.all(['', '-wal'].map((s) => readFile(url + s).catch(() => Buffer.alloc(0))));
      expect(Buffer.concat(files).includes(Buffer.from('SECRET-SERIES'))).toBe(false);
      store = await openFilingStore({ databaseUrl: url });
    } else {
      const rows = await queryOnce<Record<string, unknown>>(url, 'SELECT * FROM filings');
      expect(rows.length).toBe(2);
      expect(JSON.stringify(rows)).not.toContain('SECRET-SERIES');
    }
    expect((await store.lookup(ANNA, occurrence('2026-03-11T09:00:00Z'))).message).toHaveLength(2);
  });
});
