/**
 * The notification settings on the tab's settings page: the same choices as the bot's `notifications` card. The
 * panel loads and saves on its own, so the page around it re-renders without reloading it.
 */
import { h, mount } from '../../../ui/dom';
import type { Locale } from '../../../ui/i18n';
import { messageBar } from '../../../ui/views';
import type { TabNotifications, TabNotifySettings } from '../../api-types';

const TEXT = {
  en: {
    title: 'Notifications in Teams',
    intro: 'What the InLoox bot tells you in your personal chat with it.',
    assignments: 'New tasks assigned to me',
    dueChanges: 'Due date of my tasks moved',
    digest: 'Daily digest of my due tasks',
    digestTime: 'Digest time (your Teams time zone)',
    weekdaysOnly: 'Digest on weekdays only',
    save: 'Save notifications',
    saved: 'Notification settings saved.',
    unavailable: 'Send the InLoox bot a message in Teams once; then it can write to you and you can choose here.',
    failed: 'The notification settings could not be loaded or saved. Please try again.',
  },
  de: {
    title: 'Benachrichtigungen in Teams',
    intro: 'Worüber der InLoox-Bot Sie im persönlichen Chat informiert.',
    assignments: 'Neue Aufgaben, die mir zugewiesen werden',
    dueChanges: 'Fälligkeit meiner Aufgaben verschoben',
    digest: 'Tägliche Übersicht meiner fälligen Aufgaben',
    digestTime: 'Uhrzeit der Übersicht (Ihre Teams-Zeitzone)',
    weekdaysOnly: 'Übersicht nur an Werktagen',
    save: 'Benachrichtigungen speichern',
    saved: 'Benachrichtigungseinstellungen gespeichert.',
    unavailable:
      'Schreiben Sie dem InLoox-Bot in Teams einmal eine Nachricht; dann kann er Ihnen schreiben und Sie können hier wählen.',
    failed:
      'Die Benachrichtigungseinstellungen konnten nicht geladen oder gespeichert werden. Bitte versuchen Sie es erneut.',
  },
} as const;

export interface NotificationsApi {
  notifications(): Promise<TabNotifications>;
  saveNotifications(settings: TabNotifySettings): Promise<TabNotifications>;
}

type Flag = 'assignments' | 'dueChanges' | 'digest' | 'weekdaysOnly';

export function notificationsPanel(api: NotificationsApi, locale: Locale): HTMLElement {
  const text = TEXT[locale];
  const root = h('section', {
    class: 'tab-settings__card fx-card tab-notifications',
    'aria-labelledby': 'tab-notify-title',
  });
  let notice: { kind: 'success' | 'error'; text: string } | undefined;
  let busy = false;

  const render = (state: TabNotifications | undefined) => {
    const header = [
      h('h2', { class: 'tab-section-title', id: 'tab-notify-title' }, text.title),
      notice ? messageBar(notice.kind, notice.text) : null,
    ];
    if (!state) return mount(root, ...header);
    if (!state.available) return mount(root, ...header, h('p', { class: 'tab-text' }, text.unavailable));
    const { settings } = state;
    const toggle = (name: Flag) =>
      h(
        'label',
        { class: 'tab-check' },
        h('input', { type: 'checkbox', name, checked: settings[name], disabled: busy }),
        ` ${text[name]}`,
      );
    const form = h(
      'form',
      {
        class: 'tab-notify-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const data = new FormData(form);
          void save({
            assignments: data.has('assignments'),
            dueChanges: data.has('dueChanges'),
            digest: data.has('digest'),
            weekdaysOnly: data.has('weekdaysOnly'),
            digestTime: String(data.get('digestTime') || settings.digestTime).slice(0, 5),
          });
        },
      },
      toggle('assignments'),
      toggle('dueChanges'),
      toggle('digest'),
      h(
        'div',
        { class: 'fx-field' },
        h('label', { class: 'fx-label', for: 'tab-digest-time' }, text.digestTime),
        h('input', {
          class: 'fx-input',
          id: 'tab-digest-time',
          name: 'digestTime',
          type: 'time',
          required: true,
          value: settings.digestTime,
          disabled: busy,
        }),
      ),
      toggle('weekdaysOnly'),
      h('button', { type: 'submit', class: 'fx-button fx-button--primary', disabled: busy }, text.save),
    );
    mount(root, ...header, h('p', { class: 'tab-text' }, text.intro), form);
  };

  let current: TabNotifications | undefined;
  const save = async (settings: TabNotifySettings) => {
    busy = true;
    notice = undefined;
    render(current);
    try {
      current = await api.saveNotifications(settings);
      notice = current.available ? { kind: 'success', text: text.saved } : undefined;
    } catch {
      notice = { kind: 'error', text: text.failed };
    } finally {
      busy = false;
      render(current);
    }
  };

  render(undefined);
  api.notifications().then(
    (state) => {
      current = state;
      render(current);
    },
    () => {
      notice = { kind: 'error', text: text.failed };
      render(undefined);
    },
  );
  return root;
}
