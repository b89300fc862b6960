/** Calls per action of the add-in task form's custom fields, measured on the add-in harness over HTTP. */
import type { SandboxRequest } from '../sandbox/server';
import type { AddinHarness } from '../test/addin/harness';

export const ADDIN_FIELD_CALL_BUDGET: Record<string, { minimum: number; budget?: number; why: string }> = {
  'add-in task form fields (definitions cached)': {
    minimum: 0,
    why: "the definitions come from the key's 5-minute cache (3 reads when it is cold, as 'load custom field definitions')",
  },
  'email to task with custom fields': {
    minimum: 2,
    why: 'POST Task + one CustomField/BatchUpdate with the filled-in fields; they are checked against the cached definitions before any call',
  },
};

type RecordCalls = (action: string, surface: 'Outlook add-in', entries: SandboxRequest[]) => void;

export async function measureAddinFieldCalls(
  addin: AddinHarness,
  projectId: string,
  record: RecordCalls,
): Promise<void> {
  const log = addin.sandbox.requestLog;
  const warm = await addin.call('GET', '/addin/api/custom-fields/task');
  if (warm.status !== 200 || !warm.body?.fields?.length) throw new Error(`task fields answered ${warm.status}`);
  log.clear();
  await addin.call('GET', '/addin/api/custom-fields/task');
  record('add-in task form fields (definitions cached)', 'Outlook add-in', log.entries());

  log.clear();
  const created = await addin.call('POST', '/addin/api/tasks', {
    body: {
      name: 'Offer with fields',
      projectId,
      startDateTime: '2026-04-01T06:00:00.000Z',
      endDateTime: '2026-04-01T15:00:00.000Z',
      workAmount: 1,
      descriptionHtml: '<p>Please send the offer.</p>',
      customFields: {
        cf_Category: warm.body.fields.find((f: { column: string }) => f.column === 'Category').choices[0],
        cf_TicketNumber: '42',
      },
    },
  });
  if (created.status !== 200 || created.body.fieldsNotSaved)
    throw new Error(`email to task with custom fields answered ${created.status}: ${created.text}`);
  record('email to task with custom fields', 'Outlook add-in', log.entries());
}
