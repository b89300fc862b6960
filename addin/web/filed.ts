/**
 * "Already in InLoox": what the open mail (or its conversation) was filed to, with the tasks' current state, and
 * "Add to this task" instead of a new one. A mail without internetMessageId is never looked up, so the pane says
 * nothing it cannot know.
 */
import { formatDate } from '../../ui/dates';
import { h, mount } from '../../ui/dom';
import type { Locale, Translate } from '../../ui/i18n';
import { messageBar, spinner } from '../../ui/views';
import type { FiledResponse, FiledTarget, MailRef } from '../contract-filings';
import type { AddinApi } from './api-client';
import type { MailItem } from './office';
import type { MessageKey } from './strings';

/** The ids the product remembers a mail by; undefined when the mail has no internetMessageId. */
export function mailRefOf(item: MailItem): MailRef | undefined {
  if (!item.internetMessageId) return undefined;
  return {
    internetMessageId: item.internetMessageId,
    ...(item.conversationId ? { conversationId: item.conversationId } : {}),
  };
}

/** What the mail was filed to; nothing (and no request) without an id, nothing when the lookup fails. */
export async function loadFiled(api: AddinApi, item: MailItem): Promise<FiledResponse | undefined> {
  const mail = mailRefOf(item);
  if (!mail) return undefined;
  try {
    const filed = await api.filed(mail);
    return filed.message.length || filed.conversation.length ? filed : undefined;
  } catch {
    // The hint is extra: not connected is handled by the form's own calls, any other failure only costs the hint.
    return undefined;
  }
}

export interface FiledBannerOptions {
  t: Translate<MessageKey>;
  locale: Locale;
  /** Adds the mail to the task; rejects with what went wrong (shown in the banner). */
  onAdd: (target: FiledTarget) => Promise<void>;
}

function targetLink(target: FiledTarget): HTMLElement {
  return h(
    'a',
    { href: target.link, target: '_blank', rel: 'noopener noreferrer', class: 'pane-filed__link' },
    target.name,
  );
}

export function filedBanner(filed: FiledResponse, options: FiledBannerOptions): HTMLElement {
  const { t, locale } = options;
  const status = h('div', { class: 'pane-filed__status', 'aria-live': 'polite' });
  const item = (target: FiledTarget) => {
    const state =
      target.kind === 'task'
        ? h(
            'span',
            { class: `pane-filed__state pane-filed__state--${target.done ? 'done' : 'open'}` },
            target.done ? t('statusDone') : t('statusOpen'),
          )
        : null;
    const add =
      target.kind === 'task'
        ? h(
            'button',
            {
              type: 'button',
              class: 'fx-button fx-button--primary pane-filed__add',
              'data-task-id': target.id,
              onclick: async (event: Event) => {
                const button = event.currentTarget as HTMLButtonElement;
                button.disabled = true;
                mount(status, spinner(t('addingNote')));
                try {
                  await options.onAdd(target);
                } catch (error) {
                  button.disabled = false;
                  mount(status, messageBar('error', (error as Error).message));
                }
              },
            },
            t('addToThisTask'),
          )
        : null;
    return h(
      'li',
      { class: 'pane-filed__item', 'data-kind': target.kind },
      h('span', { class: 'pane-filed__kind' }, target.kind === 'task' ? t('filedTask') : t('filedProject')),
      targetLink(target),
      state,
      h('span', { class: 'pane-filed__when' }, t('filedOn', { date: formatDate(target.filedAt, locale) })),
      add,
    );
  };
  const conversationTasks = filed.conversation.filter((target) => target.kind === 'task');
  const conversationProjects = filed.conversation.filter((target) => target.kind === 'project');
  const joined = (list: FiledTarget[]) =>
    list.flatMap((target, index) => (index ? [', ', targetLink(target)] : [targetLink(target)]));
  const conversationLine = (text: string, list: FiledTarget[]) => {
    const [before, after] = text.split('{names}');
    return h('p', { class: 'pane-filed__conversation' }, before ?? '', ...joined(list), after ?? '');
  };
  return h(
    'section',
    { class: 'pane-filed', 'aria-label': filed.message.length ? t('alreadyTitle') : undefined },
    ...(filed.message.length
      ? [
          h('h2', { class: 'pane-filed__title' }, t('alreadyTitle')),
          h('p', { class: 'pane-text' }, t('alreadyText')),
          h('ul', { class: 'pane-filed__list' }, ...filed.message.map(item)),
        ]
      : []),
    conversationTasks.length ? conversationLine(t('conversationText'), conversationTasks) : null,
    conversationProjects.length ? conversationLine(t('conversationProjectText'), conversationProjects) : null,
    // In a conversation that has a task but this mail not: adding to that task is offered too.
    !filed.message.length && conversationTasks.length
      ? h('ul', { class: 'pane-filed__list' }, ...conversationTasks.map(item))
      : null,
    status,
  );
}
