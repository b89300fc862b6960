/** ProjectNote deletion rights and the notification follower operations of the sandbox, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Collection, type Harness, type ODataErrorBody } from './helpers';

let h: Harness;
let website: string;
const BEN = 'demo-key-ben';
const JONAS = 'demo-key-jonas';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  h = await startSandbox({ keys: [BEN, JONAS] });
  const { body } = await h.json<Collection>(`Project?$filter=${encodeURIComponent("Name eq 'Website Relaunch'")}`);
  website = body.value[0]!.ProjectId as string;
});
afterAll(async () => h.close());

const post = (path: string, json: unknown, key = BEN) => h.json<ODataErrorBody>(path, { method: 'POST', key, json });
const followers = async (key = BEN) =>
  (await h.json<Collection>(`Project(${website})/GetNotificationFollowerContacts()`, { key })).body.value.map(
    (c) => c.DisplayName,
  );

describe('DeleteNote', () => {
  it("lets only a comment's author delete it (403 for others, 404 for unknown notes)", async () => {
    const { body } = await h.json<Collection>(
      `ProjectNote?$filter=${encodeURIComponent(`ProjectId eq ${website}`)}&$orderby=CreateDateTime desc`,
    );
    const byJonas = body.value.find((n) => String(n.Note).includes('Produktseiten'))!;
    const refused = await post(`Project(${website})/DeleteNote`, { noteRelationId: byJonas.ProjectNoteId });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Only the author of a comment can delete it.');
    expect((await h.json(`ProjectNote(${byJonas.ProjectNoteId as string})`)).status).toBe(200);
    expect(
      (await post(`Project(${website})/DeleteNote`, { noteRelationId: byJonas.ProjectNoteId }, JONAS)).status,
    ).toBe(200);
    expect((await h.json(`ProjectNote(${byJonas.ProjectNoteId as string})`)).status).toBe(404);
    expect((await post(`Project(${website})/DeleteNote`, { noteRelationId: UNKNOWN })).status).toBe(404);
  });
});

describe('notification followers', () => {
  it('seeds the account user and Emily Clarke as followers of Website Relaunch, in the order they followed', async () => {
    expect(await followers()).toEqual(['Ben Carter', 'Emily Clarke']);
  });

  it('adds followers (with or without the projectId the EDMX lists), once each, and removes one', async () => {
    const jonas = (await h.json<Collection>('UserInfo/Me()', { key: JONAS })).body.value[0]!.ContactId as string;
    expect((await post(`Project(${website})/AddNotificationFollowers`, { contactIds: [jonas] }, JONAS)).status).toBe(
      200,
    );
    const withProject = await post(`Project(${website})/AddNotificationFollowers`, {
      projectId: website,
      contactIds: [jonas],
    });
    expect(withProject.status).toBe(200);
    expect(await followers(JONAS)).toEqual(['Ben Carter', 'Emily Clarke', 'Jonas Weber']);
    expect((await post(`Project(${website})/RemoveNotificationFollower`, { contactId: jonas })).status).toBe(200);
    expect(await followers()).toEqual(['Ben Carter', 'Emily Clarke']);
    const again = await post(`Project(${website})/RemoveNotificationFollower`, { contactId: jonas });
    expect(again.status).toBe(404);
  });

  it('refuses unknown contacts, another projectId, empty lists and unknown projects', async () => {
    const unknownContact = await post(`Project(${website})/AddNotificationFollowers`, { contactIds: [UNKNOWN] });
    expect(unknownContact.status).toBe(400);
    expect(unknownContact.body.error.code).toBe('InvalidReference');
    const other = await post(`Project(${website})/AddNotificationFollowers`, { projectId: UNKNOWN, contactIds: [] });
    expect(other.status).toBe(400);
    expect((await post(`Project(${website})/AddNotificationFollowers`, { contactIds: [] })).status).toBe(400);
    expect((await post(`Project(${website})/AddNotificationFollowers`, {})).status).toBe(400);
    expect((await post(`Project(${UNKNOWN})/AddNotificationFollowers`, { contactIds: [] })).status).toBe(404);
    expect((await h.json(`Project(${UNKNOWN})/GetNotificationFollowerContacts()`)).status).toBe(404);
    expect(await followers()).toEqual(['Ben Carter', 'Emily Clarke']);
  });
});
