import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Harness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startSandbox({ rateLimit: { calls: 3, windowMs: 60_000 } });
});
afterAll(async () => {
  await h?.close();
});

const account = (key: string) => h.sandbox.accounts.find((a) => a.apiKey === key)!;

describe('a colleague assigns a task in the same account', () => {
  it('records who assigned it: Emily assigns to Anna, Anna sees it among her tasks', async () => {
    const anna = account('demo-key-anna');
    const emily = account('demo-key-emily');
    const created = await h.json<{ TaskItemId: string; AssignedByContactId: string; CreatedByContactId: string }>(
      'Task',
      { method: 'POST', key: 'demo-key-emily', json: { Name: 'From Emily', ContactId: anna.contactId } },
    );
    expect(created.status).toBe(201);
    expect(created.body.AssignedByContactId).toBe(emily.contactId);
    expect(created.body.CreatedByContactId).toBe(emily.contactId);
    const mine = await h.json<{ value: { TaskItemId: string; AssignedByContactId: string }[] }>(
      `Task?$filter=ContactId eq ${anna.contactId}`,
      { key: 'demo-key-anna' },
    );
    expect(mine.body.value.find((t) => t.TaskItemId === created.body.TaskItemId)?.AssignedByContactId).toBe(
      emily.contactId,
    );
  });

  it('names the one who gives an existing task another assignee, unless the request says who', async () => {
    const anna = account('demo-key-anna');
    const emily = account('demo-key-emily');
    const created = await h.json<{ TaskItemId: string }>('Task', {
      method: 'POST',
      key: 'demo-key-anna',
      json: { Name: 'Unassigned at first' },
    });
    const moved = await h.json<{ AssignedByContactId: string }>(`Task(${created.body.TaskItemId})`, {
      method: 'PATCH',
      key: 'demo-key-emily',
      json: { ContactId: anna.contactId },
    });
    expect(moved.body.AssignedByContactId).toBe(emily.contactId);
    const named = await h.json<{ AssignedByContactId: string }>(`Task(${created.body.TaskItemId})`, {
      method: 'PATCH',
      key: 'demo-key-emily',
      json: { ContactId: emily.contactId, AssignedByContactId: anna.contactId },
    });
    expect(named.body.AssignedByContactId).toBe(anna.contactId);
  });

  it('counts calls per key, not per account', async () => {
    h.sandbox.resetRateLimit();
    for (let i = 0; i < 3; i++) expect((await h.call('UserInfo/Me()', { key: 'demo-key-anna' })).status).toBe(200);
    expect((await h.call('UserInfo/Me()', { key: 'demo-key-anna' })).status).toBe(429);
    expect((await h.call('UserInfo/Me()', { key: 'demo-key-emily' })).status).toBe(200);
  });
});
