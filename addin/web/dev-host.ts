/**
 * The local Outlook host page (/dev/outlook): a mail list, a reading pane and the real task pane in a frame,
 * which runs on the Office.js stub (office-stub.ts) fed through window.devOutlook. Clicking a mail switches the
 * item and fires ItemChanged, like a pinned pane in Outlook.
 */
import { formatDateTime } from '../../ui/dates';
import { h, mount } from '../../ui/dom';
import { toLocale } from '../../ui/i18n';
import { applyTheme } from '../../ui/theme';
import { DEV_THEMES, type DevMail, type DevNotification, type DevOutlookBridge, type DevTheme } from '../dev-mail';

const params = new URLSearchParams(location.search);

const TEXT = {
  en: {
    title: 'Outlook (local host page)',
    inbox: 'Inbox',
    readingPane: 'Reading pane',
    addin: 'Add-in',
    taskPane: 'InLoox task pane',
    mailBody: 'Mail body',
    select: 'Select a mail.',
    noBody: '(This mail has no body.)',
    noSubject: '(no subject)',
    to: 'To',
    cc: 'Cc',
    attachments: 'Attachments',
    language: 'Office display language',
    theme: 'Office theme',
    light: 'Light theme',
    dark: 'Dark theme',
    quickTask: 'Quick task (InLoox)',
    when: 'When',
    where: 'Where',
    organizer: 'Organizer',
    attendees: 'Attendees',
  },
  de: {
    title: 'Outlook (lokale Testseite)',
    inbox: 'Posteingang',
    readingPane: 'Lesebereich',
    addin: 'Add-in',
    taskPane: 'InLoox-Aufgabenbereich',
    mailBody: 'Nachrichtentext',
    select: 'Wählen Sie eine E-Mail aus.',
    noBody: '(Diese E-Mail hat keinen Text.)',
    noSubject: '(kein Betreff)',
    to: 'An',
    cc: 'Cc',
    attachments: 'Anhänge',
    language: 'Anzeigesprache von Office',
    theme: 'Office-Design',
    light: 'Helles Design',
    dark: 'Dunkles Design',
    quickTask: 'Schnellaufgabe (InLoox)',
    when: 'Wann',
    where: 'Ort',
    organizer: 'Organisator',
    attendees: 'Teilnehmende',
  },
} as const;
const listeners: Array<() => void> = [];
const themeListeners: Array<() => void> = [];
/** Function commands the function file registered, and the notification messages shown per mail. */
const actions = new Map<string, (event: { completed(options?: unknown): void }) => unknown>();
const notifications = new Map<string, DevNotification>();
let mails: DevMail[] = [];
let current: DevMail | undefined;

const bridge: DevOutlookBridge = {
  current: () => current,
  onSelectionChanged: (listener) => void listeners.push(listener),
  onThemeChanged: (listener) => void themeListeners.push(listener),
  displayLanguage: params.get('lang') === 'de' ? 'de-DE' : 'en-US',
  theme: params.get('theme') === 'dark' ? 'dark' : 'light',
  associate: (name, handler) => void actions.set(name, handler),
  notify: (mailId, notification) => {
    notifications.set(mailId, notification);
    if (current?.id === mailId) renderReading();
  },
};
(window as unknown as { devOutlook: DevOutlookBridge }).devOutlook = bridge;

const text = TEXT[toLocale(bridge.displayLanguage)];
document.documentElement.lang = toLocale(bridge.displayLanguage);

const list = h('ul', { class: 'host-list', role: 'listbox', 'aria-label': text.inbox });
const reading = h('section', { class: 'host-reading', 'aria-label': text.readingPane });
const pane = h('iframe', {
  class: 'host-pane',
  title: text.taskPane,
  src: '/addin/taskpane.html?officeStub=1',
});
// Outlook loads the function file in a hidden runtime; here, a hidden frame on the same stub.
const functionFile = h('iframe', {
  class: 'host-function-file',
  title: 'InLoox function file',
  hidden: true,
  src: '/addin/commands.html?officeStub=1',
});
let commandsRunning = 0;

function updateQuery(): void {
  const query = new URLSearchParams();
  if (bridge.displayLanguage.startsWith('de')) query.set('lang', 'de');
  if (bridge.theme === 'dark') query.set('theme', 'dark');
  if (current) query.set(current.itemType === 'appointment' ? 'appointment' : 'mail', current.id);
  history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
}

/**
 * The mail as Outlook's reading pane shows it: inline pictures (cid:) from the mail's own attachments, other
 * pictures not downloaded (Outlook's default; the page's CSP would block them anyway).
 */
function readingPaneHtml(mail: DevMail): string {
  const doc = new DOMParser().parseFromString(mail.body, 'text/html');
  for (const img of doc.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (src.startsWith('data:')) continue;
    const inline = src.startsWith('cid:')
      ? mail.attachments.find((a) => a.isInline && a.contentId === src.slice(4) && a.base64)
      : undefined;
    if (inline) img.setAttribute('src', `data:${inline.contentType};base64,${inline.base64}`);
    else img.removeAttribute('src');
  }
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

function mailMeta(mail: DevMail): (HTMLElement | null)[] {
  const names = (list: { name: string; email: string }[]) => list.map((a) => `${a.name} <${a.email}>`).join('; ');
  return [
    h('p', { class: 'host-reading__meta' }, `${mail.from.name} <${mail.from.email}>`),
    h('p', { class: 'host-reading__meta' }, `${text.to}: ${names(mail.to)}`),
    mail.cc.length ? h('p', { class: 'host-reading__meta' }, `${text.cc}: ${names(mail.cc)}`) : null,
    h('p', { class: 'host-reading__meta' }, formatDateTime(mail.date, toLocale(bridge.displayLanguage))),
  ];
}

/** Like Outlook's calendar reading pane: when, where, who organizes, who attends. */
function appointmentMeta(appointment: DevMail): (HTMLElement | null)[] {
  const locale = toLocale(bridge.displayLanguage);
  const end = appointment.end ? ` – ${formatDateTime(appointment.end, locale)}` : '';
  return [
    h('p', { class: 'host-reading__meta' }, `${text.when}: ${formatDateTime(appointment.date, locale)}${end}`),
    appointment.location ? h('p', { class: 'host-reading__meta' }, `${text.where}: ${appointment.location}`) : null,
    h('p', { class: 'host-reading__meta' }, `${text.organizer}: ${appointment.from.name}`),
    h('p', { class: 'host-reading__meta' }, `${text.attendees}: ${appointment.to.map((a) => a.name).join('; ')}`),
  ];
}

function renderReading(): void {
  if (!current) {
    mount(reading, h('p', { class: 'host-reading__empty' }, text.select));
    return;
  }
  const body = current.body
    ? current.bodyType === 'html'
      ? // No scripts, no same origin: hostile samples stay inert here; what the add-in does with them is the point.
        h('iframe', {
          class: 'host-reading__body',
          sandbox: '',
          title: text.mailBody,
          srcdoc: readingPaneHtml(current),
        })
      : h('pre', { class: 'host-reading__text' }, current.body)
    : h('p', { class: 'host-reading__empty' }, text.noBody);
  const notice = notifications.get(current.id);
  mount(
    reading,
    notice
      ? h(
          'div',
          {
            class: `host-notification host-notification--${notice.type === 'errorMessage' ? 'error' : 'info'}`,
            role: 'status',
            'data-type': notice.type,
          },
          notice.message,
        )
      : null,
    h('h1', { class: 'host-reading__subject' }, current.subject || text.noSubject),
    ...(current.itemType === 'appointment' ? appointmentMeta(current) : mailMeta(current)),
    current.attachments.filter((a) => !a.isInline).length
      ? h(
          'p',
          { class: 'host-reading__meta' },
          `${text.attachments}: ${current.attachments
            .filter((a) => !a.isInline)
            .map((a) => a.name)
            .join(', ')}`,
        )
      : null,
    body,
  );
}

function renderList(): void {
  const locale = toLocale(bridge.displayLanguage);
  mount(
    list,
    ...mails.map((mail) =>
      h(
        'li',
        {
          class: 'host-mail',
          role: 'option',
          tabindex: mail === current ? '0' : '-1',
          'aria-selected': String(mail === current),
          'data-mail-id': mail.id,
          onclick: () => select(mail),
          onkeydown: (event: KeyboardEvent) => {
            const index = mails.indexOf(mail);
            const next =
              event.key === 'ArrowDown' ? mails[index + 1] : event.key === 'ArrowUp' ? mails[index - 1] : undefined;
            if (next) {
              event.preventDefault();
              select(next);
              list.querySelector<HTMLElement>(`[data-mail-id="${next.id}"]`)?.focus();
            }
          },
        },
        h('span', { class: 'host-mail__from' }, mail.from.name),
        h('span', { class: 'host-mail__subject' }, mail.subject || text.noSubject),
        h('span', { class: 'host-mail__kind' }, `${mail.kind} · ${formatDateTime(mail.date, locale)}`),
      ),
    ),
  );
}

function select(mail: DevMail | undefined): void {
  if (mail === current) return;
  current = mail;
  renderList();
  renderReading();
  updateQuery();
  for (const listener of listeners) listener();
}

function select_(label: string, options: [string, string][], value: string, onChange: (value: string) => void) {
  const element = h(
    'select',
    { class: 'fx-select host-toolbar__select', 'aria-label': label, onchange: () => onChange(element.value) },
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  return element;
}

function toolbar(): HTMLElement {
  return h(
    'header',
    { class: 'host-toolbar' },
    h('span', { class: 'host-toolbar__title' }, text.title),
    h(
      'button',
      {
        type: 'button',
        class: 'fx-button host-toolbar__command',
        'data-running': '0',
        onclick: (event: Event) => {
          // Like Outlook's ExecuteFunction: the handler gets an event and must call completed().
          const button = event.currentTarget as HTMLButtonElement;
          const handler = actions.get('quickTask');
          if (!handler || !current) return;
          button.dataset.running = String(++commandsRunning);
          handler({
            completed: () => {
              button.dataset.running = String(--commandsRunning);
              button.dataset.completed = String(Number(button.dataset.completed ?? 0) + 1);
            },
          });
        },
      },
      text.quickTask,
    ),
    h('span', { class: 'host-toolbar__spacer' }),
    select_(
      text.language,
      [
        ['en-US', 'English'],
        ['de-DE', 'Deutsch'],
      ],
      bridge.displayLanguage,
      (value) => {
        // Office restarts add-ins when its language changes; the host page reloads in the new language too.
        bridge.displayLanguage = value;
        updateQuery();
        location.reload();
      },
    ),
    select_(
      text.theme,
      [
        ['light', text.light],
        ['dark', text.dark],
      ],
      bridge.theme,
      (value) => {
        bridge.theme = value as DevTheme;
        applyTheme(document.documentElement, DEV_THEMES[bridge.theme]);
        updateQuery();
        // Like Office: the pane hears OfficeThemeChanged and switches without reloading.
        for (const listener of themeListeners) listener();
      },
    ),
  );
}

async function start(): Promise<void> {
  applyTheme(document.documentElement, DEV_THEMES[bridge.theme]);
  const root = document.getElementById('host')!;
  const response = await fetch('/dev/outlook/mails.json', { headers: { Accept: 'application/json' } });
  mails = ((await response.json()) as { mails: DevMail[] }).mails;
  const wanted = params.get('appointment') ?? params.get('mail');
  current = mails.find((m) => m.id === wanted) ?? mails[0];
  mount(
    root,
    toolbar(),
    h(
      'div',
      { class: 'host-main' },
      h(
        'nav',
        { class: 'host-inbox', 'aria-label': text.inbox },
        h('h2', { class: 'host-inbox__title' }, text.inbox),
        list,
      ),
      reading,
      h('aside', { class: 'host-addin', 'aria-label': text.addin }, pane),
    ),
    functionFile,
  );
  renderList();
  renderReading();
}

void start();
