/** A form that finds one item by search and sends the mail to it: the "Add to task" and "Add to project" modes. */
import { createCombobox, type ComboOption } from '../../ui/combobox';
import { h, mount } from '../../ui/dom';
import type { Translate } from '../../ui/i18n';
import { messageBar, spinner } from '../../ui/views';
import type { MessageKey } from './strings';

export interface PickAndSendOptions<Result> {
  t: Translate<MessageKey>;
  /** Where progress and errors show (the pane's form status). */
  status: HTMLElement;
  field: { id: string; label: MessageKey; placeholder: MessageKey; noResults: MessageKey };
  search: (text: string, signal: AbortSignal) => Promise<ComboOption[]>;
  submitLabel: MessageKey;
  busyLabel: MessageKey;
  send: (chosen: ComboOption) => Promise<Result>;
  onSent: (chosen: ComboOption, result: Result) => void;
  /** Errors the pane handles itself (sign-in, connection); returns true when it did. */
  onFatal: (error: unknown) => boolean;
  /** False once the pane shows another item: late answers are dropped. */
  current: () => boolean;
}

export function pickAndSendForm<Result>(options: PickAndSendOptions<Result>): HTMLElement {
  const { t, status, field } = options;
  let chosen: ComboOption | undefined;
  const picker = createCombobox({
    id: field.id,
    label: t(field.label),
    placeholder: t(field.placeholder),
    required: true,
    noResults: t(field.noResults),
    loadingText: t('searching'),
    search: options.search,
    onSelect: (option) => (chosen = option),
    onError: (error) => mount(status, messageBar('error', (error as Error).message)),
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'fx-button fx-button--primary fx-button--block' },
    t(options.submitLabel),
  );
  return h(
    'form',
    {
      class: 'pane-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!chosen) {
          picker.setError(t('chooseFromList'));
          picker.input.focus();
          return;
        }
        picker.setError(undefined);
        submit.disabled = true;
        mount(status, spinner(t(options.busyLabel)));
        try {
          const result = await options.send(chosen);
          if (options.current()) options.onSent(chosen, result);
        } catch (error) {
          if (!options.current()) return;
          submit.disabled = false;
          if (options.onFatal(error)) return;
          mount(status, messageBar('error', (error as Error).message));
        }
      },
    },
    picker.element,
    submit,
  );
}
