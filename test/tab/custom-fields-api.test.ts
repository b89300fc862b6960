/** The tab's details: a task's and a project's custom fields by section, formatted for the person, over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, startTabHarness, type TabHarness } from './harness';

let h: TabHarness;
let api: TabHarness['services']['connections'] extends { apiFor(...a: never[]): Promise<infer A> } ? A : never;

beforeAll(async () => {
  h = await startTabHarness();
  await h.services.connections.connect(ALICE, h.sandbox.accounts[0]!.apiKey);
  api = await h.services.connections.apiFor(ALICE);
});
afterAll(async () => {
  await h?.close();
});

const projectId = async (name: string) => (await api.findProject(name))!.ProjectId;
const apiCalls = () => h.sandbox.requestLog.entries().filter((e) => !e.url.startsWith('/_sandbox'));

describe('tab API: custom fields in the details', () => {
  it('shows a project’s fields by section in German, formatted in the person’s time zone', async () => {
    const id = await projectId('Website Relaunch');
    const response = await h.call('GET', `/tab/api/projects/${id}/fields?timeZone=Europe%2FBerlin`, {
      token: 'alice',
      locale: 'de-DE',
    });
    expect(response.status).toBe(200);
    expect(response.body.sections).toEqual([
      {
        name: 'Allgemein',
        fields: [
          { label: 'Region', value: 'EMEA', missing: false },
          { label: 'Kundennummer', value: 'C-1042', missing: false },
          { label: 'Kick-off', value: '12.01.2026, 10:00', missing: false },
          { label: 'Risikostufe', value: 'Mittel', missing: false },
          { label: 'Alt-ID', value: 'WR-88', missing: false },
        ],
      },
      {
        name: 'Finanzen',
        fields: [
          { label: 'Budget', value: '25.000,00 €', missing: false },
          { label: 'Teamgröße', value: '4', missing: false },
          { label: 'Zielmarge (%)', value: '18,5', missing: false },
          { label: 'Kostenstelle', value: '4711', missing: false },
          { label: 'Vertrag unterschrieben', value: 'Ja', missing: false },
          { label: 'Vertragsnummer', value: 'V-2026-017', missing: false },
          { label: 'Zusatzpersonal', value: '–', missing: false },
        ],
      },
    ]);
  });

  it('marks an empty field InLoox warns about, in English, and hides a field whose simple rule does not hold', async () => {
    const id = await projectId('Messestand Hannover 2026');
    const response = await h.call('GET', `/tab/api/projects/${id}/fields?timeZone=Europe%2FLondon`, {
      token: 'alice',
      locale: 'en-GB',
    });
    const fields = response.body.sections.flatMap((s: { fields: unknown[] }) => s.fields);
    expect(fields).toContainEqual({ label: 'Kundennummer', value: '⚠ Not filled in', missing: true });
    expect(fields).toContainEqual({ label: 'Budget', value: '€48,000.00', missing: false });
    expect(fields).toContainEqual({ label: 'Vertrag unterschrieben', value: 'No', missing: false });
    // ContractNumber shows only when the contract is signed.
    expect(fields.map((f: { label: string }) => f.label)).not.toContain('Vertragsnummer');
  });

  it('shows a task’s fields with one InLoox call once the definitions are cached', async () => {
    const task = (await api.listTasks({ search: 'Design mockups', top: 5 })).items.find(
      (t) => t.Name === 'Design mockups',
    )!;
    await h.call('GET', `/tab/api/tasks/${task.TaskItemId}/fields`, { token: 'alice' });
    h.sandbox.requestLog.clear();
    const response = await h.call('GET', `/tab/api/tasks/${task.TaskItemId}/fields?timeZone=UTC`, {
      token: 'alice',
      locale: 'de-DE',
    });
    expect(response.body.sections).toEqual([
      {
        name: 'Aufgabendetails',
        fields: [
          { label: 'Abrechenbar', value: 'Ja', missing: false },
          { label: 'Kategorie', value: 'Design', missing: false },
          { label: 'Ticket-Nr.', value: '311', missing: false },
          { label: 'Kundentermin', value: '–', missing: false },
          { label: 'Stundensatz', value: '95,00 €', missing: false },
        ],
      },
    ]);
    expect(apiCalls().map((e) => e.url.split('?')[0])).toEqual([expect.stringMatching(/DynamicTaskItem\(/)]);
  });

  it('refuses an id that is not a GUID and asks for an identity', async () => {
    const bad = await h.call('GET', '/tab/api/tasks/not-a-guid/fields', { token: 'alice', locale: 'de-DE' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('taskId');
    const anonymous = await h.call('GET', '/tab/api/projects/3fa85f64-5717-4562-b3fc-2c963f66afa6/fields');
    expect(anonymous.status).toBe(401);
  });
});
