/** Project requests in the sandbox over HTTP: the seeded requests, ApproveRequest / RejectRequest and their refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
const BEN = 'demo-key-ben';
const JONAS = 'demo-key-jonas';
const q = encodeURIComponent;

beforeAll(async () => {
  h = await startSandbox({ keys: [BEN, JONAS, 'demo-key-anna'] });
});
afterAll(async () => h.close());

async function openRequests(key = BEN) {
  const filter = q('IsRequest eq true and IsArchived eq false and IsRecycled eq false');
  const { body } = await h.json<Collection>(`Project?$filter=${filter}&$orderby=CreatedDateTime desc`, { key });
  return body.value;
}

const post = (path: string, key = BEN, json: unknown = {}) =>
  h.json<ODataErrorBody>(path, { method: 'POST', key, json });

describe('a second key of a demo account', () => {
  it('works in the same account as the seeded colleague', async () => {
    const ben = await h.json<Collection>('UserInfo/Me()', { key: BEN });
    const jonas = await h.json<Collection>('UserInfo/Me()', { key: JONAS });
    expect(jonas.body.value[0]).toMatchObject({ DisplayName: 'Jonas Weber', Email: 'jonas.weber@example.de' });
    expect(jonas.body.value[0]!.ContactId).not.toBe(ben.body.value[0]!.ContactId);
    const names = async (key: string) =>
      (await h.json<Collection>('Project?$select=ProjectId&$orderby=ProjectId', { key })).body.value;
    expect(await names(JONAS)).toEqual(await names(BEN));
  });
});

describe('project requests', () => {
  it('seeds two open requests (English and German) with reviewers and who asked', async () => {
    const requests = await openRequests();
    expect(requests.map((p) => p.Name).sort()).toEqual(['Kundenportal 2.0', 'Mobile App Pilot']);
    const pilot = requests.find((p) => p.Name === 'Mobile App Pilot')!;
    expect(pilot).toMatchObject({
      IsRequest: true,
      CreatedByName: 'Olivia Brown',
      ClientName: 'Olivia Brown',
      ReviewerProjectContact: 'Ben Carter, Jonas Weber, Emily Clarke',
    });
  });

  it('approves once: the request becomes a project, changed by the reviewer; a second decision is a 400', async () => {
    const pilot = (await openRequests()).find((p) => p.Name === 'Mobile App Pilot')!;
    const path = `Project(${pilot.ProjectId as string})`;
    // As the API reference shows it: no body.
    expect((await h.call(`${path}/ApproveRequest`, { method: 'POST', key: JONAS })).status).toBe(200);
    const { body } = await h.json(path, { key: BEN });
    expect(body).toMatchObject({ IsRequest: false, IsArchived: false, LastChangedByName: 'Jonas Weber' });
    for (const action of ['ApproveRequest', 'RejectRequest']) {
      const again = await post(`${path}/${action}`, BEN);
      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe('NotARequest');
    }
  });

  it('rejects once: the request stays a request, archived, changed by the reviewer', async () => {
    const portal = (await openRequests()).find((p) => p.Name === 'Kundenportal 2.0')!;
    const path = `Project(${portal.ProjectId as string})`;
    expect((await post(`${path}/RejectRequest`, BEN)).status).toBe(200);
    const { body } = await h.json(path, { key: JONAS });
    expect(body).toMatchObject({ IsRequest: true, IsArchived: true, LastChangedByName: 'Ben Carter' });
    const again = await post(`${path}/ApproveRequest`, JONAS);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('RequestDecided');
    expect(await openRequests()).toEqual([]);
  });

  it('refuses people who are neither reviewer nor manager (403), unknown projects (404) and parameters (400)', async () => {
    const created = await h.json('Project', { method: 'POST', key: BEN, json: { Name: 'Ben asks', IsRequest: true } });
    const path = `Project(${created.body.ProjectId as string})`;
    const forbidden = await post(`${path}/ApproveRequest`, JONAS);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/reviewers and managers/);
    expect((await h.json(path, { key: BEN })).body).toMatchObject({ IsRequest: true, IsArchived: false });
    expect((await post(`${path}/RejectRequest`, BEN, { reason: 'x' })).status).toBe(400);
    expect((await post('Project(00000000-0000-4000-8000-000000000000)/ApproveRequest')).status).toBe(404);
    const plain = await h.json('Project', { method: 'POST', key: BEN, json: { Name: 'Not a request' } });
    expect((await post(`Project(${plain.body.ProjectId as string})/ApproveRequest`)).status).toBe(400);
  });
});
