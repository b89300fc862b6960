/**
 * A task's or project's custom fields in the tab: a disclosure that reads them when first opened, shown by section
 * as the server formatted them for the person. Open disclosures and what they read survive a re-render.
 */
import { CUSTOM_FIELD_STRINGS } from '../../../shared/cards/strings-custom-fields';
import { h, mount } from '../../../ui/dom';
import { messageBar, spinner } from '../../../ui/views';
import type { TabCustomFields } from '../../custom-field-types';
import type { FieldsKind, ViewContext } from './context';

const NONE = {
  en: 'This InLoox account has no custom fields here.',
  de: 'Dieses InLoox-Konto hat hier keine benutzerdefinierten Felder.',
};

function fieldsList(fields: TabCustomFields, ctx: ViewContext): HTMLElement {
  if (fields.sections.length === 0) return h('p', { class: 'tab-fields__none' }, NONE[ctx.locale]);
  return h(
    'div',
    { class: 'tab-fields__sections' },
    fields.sections.map((section) =>
      h(
        'section',
        { class: 'tab-fields__section' },
        section.name ? h('h3', { class: 'tab-fields__heading' }, section.name) : null,
        h(
          'dl',
          { class: 'tab-fields__list' },
          section.fields.flatMap((field) => [
            h('dt', { class: 'tab-fields__label' }, field.label),
            h('dd', { class: `tab-fields__value${field.missing ? ' tab-fields__value--missing' : ''}` }, field.value),
          ]),
        ),
      ),
    ),
  );
}

/** The "Custom fields" disclosure of one task or project; null where the view has no loader. */
export function fieldsDisclosure(ctx: ViewContext, kind: FieldsKind, id: string, name: string): HTMLElement | null {
  const loader = ctx.fields;
  if (!loader) return null;
  const key = `${kind}:${id}`;
  const body = h('div', { class: 'tab-fields__body', 'aria-live': 'polite' });
  const details = h(
    'details',
    { class: 'tab-fields', 'data-fields': key, open: loader.open.has(key) },
    h(
      'summary',
      { class: 'tab-fields__summary' },
      CUSTOM_FIELD_STRINGS.cfHeading[ctx.locale],
      h('span', { class: 'fx-visually-hidden' }, `: ${name}`),
    ),
    body,
  );
  let filled = false;
  const fill = () => {
    if (filled) return;
    filled = true;
    mount(body, spinner(ctx.t('loading')));
    loader.load(kind, id).then(
      (fields) => mount(body, fieldsList(fields, ctx)),
      (error: unknown) => {
        filled = false;
        mount(body, messageBar('error', (error as Error).message));
      },
    );
  };
  details.addEventListener('toggle', () => {
    if (details.open) {
      loader.open.add(key);
      fill();
    } else loader.open.delete(key);
  });
  if (details.open) fill();
  return details;
}
