/**
 * Calls per action of booking time from Outlook (a mail's time, a meeting as time, the "already booked" hint),
 * measured on the add-in harness of calls-per-action.ts, whose CALL_BUDGET spreads these budgets in.
 */
import type { SandboxRequest } from '../sandbox/server';
import type { AddinHarness } from '../test/addin/harness';

export const OUTLOOK_TIME_CALL_BUDGET: Record<string, { minimum: number; budget?: number; why: string }> = {
  'log time for an email': {
    minimum: 1,
    why: 'POST TimeEntry; the task and its project come from the task picker, and InLoox refuses a task of another project',
  },
  'book a meeting as time': {
    minimum: 1,
    why: 'POST TimeEntry; remembering the meeting (hashed id + start) is our database only',
  },
  'open a meeting never booked': { minimum: 0, why: 'the booking memory is our database: nothing to ask InLoox' },
  'open a meeting already booked': {
    minimum: 1,
    why: 'GET TimeEntry(…) of the last booking: its current name and duration, and whether it still exists (we keep no names)',
  },
};

type Record_ = (action: string, surface: 'Outlook add-in', entries: SandboxRequest[]) => void;

export async function measureOutlookTimeCalls(addin: AddinHarness, record: Record_): Promise<void> {
  const log = addin.sandbox.requestLog;
  const task = (await addin.inlooxApi.listTasks({ open: true, top: 20 })).items.find((t) => t.ProjectId && t.Name)!;
  const booking = { taskId: task.TaskItemId, projectId: task.ProjectId, billable: false };
  const meeting = { id: 'AAMkBenchSeries=', start: '2026-04-01T08:00:00.000Z' };

  log.clear();
  const mail = await addin.call('POST', '/addin/api/time/mail', {
    body: { ...booking, name: 'Offer follow-up', duration: '1.5h', date: '2026-04-01', formId: crypto.randomUUID() },
  });
  if (mail.body?.status !== 'booked') throw new Error(`log time for an email answered ${mail.status}: ${mail.text}`);
  record('log time for an email', 'Outlook add-in', log.entries());

  log.clear();
  const never = await addin.call('POST', '/addin/api/time/appointment/booked', { body: meeting });
  if (never.body?.booked !== null) throw new Error(`meeting lookup answered ${never.status}: ${never.text}`);
  record('open a meeting never booked', 'Outlook add-in', log.entries());

  log.clear();
  const booked = await addin.call('POST', '/addin/api/time/appointment', {
    body: {
      ...booking,
      name: 'Weekly sync',
      startDateTime: meeting.start,
      endDateTime: '2026-04-01T08:45:00.000Z',
      appointment: meeting,
      formId: crypto.randomUUID(),
    },
  });
  if (booked.body?.status !== 'booked') throw new Error(`book a meeting answered ${booked.status}: ${booked.text}`);
  record('book a meeting as time', 'Outlook add-in', log.entries());

  log.clear();
  const again = await addin.call('POST', '/addin/api/time/appointment/booked', { body: meeting });
  if (!again.body?.booked) throw new Error(`meeting lookup answered ${again.status}: ${again.text}`);
  record('open a meeting already booked', 'Outlook add-in', log.entries());
}
