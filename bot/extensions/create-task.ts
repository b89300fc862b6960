/** Message action "Create InLoox task": a task form prefilled from a Teams message, in a dialog. */
import { EMPTY_TASK_FORM, LIMITS, messageCard, type AdaptiveCardJson } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { capText } from '../../shared/sanitize';
import { sharedHtmlSanitizer } from '../../shared/sanitize/pool';
import { createTaskFromForm } from '../domains/tasks';
import { loadTaskForm } from '../loaders';
import { runAction } from '../registry';
import type { BotDeps, Turn } from '../turn';
import { errorCard, MissingIdentityError } from '../errors';
import { alreadyTaskCard, rememberTeamsMessage } from './filed-message';
import { cardAttachment, extensionResult, taskModule } from './responses';

export const CREATE_TASK_COMMAND = 'createTask';
/** Sanitized message HTML carried in the form; larger messages keep their plain text only (cards stay < 28 KB). */
const MAX_SOURCE_HTML = 7_000;
const MAX_SOURCE_TEXT = 4_000;

interface MessagePayload {
  body?: { content?: unknown; contentType?: unknown };
  linkToMessage?: unknown;
  subject?: unknown;
}

function payloadOf(value: unknown): MessagePayload {
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const payload = record.messagePayload;
  return (payload && typeof payload === 'object' ? payload : {}) as MessagePayload;
}

/** The form's starting values and hidden source fields for one Teams message. */
export async function prefillFromMessage(payload: MessagePayload, ctx: Turn['ctx']) {
  const content = typeof payload.body?.content === 'string' ? payload.body.content.slice(0, 200_000) : '';
  const isHtml = payload.body?.contentType !== 'text';
  // Off the event loop and time-limited, like the add-in's mail HTML: a message body is whatever the client sent.
  const { html, text } = isHtml
    ? await sharedHtmlSanitizer().teamsMessage(content, ctx.locale, MAX_SOURCE_TEXT)
    : { html: '', text: capText(content, MAX_SOURCE_TEXT) };
  const subject = typeof payload.subject === 'string' ? payload.subject.trim() : '';
  const firstLine = (subject || text.split('\n').find((line) => line.trim()) || '').trim();
  const link =
    typeof payload.linkToMessage === 'string' && /^https:\/\//i.test(payload.linkToMessage)
      ? payload.linkToMessage
      : undefined;
  return {
    values: { ...EMPTY_TASK_FORM, name: capText(firstLine, LIMITS.name), description: text },
    sourceUrl: link,
    sourceHtml: html && html.length <= MAX_SOURCE_HTML ? html : undefined,
    sourceText: text,
  };
}

async function formFor(deps: BotDeps, turn: Turn, payload: MessagePayload): Promise<AdaptiveCardJson> {
  if (!turn.identity) throw new MissingIdentityError();
  const api = await deps.connections.apiFor(turn.identity);
  const prefill = await prefillFromMessage(payload, turn.ctx);
  const card = await loadTaskForm(api, turn.ctx, {
    mode: 'create',
    values: prefill.values,
    sourceUrl: prefill.sourceUrl,
  });
  // The hidden source travels with the submit so the description keeps the message's formatting.
  const actions = card.actions as Record<string, unknown>[];
  const submit = actions[0] as { data?: Record<string, unknown>; fallback?: { data?: Record<string, unknown> } };
  const hidden = { sourceHtml: prefill.sourceHtml, sourceText: prefill.sourceHtml ? prefill.sourceText : undefined };
  submit.data = { ...submit.data, ...hidden };
  if (submit.fallback) submit.fallback.data = { ...submit.fallback.data, ...hidden };
  return card;
}

function failureCard(turn: Turn, error: unknown, deps: BotDeps): AdaptiveCardJson {
  return errorCard(turn.ctx, error, deps.log);
}

/** composeExtension/fetchTask */
export async function fetchCreateTask(deps: BotDeps, turn: Turn, value: unknown) {
  const title = t(turn.ctx.locale, 'extCreateTaskTitle');
  try {
    const already = turn.identity ? await alreadyTaskCard(deps, turn, value) : undefined;
    return taskModule(title, already ?? (await formFor(deps, turn, payloadOf(value))));
  } catch (error) {
    return taskModule(title, failureCard(turn, error, deps));
  }
}

/** composeExtension/submitAction: connect (when the dialog showed the connect card) or create the task. */
export async function submitCreateTask(deps: BotDeps, turn: Turn, value: unknown) {
  const title = t(turn.ctx.locale, 'extCreateTaskTitle');
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const data =
    record.data && typeof record.data === 'object' && !Array.isArray(record.data)
      ? (record.data as Record<string, unknown>)
      : {};
  try {
    if (data.verb === 'connect.submit') {
      const card = await runAction(deps, turn, 'connect.submit', data);
      const status = turn.identity ? await deps.connections.status(turn.identity) : undefined;
      const connected = !!status && !status.needsReconnect;
      return taskModule(title, connected ? await formFor(deps, turn, payloadOf(value)) : card);
    }
    const result = await createTaskFromForm(deps, turn, data);
    if (!result.ok) return taskModule(title, result.card);
    await rememberTeamsMessage(deps, turn, value, result.task.TaskItemId);
    const created = await runAction(deps, turn, 'task.show', { taskId: result.task.TaskItemId });
    return extensionResult([
      cardAttachment(created, { title: result.task.Name ?? '', text: t(turn.ctx.locale, 'taskCreated') }),
    ]);
  } catch (error) {
    return taskModule(title, failureCard(turn, error, deps));
  }
}

export function unknownCommand(turn: Turn) {
  return taskModule(
    t(turn.ctx.locale, 'extCreateTaskTitle'),
    messageCard(turn.ctx, {
      title: t(turn.ctx.locale, 'invalidInputTitle'),
      text: t(turn.ctx.locale, 'unknownAction'),
      tone: 'attention',
    }),
  );
}
