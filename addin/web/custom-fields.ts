/**
 * The task form's custom fields: the ones InLoox warns about when empty shown directly, the rest behind "More
 * fields". What the person types is kept as typed (the server checks it by type in their language); the texts are
 * the shared custom field texts of the cards.
 */
import { h } from '../../ui/dom';
import type { Locale } from '../../ui/i18n';
import { CUSTOM_FIELD_STRINGS } from '../../shared/cards/strings-custom-fields';
import {
  customInputName,
  customTimeName,
  type AddinCustomField,
  type CustomFieldInputs,
} from '../contract-custom-fields';
import { fieldLabel } from './field';

export interface CustomFieldsBlock {
  element: HTMLElement;
  /**
   * Marks the input the server refused (`cf_<column>`) with the server's words below it, opens "More fields" if it
   * is there, and focuses it.
   */
  markInvalid(name: string | undefined, message: string): boolean;
  clearInvalid(): void;
}

const text = (locale: Locale, key: keyof typeof CUSTOM_FIELD_STRINGS, label = '') =>
  CUSTOM_FIELD_STRINGS[key][locale].replace('{label}', label);

/** What the form sends: only what the person filled in or changed. */
export function filledInputs(entered: CustomFieldInputs): CustomFieldInputs {
  return Object.fromEntries(Object.entries(entered).filter(([, value]) => value !== ''));
}

export function customFieldsBlock(
  fields: AddinCustomField[],
  entered: CustomFieldInputs,
  locale: Locale,
): CustomFieldsBlock | null {
  if (fields.length === 0) return null;
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const keep = (name: string, control: HTMLInputElement | HTMLSelectElement) => {
    control.id = `field-${name}`;
    control.name = name;
    controls.set(name, control);
    const remember = () => {
      entered[name] =
        control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value;
    };
    control.addEventListener('input', remember);
    control.addEventListener('change', remember);
    return control;
  };
  const stored = (name: string) => (typeof entered[name] === 'string' ? (entered[name] as string) : '');

  const labelled = (name: string, label: string, control: HTMLElement, required: boolean) =>
    h('div', { class: 'fx-field' }, fieldLabel(`field-${name}`, label, required), control);

  const row = (field: AddinCustomField): HTMLElement => {
    const name = customInputName(field.column);
    switch (field.type) {
      case 'Boolean': {
        const box = keep(name, h('input', { type: 'checkbox' })) as HTMLInputElement;
        box.checked = entered[name] === true;
        return h('label', { class: 'fx-checkbox pane-cf__toggle' }, box, h('span', {}, field.label));
      }
      case 'DateTime': {
        const date = keep(name, h('input', { type: 'date', class: 'fx-input' }));
        date.value = stored(name);
        const timeName = customTimeName(field.column);
        const time = keep(timeName, h('input', { type: 'time', class: 'fx-input' }));
        time.value = stored(timeName);
        return h(
          'div',
          { class: 'fx-row' },
          labelled(name, field.label, date, field.required),
          labelled(timeName, text(locale, 'cfTime', field.label), time, false),
        );
      }
      case 'List': {
        if (field.allowNew) {
          const listId = `list-${name}`;
          const input = keep(name, h('input', { type: 'text', class: 'fx-input', list: listId, autocomplete: 'off' }));
          input.value = stored(name);
          const options = h('datalist', { id: listId }, ...field.choices.map((c) => h('option', { value: c })));
          return h('div', {}, labelled(name, field.label, input, field.required), options);
        }
        const select = keep(
          name,
          h(
            'select',
            { class: 'fx-select' },
            h('option', { value: '' }, text(locale, 'cfNoChoice')),
            ...field.choices.map((c) => h('option', { value: c }, c)),
          ),
        );
        select.value = field.choices.includes(stored(name)) ? stored(name) : '';
        return labelled(name, field.label, select, field.required);
      }
      case 'Integer':
      case 'Decimal':
      case 'Currency': {
        const mode = field.type === 'Integer' ? 'numeric' : 'decimal';
        const input = keep(name, h('input', { type: 'text', class: 'fx-input', inputmode: mode, autocomplete: 'off' }));
        input.value = stored(name);
        return labelled(name, field.label, input, field.required);
      }
      default: {
        const input = keep(name, h('input', { type: 'text', class: 'fx-input', maxlength: 4000, autocomplete: 'off' }));
        input.value = stored(name);
        return labelled(name, field.label, input, field.required);
      }
    }
  };

  /** Rows with a heading wherever the section changes. */
  const rows = (list: AddinCustomField[]) =>
    list.flatMap((field, i) => {
      const heading = field.section && (i === 0 || list[i - 1]!.section !== field.section);
      return [heading ? h('h2', { class: 'pane-cf__section' }, field.section) : null, row(field)].filter(
        (node): node is HTMLElement => !!node,
      );
    });

  const direct = fields.filter((f) => f.required);
  const more = fields.filter((f) => !f.required);
  const typedInMore = more.some((f) =>
    [customInputName(f.column), customTimeName(f.column)].some((n) => entered[n] !== undefined && entered[n] !== ''),
  );
  const details = more.length
    ? h(
        'details',
        { class: 'pane-cf__more', open: typedInMore },
        h('summary', { class: 'fx-label' }, text(locale, 'cfMoreFields')),
        ...rows(more),
      )
    : null;
  const element = h('div', { class: 'pane-cf' }, ...rows(direct), details);
  return {
    element,
    markInvalid(name, message) {
      const control = name ? controls.get(name) : undefined;
      if (!control) return false;
      if (details?.contains(control)) details.open = true;
      const error = h('div', { id: `${control.id}-error`, class: 'fx-field__error pane-cf__error' }, message);
      (control.closest('.fx-field') ?? control.parentElement)?.append(error);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-errormessage', error.id);
      control.focus();
      return true;
    },
    clearInvalid() {
      for (const control of controls.values()) {
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-errormessage');
      }
      for (const error of element.querySelectorAll('.pane-cf__error')) error.remove();
    },
  };
}
