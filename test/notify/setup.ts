/** A bot harness with the notifier on a controllable clock, and ways to assign tasks in the sandbox. */
import { createProactiveSender } from '../../bot/proactive';
import { createNotifier } from '../../server/notifications';
import type { Notifier } from '../../shared/notify/notifier';
import { MemoryJobQueue, type JobQueue } from '../../shared/notify/queue';
import type { NotifyStore } from '../../shared/notify';
import { cardsOf, type BotHarness, type TeamsUser } from '../bot/harness';

export interface Clock {
  now(): number;
  set(at: number | string): void;
  advance(ms: number): void;
}

export function clock(start = Date.now()): Clock {
  let at = start;
  return {
    now: () => at,
    set: (value) => {
      at = typeof value === 'string' ? Date.parse(value) : value;
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

export const INTERVAL_MS = 300_000;

export function notifierFor(
  bot: BotHarness,
  time: Clock,
  options: { queue?: JobQueue; store?: NotifyStore } = {},
): Notifier {
  return createNotifier({
    config: { ...bot.config, notifyIntervalMs: INTERVAL_MS },
    connections: bot.connections,
    store: options.store ?? bot.notify,
    queue: options.queue ?? new MemoryJobQueue(),
    sender: createProactiveSender(bot.config),
    now: time.now,
  });
}

export function account(bot: BotHarness, apiKey: string) {
  const me = bot.sandbox.accounts.find((a) => a.apiKey === apiKey)!;
  const data = bot.sandbox.data(apiKey);
  const colleague = data.raw('Contact').find((c) => c.ContactId !== me.contactId)!;
  const project = data.raw('Project')[0]!;
  return {
    contactId: me.contactId,
    colleagueId: String(colleague.ContactId),
    colleagueName: String(colleague.DisplayName),
    projectId: String(project.ProjectId),
    projectName: String(project.Name),
    /** A task assigned to the key's owner by `assignedBy` (default: the colleague). */
    assign(name: string, end: string | null, assignedBy?: string): string {
      const row = data.create('Task', {
        Name: name,
        ProjectId: project.ProjectId,
        ContactId: me.contactId,
        AssignedByContactId: assignedBy ?? colleague.ContactId,
        EndDateTime: end,
      });
      return String(row.TaskItemId);
    },
    moveDue(taskId: string, end: string): void {
      data.update('Task', taskId, { EndDateTime: end });
    },
  };
}

/** The cards the local connector received in the user's conversation since `from`. */
export function proactiveCards(bot: BotHarness, user: TeamsUser, from = 0): Record<string, unknown>[] {
  return cardsOf(
    bot.connectorLog
      .slice(from)
      .filter((entry) => entry.method === 'POST' && entry.conversationId === `a:${user.objectId}`)
      .map((entry) => entry.activity),
  );
}
