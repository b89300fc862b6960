/**
 * The message action remembers which Teams message became which task (ids only, hashed, in the product's database)
 * and, used again on that message, says it is already a task instead of offering a second one.
 */
import { messageCard, type AdaptiveCardJson } from '../../shared/cards';
import { formatDate } from '../../shared/cards/format';
import { t } from '../../shared/cards/strings';
import type { FiledMessage } from '../../shared/filings';
import type { BotDeps, Turn } from '../turn';

/** The message the action was used on: its id within the conversation; undefined when Teams sent none. */
export function teamsMessageOf(turn: Turn, value: unknown): FiledMessage | undefined {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const payload = (record.messagePayload && typeof record.messagePayload === 'object' ? record.messagePayload : {}) as {
    id?: unknown;
  };
  const id = typeof payload.id === 'string' ? payload.id.trim() : '';
  if (!id || id.length > 200) return undefined;
  // A channel thread's conversation id ends in ";messageid=…"; the message id is unique within the channel.
  const conversation = turn.conversationId.split(';')[0] ?? '';
  return { source: 'teams', messageId: `${conversation}|${id}` };
}

/** Markdown of a card text: the task name is text, never a link or emphasis. */
const escapeMarkdown = (text: string) => text.replace(/[\\[\]()*_~`>#]/g, (c) => `\\${c}`);

/**
 * "Already an InLoox task" for a message the person made a task before (one InLoox call for the task's current name
 * and state); undefined when it was not, or the task is gone.
 */
export async function alreadyTaskCard(
  deps: BotDeps,
  turn: Turn,
  value: unknown,
): Promise<AdaptiveCardJson | undefined> {
  const message = teamsMessageOf(turn, value);
  if (!message || !turn.identity || !deps.filings) return undefined;
  const filed = (await deps.filings.lookup(turn.identity, message)).message.filter((f) => f.kind === 'task');
  if (!filed.length) return undefined;
  const api = await deps.connections.apiFor(turn.identity);
  const [task] = await api.getTasksByIds([filed[0]!.id]);
  if (!task) return undefined;
  const locale = turn.ctx.locale;
  return messageCard(turn.ctx, {
    title: t(locale, 'extAlreadyTaskTitle'),
    text: t(locale, 'extAlreadyTaskText', {
      name: escapeMarkdown(task.Name ?? ''),
      link: deps.links.task(task.TaskItemId),
      state: t(locale, task.IsDone ? 'extTaskStateDone' : 'extTaskStateOpen'),
      date: formatDate(filed[0]!.filedAt, turn.ctx),
    }),
    tone: 'good',
  });
}

/** Remembers that the message became the task; no InLoox call. */
export async function rememberTeamsMessage(deps: BotDeps, turn: Turn, value: unknown, taskId: string): Promise<void> {
  const message = teamsMessageOf(turn, value);
  if (!message || !turn.identity || !deps.filings) return;
  await deps.filings.remember(turn.identity, message, { kind: 'task', id: taskId });
}
