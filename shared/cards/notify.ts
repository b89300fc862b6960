/** Proactive notification cards: new assignments (grouped), due dates moved, the daily digest, and the settings. */
import type { Banner } from './common';
import { truncate, type CardContext } from './format';
import { messageCard } from './message';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { t } from './strings';
import assignedTemplate from './templates/notify-assigned.json';
import digestTemplate from './templates/notify-digest.json';
import dueMovedTemplate from './templates/notify-due-moved.json';
import settingsTemplate from './templates/notify-settings.json';
import type { Verb } from './verbs';

/** Most tasks one notification card lists (keeps it far below Teams' 28 KB); the rest are counted. */
export const NOTIFY_CARD_ITEMS = 10;

export interface AssignedItem {
  taskId: string;
  name: string;
  project: string;
  /** Formatted due date, or '' */
  due: string;
  assignedBy: string;
  url: string;
}

export interface DueMovedItem {
  taskId: string;
  name: string;
  /** Formatted dates, '' for none. */
  from: string;
  to: string;
  url: string;
}

export interface DigestItem {
  taskId: string;
  name: string;
  due: string;
  project: string;
}

export interface DigestInput {
  overdue: DigestItem[];
  today: DigestItem[];
  thisWeek: DigestItem[];
}

/** Verb and data of a "Start timer" button, when time tracking offers one. */
export interface TimerAction {
  verb: Verb;
  data: (taskId: string) => Record<string, unknown>;
}

const more = (ctx: CardContext, total: number) =>
  total > NOTIFY_CARD_ITEMS ? t(ctx.locale, 'notifyMore', { count: total - NOTIFY_CARD_ITEMS }) : '';

const done = (ctx: CardContext, taskId: string): CardAction => ({
  title: t(ctx.locale, 'notifyDone'),
  verb: 'task.complete',
  data: { taskId },
});

export function assignmentCard(ctx: CardContext, items: AssignedItem[], timer?: TimerAction): AdaptiveCardJson {
  const none = t(ctx.locale, 'none');
  const shown = items.slice(0, NOTIFY_CARD_ITEMS).map((item) => ({
    name: truncate(item.name || none, 200),
    project: truncate(item.project || none, 150),
    due: item.due || t(ctx.locale, 'notifyNoDate'),
    assignedBy: truncate(item.assignedBy || none, 100),
    url: item.url,
    actions: [
      done(ctx, item.taskId),
      ...(timer ? [{ title: t(ctx.locale, 'notifyStartTimer'), verb: timer.verb, data: timer.data(item.taskId) }] : []),
    ],
  }));
  const title =
    items.length === 1
      ? t(ctx.locale, 'notifyAssignedOne')
      : t(ctx.locale, 'notifyAssignedMany', { count: items.length });
  return renderCard(assignedTemplate, { title, items: shown, more: more(ctx, items.length) }, ctx);
}

export function dueMovedCard(ctx: CardContext, items: DueMovedItem[]): AdaptiveCardJson {
  const noDate = t(ctx.locale, 'notifyNoDate');
  const shown = items.slice(0, NOTIFY_CARD_ITEMS).map((item) => ({
    name: truncate(item.name || t(ctx.locale, 'none'), 200),
    change: t(ctx.locale, 'notifyDueMovedLine', { from: item.from || noDate, to: item.to || noDate }),
    url: item.url,
  }));
  return renderCard(dueMovedTemplate, { items: shown, more: more(ctx, items.length) }, ctx);
}

/** The digest, or undefined when there is nothing to say. */
export function digestCard(ctx: CardContext, input: DigestInput): AdaptiveCardJson | undefined {
  const total = input.overdue.length + input.today.length + input.thisWeek.length;
  if (total === 0) return undefined;
  let budget = NOTIFY_CARD_ITEMS;
  const section = (
    key: 'notifyOverdue' | 'notifyDueToday' | 'notifyDueThisWeek',
    color: string,
    list: DigestItem[],
  ) => {
    const items = list.slice(0, Math.max(0, budget)).map((item) => ({
      name: truncate(item.name || t(ctx.locale, 'none'), 200),
      detail: [item.due, item.project].filter(Boolean).join(' · '),
      actions: [done(ctx, item.taskId)],
    }));
    budget -= items.length;
    return { title: `${t(ctx.locale, key)} (${list.length})`, color, items };
  };
  const sections = [
    section('notifyOverdue', 'Attention', input.overdue),
    section('notifyDueToday', 'Warning', input.today),
    section('notifyDueThisWeek', 'Default', input.thisWeek),
  ].filter((s) => s.items.length > 0);
  return renderCard(digestTemplate, { sections, more: more(ctx, total) }, ctx);
}

export function reconnectNoticeCard(ctx: CardContext): AdaptiveCardJson {
  return messageCard(ctx, {
    title: t(ctx.locale, 'notifyReconnectTitle'),
    text: t(ctx.locale, 'notifyReconnectText'),
    tone: 'warning',
    actions: [{ title: t(ctx.locale, 'actionConnect'), verb: 'connect.show', data: {} }],
  });
}

export interface NotifySettingsView {
  assignments: boolean;
  dueChanges: boolean;
  digest: boolean;
  digestTime: string;
  weekdaysOnly: boolean;
}

export function notifySettingsCard(ctx: CardContext, settings: NotifySettingsView, banner?: Banner): AdaptiveCardJson {
  const flag = (value: boolean) => (value ? 'true' : 'false');
  return renderCard(
    settingsTemplate,
    {
      banner: banner?.text ?? '',
      bannerStyle: banner?.tone ?? 'default',
      assignments: flag(settings.assignments),
      dueChanges: flag(settings.dueChanges),
      digest: flag(settings.digest),
      digestTime: settings.digestTime,
      weekdaysOnly: flag(settings.weekdaysOnly),
    },
    ctx,
  );
}
