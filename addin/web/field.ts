/** One labelled input of a pane form: label (with a star when required), the input, a hint and its error line. */
import { h } from '../../ui/dom';

export interface LabelledField {
  element: HTMLElement;
  /** Hidden until the form shows an error for the input; its id is the input's id + `-error`. */
  error: HTMLElement;
}

/** A form label for the control with this id, with a star when the field is required. */
export function fieldLabel(forId: string, label: string, required: boolean | undefined): HTMLElement {
  return h(
    'label',
    { class: 'fx-label', for: forId },
    label,
    required ? h('span', { class: 'fx-label__required', 'aria-hidden': 'true' }, '*') : null,
  );
}

/** The control's id must be set: the label and the error line refer to it. */
export function labelledField(
  control: HTMLInputElement,
  label: string,
  options: { required?: boolean | undefined; hint?: string | undefined } = {},
): LabelledField {
  control.classList.add('fx-input');
  const error = h('div', { id: `${control.id}-error`, class: 'fx-field__error', hidden: true });
  const element = h(
    'div',
    { class: 'fx-field' },
    fieldLabel(control.id, label, options.required),
    control,
    options.hint ? h('div', { class: 'fx-hint' }, options.hint) : null,
    error,
  );
  return { element, error };
}
