/** Calls per action of the tab's custom field details, measured on the tab harness over HTTP. */
import type { SandboxRequest } from '../sandbox/server';
import { ALICE, startTabHarness } from '../test/tab/harness';

export const TAB_FIELD_CALL_BUDGET: Record<string, { minimum: number; budget?: number; why: string }> = {
  'tab project details with custom fields': {
    minimum: 1,
    why: 'one DynamicProject read with $select of the custom columns; the definitions come from the key’s 5-minute cache',
  },
};

type RecordCalls = (action: string, surface: 'Teams tab', entries: SandboxRequest[]) => void;

export async function measureTabFieldCalls(record: RecordCalls): Promise<void> {
  const tab = await startTabHarness();
  try {
    await tab.services.connections.connect(ALICE, tab.sandbox.accounts[0]!.apiKey);
    const api = await tab.services.connections.apiFor(ALICE);
    const project = (await api.findProject('Website Relaunch'))!;
    const url = `/tab/api/projects/${project.ProjectId}/fields?timeZone=Europe%2FBerlin`;
    const warm = await tab.call('GET', url, { token: 'alice' });
    if (warm.status !== 200 || !warm.body?.sections?.length) throw new Error(`tab fields answered ${warm.status}`);
    tab.sandbox.requestLog.clear();
    await tab.call('GET', url, { token: 'alice' });
    record('tab project details with custom fields', 'Teams tab', tab.sandbox.requestLog.entries());
  } finally {
    await tab.close();
  }
}
