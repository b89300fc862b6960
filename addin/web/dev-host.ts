/**
 * The local Outlook host page (/dev/outlook): a mail list, a reading pane and the real task pane in a frame,
 * which runs on the Office.js stub (office-stub.ts) fed through window.devOutlook. Clicking a mail switches the
 * item and fires ItemChanged, like a pinned pane in Outlook.
 */
import { formatDateTime } from '../../ui/dates';
import { h, mount } from '../../ui/dom';
import { toLocale } from '../../ui/i18n';
import { applyTheme } from '../../ui/theme';
import { DEV_THEMES, type DevMail, type DevOutlookBridge, type DevTheme } from '../dev-mail';

const params = new URLSearchParams(location.search);
const listeners: Array<() => void> = [];
const themeListeners: Array<() => void> = [];
let mails: DevMail[] = [];
let current: DevMail | undefined;

const bridge: DevOutlookBridge = {
  current: () => current,
  onSelectionChanged: (listener) => void listeners.push(listener),
  onThemeChanged: (listener) => void themeListeners.push(listener),
  displayLanguage: params.get('lang') === 'de' ? 'de-DE' : 'en-US',
  theme: params.get('theme') === 'dark' ? 'dark' : 'light',
};
(window as unknown as { devOutlook: DevOutlookBridge }).devOutlook = bridge;

const list = h('ul', { class: 'host-list', role: 'listbox', 'aria-label': 'Inbox' });
const reading = h('section', { class: 'host-reading', 'aria-label': 'Reading pane' });
const pane = h('iframe', {
  class: 'host-pane',
  title: 'InLoox task pane',
  src: '/addin/taskpane.html?officeStub=1',
});

function updateQuery(): void {
  const query = new URLSearchParams();
  if (bridge.displayLanguage.startsWith('de')) query.set('lang', 'de');
  if (bridge.theme === 'dark') query.set('theme', 'dark');
  if (current) query.set('mail', current.id);
  history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
}

function renderReading(): void {
  if (!current) {
    mount(reading, h('p', { class: 'host-reading__empty' }, 'Select a mail.'));
    return;
  }
  const locale = toLocale(bridge.displayLanguage);
  const names = (list: { name: string; email: string }[]) => list.map((a) => `${a.name} <${a.email}>`).join('; ');
  const body = current.body
    ? current.bodyType === 'html'
      ? // No scripts, no same origin: hostile samples stay inert here; what the add-in does with them is the point.
        h('iframe', { class: 'host-reading__body', sandbox: '', title: 'Mail body', srcdoc: current.body })
      : h('pre', { class: 'host-reading__text' }, current.body)
    : h('p', { class: 'host-reading__empty' }, '(This mail has no body.)');
  mount(
    reading,
    h('h1', { class: 'host-reading__subject' }, current.subject || '(no subject)'),
    h('p', { class: 'host-reading__meta' }, `${current.from.name} <${current.from.email}>`),
    h('p', { class: 'host-reading__meta' }, `To: ${names(current.to)}`),
    current.cc.length ? h('p', { class: 'host-reading__meta' }, `Cc: ${names(current.cc)}`) : null,
    h('p', { class: 'host-reading__meta' }, formatDateTime(current.date, locale)),
    current.attachments.filter((a) => !a.isInline).length
      ? h(
          'p',
          { class: 'host-reading__meta' },
          `Attachments: ${current.attachments
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
        h('span', { class: 'host-mail__subject' }, mail.subject || '(no subject)'),
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

function reloadPane(): void {
  listeners.length = 0;
  themeListeners.length = 0;
  pane.src = '/addin/taskpane.html?officeStub=1';
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
    h('span', { class: 'host-toolbar__title' }, 'Outlook (local host page)'),
    h('span', { class: 'host-toolbar__spacer' }),
    select_(
      'Office display language',
      [
        ['en-US', 'English'],
        ['de-DE', 'Deutsch'],
      ],
      bridge.displayLanguage,
      (value) => {
        bridge.displayLanguage = value;
        renderList();
        renderReading();
        updateQuery();
        reloadPane();
      },
    ),
    select_(
      'Office theme',
      [
        ['light', 'Light theme'],
        ['dark', 'Dark theme'],
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
  current = mails.find((m) => m.id === params.get('mail')) ?? mails[0];
  mount(
    root,
    toolbar(),
    h(
      'div',
      { class: 'host-main' },
      h('nav', { class: 'host-inbox', 'aria-label': 'Inbox' }, h('h2', { class: 'host-inbox__title' }, 'Inbox'), list),
      reading,
      h('aside', { class: 'host-addin', 'aria-label': 'Add-in' }, pane),
    ),
  );
  renderList();
  renderReading();
}

void start();
