/**
 * The filing memory on both engines: what a person filed from which mail, found again from the same mail and from
 * another mail of its conversation, by another instance after a restart; ids stored only as hashes; one person's
 * filings invisible to another and gone when they disconnect.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFilingStore, type FilingStore } from '../../shared/filings';
import type { UserIdentity } from '../../shared/identity';
import { queryOnce } from '../helpers/postgres';
import { storeEngines } from '../helpers/store-engines';

const ANNA: UserIdentity = {
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
};
const BEN: UserIdentity = { ...ANNA, objectId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' };
const TASK_1 = 'C0FFEE00-0000-4000-8000-000000000001';
const TASK_2 = 'c0ffee00-0000-4000-8000-000000000002';
const PROJECT = 'c0ffee00-0000-4000-8000-0000000000aa';
const MAIL = {
  source: 'mail' as const,
  messageId: '<offer-7@secret-customer.example>',
  conversationId: 'CONV-SECRET-1',
};
const REPLY = {
  source: 'mail' as const,
  messageId: '<offer-8@secret-customer.example>',
  conversationId: 'CONV-SECRET-1',
};

const engines = storeEngines('filings');

describe.each(engines)('filing store ($name)', (engine) => {
  let url: string;
  let done: () => Promise<void>;
  let one: FilingStore;
  let two: FilingStore;

  beforeAll(async () => {
    ({ url, done } = await engine.open());
    one = await openFilingStore({ databaseUrl: url });
    two = await openFilingStore({ databaseUrl: url });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await done?.();
  });

  it('finds what a mail was filed to, from the same mail and from another mail of the conversation', async () => {
    expect(await one.lookup(ANNA, MAIL)).toEqual({ message: [], conversation: [] });
    await one.remember(ANNA, MAIL, { kind: 'task', id: TASK_1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await one.remember(ANNA, MAIL, { kind: 'project', id: PROJECT });

    const same = await two.lookup(ANNA, MAIL);
    expect(same.message.map((f) => [f.kind, f.id])).toEqual([
      ['project', PROJECT],
      ['task', TASK_1.toLowerCase()],
    ]);
    expect(same.conversation).toEqual([]);
    expect(Date.now() - new Date(same.message[0]!.filedAt).getTime()).toBeLessThan(60_000);

    const reply = await two.lookup(ANNA, REPLY);
    expect(reply.message).toEqual([]);
    expect(reply.conversation.map((f) => f.id).sort()).toEqual([PROJECT, TASK_1.toLowerCase()].sort());

    // Without a conversation id only the mail itself matches.
    expect(await two.lookup(ANNA, { source: 'mail', messageId: REPLY.messageId })).toEqual({
      message: [],
      conversation: [],
    });
  });

  it('filing the same mail to the same task again keeps one entry; a Teams message is its own namespace', async () => {
    await one.remember(ANNA, MAIL, { kind: 'task', id: TASK_1.toLowerCase() });
    expect((await one.lookup(ANNA, MAIL)).message.filter((f) => f.kind === 'task')).toHaveLength(1);
    expect(await one.lookup(ANNA, { ...MAIL, source: 'teams' })).toEqual({ message: [], conversation: [] });
    await one.remember(ANNA, { ...MAIL, source: 'teams' }, { kind: 'task', id: TASK_2 });
    expect((await two.lookup(ANNA, { ...MAIL, source: 'teams' })).message.map((f) => f.id)).toEqual([TASK_2]);
  });

  it("keeps people apart and forgets only the disconnected person's filings", async () => {
    await one.remember(BEN, MAIL, { kind: 'task', id: TASK_2 });
    expect((await two.lookup(BEN, MAIL)).message.map((f) => f.id)).toEqual([TASK_2]);
    expect((await two.lookup(ANNA, MAIL)).message.map((f) => f.id)).not.toContain(TASK_2);
    expect(await two.forgetPerson(ANNA)).toBe(3);
    expect(await one.lookup(ANNA, MAIL)).toEqual({ message: [], conversation: [] });
    expect(await one.lookup(ANNA, { ...MAIL, source: 'teams' })).toEqual({ message: [], conversation: [] });
    expect((await one.lookup(BEN, MAIL)).message.map((f) => f.id)).toEqual([TASK_2]);
  });

  it('holds across a restart and stores people, mail and conversation ids only as hashes', async () => {
    await one.close();
    one = await openFilingStore({ databaseUrl: url });
    expect((await one.lookup(BEN, MAIL)).message.map((f) => f.id)).toEqual([TASK_2]);
    const secrets = ['secret-customer', 'CONV-SECRET', ANNA.objectId, BEN.objectId];
    if (engine.name === 'SQLite') {
      await one.close();
      await two.close();
      const files = await Promise.all(['', '-wal'].map((s) => readFile(url + s).catch(() => Buffer.alloc(0))));
      for (const secret of secrets) expect(Buffer.concat(files).includes(Buffer.from(secret)), secret).toBe(false);
      one = await openFilingStore({ databaseUrl: url });
      two = await openFilingStore({ databaseUrl: url });
    } else {
      const rows = await queryOnce<Record<string, unknown>>(url, 'SELECT * FROM filings');
      expect(rows.length).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      for (const secret of secrets) expect(text.includes(secret), secret).toBe(false);
      for (const row of rows) expect(row.message_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
