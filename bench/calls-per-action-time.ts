/** Calls per action of time tracking (timer, booking, log time, my time), measured on the bot harness. */
import type { SandboxRequest } from '../sandbox/server';
import { actionsOf, type BotHarness, type TeamsUser } from '../test/bot/harness';

export const TIME_CALL_BUDGET: Record<string, { minimum: number; budget?: number; why: string }> = {
  'start timer': {
    minimum: 2,
    why: 'GET UserStopwatch (is another timer running? only one runs per person) + POST Task(…)/StartStopwatch, whose answer names task and project for the timer card',
  },
  'stop timer and book': {
    minimum: 4,
    why: 'Stop: POST PauseStopwatch (freezes the time, answers the stopwatch) + GET Task (billable default); Book: POST StopStopwatch + POST TimeEntry',
  },
  'log time': {
    minimum: 2,
    why: 'one Task search for the name typed (it names the project and the billable default) + POST TimeEntry',
  },
  'my time': {
    minimum: 2,
    why: "one TimeEntry query (my entries of the week; the contact id comes from the stored connection) + the entries' project names in one Project query",
  },
};

type RecordCalls = (action: string, surface: 'Teams bot', entries: SandboxRequest[]) => void;

export async function measureTimeCalls(bot: BotHarness, user: TeamsUser, record: RecordCalls): Promise<void> {
  const log = bot.sandbox.requestLog;
  const inloox = await bot.connections.apiFor(user);
  const task = (await inloox.myTasks({ top: 20 })).items.find((t) => t.ProjectId && t.Name)!;

  log.clear();
  await bot.execute('timer.start', { taskId: task.TaskItemId }, { user });
  record('start timer', 'Teams bot', log.entries());

  log.clear();
  const form = await bot.execute('timer.stop', { taskId: task.TaskItemId }, { user });
  const book = actionsOf(form).find((action) => action.verb === 'timer.book');
  if (!book) throw new Error('the booking form has no Book action');
  const booked = await bot.execute('timer.book', { ...book.data, name: task.Name, duration: '15m' }, { user });
  if (!JSON.stringify(booked).includes('0:15')) throw new Error('stop and book did not book');
  record('stop timer and book', 'Teams bot', log.entries());

  log.clear();
  await bot.message(`log 1.5h ${task.Name!} benchmark`, { user });
  record('log time', 'Teams bot', log.entries());

  log.clear();
  await bot.message('my time', { user });
  record('my time', 'Teams bot', log.entries());
}
