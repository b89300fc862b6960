/** Custom fields as a person reads them: the visible fields by section, each value formatted for them. */
import { evaluateRule } from '../domain/custom-field-input';
import type { CustomFieldDefinition, CustomFieldSchema, CustomFieldValues } from '../inloox/custom-field-types';
import { formatCustomValue } from './custom-field-format';
import type { CardContext } from './format';
import { t } from './strings';

/** What a card knows of one object's custom fields. `blocked`: columns the person may not edit. */
export interface CustomFieldView {
  schema: CustomFieldSchema;
  values: CustomFieldValues;
  blocked?: string[];
}

/** The fields a card shows: every field whose display rule holds or cannot be evaluated. */
export function visibleFields(view: CustomFieldView): CustomFieldDefinition[] {
  const { fields } = view.schema;
  return fields.filter((f) => evaluateRule(f, fields, view.values) !== 'hide');
}

/** Visible fields grouped by section, in the schema's order; fields of no known section come last. */
export function bySection(
  view: CustomFieldView,
  ctx: CardContext,
): { name: string; fields: CustomFieldDefinition[] }[] {
  const visible = visibleFields(view);
  const groups = view.schema.sections.map((s) => ({
    name: s.name,
    fields: visible.filter((f) => f.sectionId === s.id),
  }));
  const known = new Set(view.schema.sections.map((s) => s.id));
  const rest = visible.filter((f) => !f.sectionId || !known.has(f.sectionId));
  if (rest.length) groups.push({ name: groups.length ? t(ctx.locale, 'cfOtherSection') : '', fields: rest });
  return groups.filter((g) => g.fields.length > 0);
}

export interface CustomFieldFact {
  title: string;
  value: string;
  /** Empty while InLoox warns when it is empty: the value says "⚠ Not filled in". */
  missing: boolean;
}

/** The visible fields by section, each value formatted in the person's language and time zone. */
export function customFieldSections(
  view: CustomFieldView,
  ctx: CardContext,
): { name: string; facts: CustomFieldFact[] }[] {
  return bySection(view, ctx).map((g) => ({
    name: g.name,
    facts: g.fields.map((f) => {
      const text = formatCustomValue(f, view.values[f.column] ?? null, ctx);
      const missing = !text && f.warnIfEmpty;
      return { title: f.label, value: text || t(ctx.locale, missing ? 'cfMissing' : 'cfEmpty'), missing };
    }),
  }));
}
