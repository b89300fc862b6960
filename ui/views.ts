import { h } from './dom';

export interface MessageViewOptions {
  title: string;
  message?: string;
  /** Label and handler of the one action offered (e.g. "Try again"). */
  action?: { label: string; onClick: () => void };
}

/** A calm, centered "nothing here" view (no item selected, no results). */
export function emptyView({ title, message, action }: MessageViewOptions): HTMLElement {
  return h(
    'section',
    { class: 'fx-state fx-state--empty', role: 'status' },
    h('p', { class: 'fx-state__title' }, title),
    message ? h('p', { class: 'fx-state__text' }, message) : null,
    action ? h('button', { type: 'button', class: 'fx-button', onclick: action.onClick }, action.label) : null,
  );
}

/** A full view for a failure the user cannot fix in place; the message is plain language, never a stack trace. */
export function errorView({ title, message, action }: MessageViewOptions): HTMLElement {
  return h(
    'section',
    { class: 'fx-state fx-state--error', role: 'alert' },
    h('p', { class: 'fx-state__title' }, title),
    message ? h('p', { class: 'fx-state__text' }, message) : null,
    action
      ? h('button', { type: 'button', class: 'fx-button fx-button--primary', onclick: action.onClick }, action.label)
      : null,
  );
}

/** An inline message bar above a form (kept while the user corrects their input). */
export function messageBar(kind: 'error' | 'warning' | 'success' | 'info', text: string): HTMLElement {
  return h(
    'div',
    { class: `fx-message fx-message--${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h(
      'span',
      { class: 'fx-message__icon', 'aria-hidden': 'true' },
      kind === 'error' ? '!' : kind === 'success' ? '✓' : 'i',
    ),
    h('span', { class: 'fx-message__text' }, text),
  );
}

/** An indeterminate progress indicator with an accessible label. */
export function spinner(label: string): HTMLElement {
  return h(
    'div',
    { class: 'fx-spinner', role: 'progressbar', 'aria-label': label, 'aria-busy': 'true' },
    h('span', { class: 'fx-spinner__ring', 'aria-hidden': 'true' }),
    h('span', { class: 'fx-spinner__label' }, label),
  );
}
