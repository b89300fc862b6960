/** A form that finds one item by search and sends the mail to it: the "Add to task" and "Add to project" modes. */
import { createCombobox, type ComboOption } from '../../ui/combobox';
import { h, mount } from '../../ui/dom';
import type { Translate } from '../../ui/i18n';
import { messageBar } from '../../ui/views';
import type { MessageKey } from './strings';
import { primarySubmit, sendForm } from './submit';

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
  const submit = primarySubmit(t(options.submitLabel));
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
        const picked = chosen;
        await sendForm({
          submit,
          status,
          busyText: t(options.busyLabel),
          send: () => options.send(picked),
          onDone: (result) => options.onSent(picked, result),
          onFatal: options.onFatal,
          current: options.current,
        });
      },
    },
    picker.element,
    submit,
  );
}
