/** What every form of the pane does on send: one primary button, a spinner while busy, the error beside it. */
import { h, mount } from '../../ui/dom';
import type { Translate } from '../../ui/i18n';
import { messageBar, spinner } from '../../ui/views';
import type { MessageKey } from './strings';

export function primarySubmit(label: string): HTMLButtonElement {
  return h('button', { type: 'submit', class: 'fx-button fx-button--primary fx-button--block' }, label);
}

export function openInInLooxLink(t: Translate<MessageKey>, link: string): HTMLElement {
  return h(
    'a',
    { class: 'fx-button fx-button--primary pane-done__open', href: link, target: '_blank', rel: 'noopener noreferrer' },
    t('openInInLoox'),
  );
}

export interface SendOptions<Result> {
  submit: HTMLButtonElement;
  status: HTMLElement;
  busyText: string;
  send: () => Promise<Result>;
  onDone: (result: Result) => void;
  /** Errors the pane handles itself (sign-in, connection); returns true when it did. */
  onFatal: (error: unknown) => boolean;
  /** After the error is shown: e.g. marking the field the server refused. */
  onError?: (error: unknown) => void;
  /** False once the pane shows another item: late answers are dropped. */
  current: () => boolean;
}

export async function sendForm<Result>(options: SendOptions<Result>): Promise<void> {
  const { submit, status } = options;
  submit.disabled = true;
  mount(status, spinner(options.busyText));
  try {
    const result = await options.send();
    if (options.current()) options.onDone(result);
  } catch (error) {
    if (!options.current()) return;
    submit.disabled = false;
    if (options.onFatal(error)) return;
    // Everything entered stays in the form.
    mount(status, messageBar('error', (error as Error).message));
    options.onError?.(error);
  }
}
