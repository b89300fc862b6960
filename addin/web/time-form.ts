/**
 * The pane's time form, for a mail ("Log time for this email": duration and date) and for a meeting ("Book as time":
 * date, from and to): name, task (picked by search, with its project), billable (the task's default). One form id
 * per rendered form, so a double click or a retry books once.
 */
import { createCombobox } from '../../ui/combobox';
import { h, mount } from '../../ui/dom';
import type { Translate } from '../../ui/i18n';
import { messageBar } from '../../ui/views';
import { LIMITS, type TaskOption } from '../contract';
import type { TimeBookingResponse } from '../contract-time';
import type { AddinApi } from './api-client';
import { labelledField } from './field';
import type { MessageKey } from './strings';
import { primarySubmit, sendForm } from './submit';
import type { TaskChoice, TimeErrors, TimeField, TimeValues } from './time-values';

export interface TimeFormOptions {
  t: Translate<MessageKey>;
  api: AddinApi;
  kind: 'mail' | 'meeting';
  values: TimeValues;
  /** Where progress and errors show. */
  status: HTMLElement;
  submitLabel: MessageKey;
  /** The form's errors in the person's language; empty when it can be sent. */
  check: (values: TimeValues) => TimeErrors;
  send: (values: TimeValues, formId: string) => Promise<TimeBookingResponse>;
  onDone: (response: TimeBookingResponse) => void;
  /** Errors the pane handles itself (sign-in, connection); returns true when it did. */
  onFatal: (error: unknown) => boolean;
  /** False once the pane shows another item: late answers are dropped. */
  current: () => boolean;
}

const FIELD_ORDER: TimeField[] = ['name', 'task', 'duration', 'date', 'from', 'to'];
/** The fields typed into (the task is picked). */
type TextField = Exclude<TimeField, 'task'>;

export function toTaskChoice(task: TaskOption): TaskChoice {
  return {
    id: task.id,
    label: task.name,
    ...(task.projectName ? { secondary: task.projectName } : {}),
    projectId: task.projectId ?? null,
    billable: task.billable === true,
  };
}

export function timeForm(options: TimeFormOptions): HTMLElement {
  const { t, values, status } = options;
  const formId = crypto.randomUUID();
  const inputs: Partial<Record<TimeField, HTMLInputElement>> = {};
  const errorLines: Partial<Record<TimeField, HTMLElement>> = {};

  const field = (id: TextField, label: string, control: HTMLInputElement, hint?: string) => {
    control.id = `time-${id}`;
    control.value = values[id];
    const take = () => (values[id] = control.value);
    control.addEventListener('input', take);
    control.addEventListener('change', take);
    inputs[id] = control;
    const { element, error } = labelledField(control, label, { hint });
    errorLines[id] = error;
    return element;
  };

  const billable = h('input', { id: 'time-billable', type: 'checkbox', checked: values.billable });
  billable.addEventListener('change', () => (values.billable = billable.checked));
  const found = new Map<string, TaskChoice>();
  const task = createCombobox({
    id: 'time-task',
    label: t('task'),
    placeholder: t('taskPlaceholder'),
    required: true,
    noResults: t('noTasks'),
    loadingText: t('searching'),
    ...(values.task ? { initial: values.task } : {}),
    search: async (text, signal) =>
      (await options.api.searchTasks(text, signal)).items.map((item) => {
        const choice = toTaskChoice(item);
        found.set(choice.id, choice);
        return choice;
      }),
    onSelect: (option) => {
      values.task = option ? found.get(option.id) : undefined;
      // The task says whether its time is billable; the person may still change it.
      if (values.task) billable.checked = values.billable = values.task.billable;
    },
    onError: (error) => mount(status, messageBar('error', (error as Error).message)),
  });

  const showErrors = (errors: TimeErrors) => {
    for (const key of FIELD_ORDER) {
      const line = errorLines[key];
      const control = inputs[key];
      if (!line || !control) continue;
      const message = errors[key];
      line.textContent = message ?? '';
      line.hidden = !message;
      if (message) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-errormessage', line.id);
      } else {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-errormessage');
      }
    }
    task.setError(errors.task);
  };

  const name = h('input', { type: 'text', required: true, maxlength: LIMITS.nameMaxLength, autocomplete: 'off' });
  const date = h('input', { type: 'date', required: true });
  const when =
    options.kind === 'mail'
      ? h(
          'div',
          { class: 'fx-row' },
          field(
            'duration',
            t('duration'),
            h('input', { type: 'text', autocomplete: 'off', inputmode: 'text', placeholder: '1:30' }),
            t('durationHint'),
          ),
          field('date', t('date'), date),
        )
      : h(
          'div',
          {},
          field('date', t('date'), date),
          h(
            'div',
            { class: 'fx-row' },
            field('from', t('timeFrom'), h('input', { type: 'time', required: true })),
            field('to', t('timeTo'), h('input', { type: 'time', required: true })),
          ),
        );
  const submit = primarySubmit(t(options.submitLabel));

  return h(
    'form',
    {
      class: 'pane-form pane-time',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const errors = options.check(values);
        showErrors(errors);
        const first = FIELD_ORDER.find((key) => errors[key]);
        if (first) {
          mount(status, messageBar('error', t('fixErrors')));
          (first === 'task' ? task.input : inputs[first])?.focus();
          return;
        }
        await sendForm({
          submit,
          status,
          busyText: t('bookingTime'),
          send: () => options.send(values, formId),
          onDone: options.onDone,
          onFatal: options.onFatal,
          current: options.current,
        });
      },
    },
    field('name', t('timeName'), name),
    task.element,
    when,
    h('label', { class: 'fx-checkbox' }, billable, h('span', {}, t('billable'))),
    submit,
  );
}
