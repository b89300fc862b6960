/** Short titled messages and the yes/no confirmation before something is deleted or archived. */
import type { Choice, Tone } from './common';
import { truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import confirmTemplate from './templates/confirm.json';
import messageTemplate from './templates/message.json';
import type { Verb } from './verbs';

export interface MessageCardInput {
  title: string;
  text?: string;
  tone?: Tone;
  facts?: Choice[];
  actions?: CardAction[];
}

interface MessageTemplateData {
  title: string;
  text: string;
  style: Tone;
  facts: Choice[];
  actions: CardAction[];
}

/** A short titled message: confirmations, errors, notices. */
export function messageCard(ctx: CardContext, input: MessageCardInput): AdaptiveCardJson {
  const data: MessageTemplateData = {
    title: input.title,
    text: input.text ?? '',
    style: input.tone ?? 'default',
    facts: input.facts ?? [],
    actions: input.actions ?? [],
  };
  return renderCard(messageTemplate, data, ctx);
}

export type ConfirmKind = 'deleteTask' | 'deleteProject' | 'archiveProject';

interface ConfirmTemplateData {
  title: string;
  text: string;
  confirmTitle: string;
  confirmVerb: Verb;
  cancelVerb: Verb;
  data: { taskId: string } | { projectId: string };
}

export function confirmCard(
  ctx: CardContext,
  kind: ConfirmKind,
  target: { id: string; name: string },
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const name = truncate(target.name, 120);
  const specs: Record<ConfirmKind, ConfirmTemplateData> = {
    deleteTask: {
      title: s.confirmDeleteTaskTitle,
      text: t(ctx.locale, 'confirmDeleteTaskText', { name }),
      confirmTitle: s.actionConfirmDelete,
      confirmVerb: 'task.delete.confirm',
      cancelVerb: 'task.show',
      data: { taskId: target.id },
    },
    deleteProject: {
      title: s.confirmDeleteProjectTitle,
      text: t(ctx.locale, 'confirmDeleteProjectText', { name }),
      confirmTitle: s.actionConfirmDelete,
      confirmVerb: 'project.delete.confirm',
      cancelVerb: 'project.show',
      data: { projectId: target.id },
    },
    archiveProject: {
      title: s.confirmArchiveProjectTitle,
      text: t(ctx.locale, 'confirmArchiveProjectText', { name }),
      confirmTitle: s.actionConfirmArchive,
      confirmVerb: 'project.archive.confirm',
      cancelVerb: 'project.show',
      data: { projectId: target.id },
    },
  };
  return renderCard(confirmTemplate, specs[kind], ctx);
}
