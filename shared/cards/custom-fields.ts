/** Custom fields on cards: the read-only section for project and task cards, the edit form, and reading it back. */
import { columnsToRead, parseCustomInput, type CustomInputProblem } from '../domain/custom-field-input';
import type {
  CustomFieldDefinition,
  CustomFieldSchema,
  CustomFieldTable,
  CustomFieldValues,
} from '../inloox/custom-field-types';
import { dateTimeInputs, formatCustomValue } from './custom-field-format';
import { customFieldSections, visibleFields, type CustomFieldView } from './custom-field-sections';
import { fromDateTimeInput, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { t, type StringKey } from './strings';
import formTemplate from './templates/custom-field-form.json';
import inputsTemplate from './templates/custom-field-inputs.json';
import sectionTemplate from './templates/custom-field-section.json';
import type { Verb } from './verbs';

export { columnsToRead, visibleFields };
export { customFieldSections, type CustomFieldFact, type CustomFieldView } from './custom-field-sections';

export interface CustomFieldTarget {
  table: CustomFieldTable;
  id: string;
  /** The project or task name, for titles. */
  name: string;
}

const SHOW_VERB: Record<CustomFieldTable, { verb: Verb; key: string }> = {
  Project: { verb: 'project.show', key: 'projectId' },
  TaskItem: { verb: 'task.show', key: 'taskId' },
};

function sectionCard(
  ctx: CardContext,
  view: CustomFieldView,
  options: { title?: string; banner?: string; actions: CardAction[] },
): AdaptiveCardJson {
  const sections = customFieldSections(view, ctx).map((g) => ({
    name: g.name,
    facts: g.facts.map(({ title, value }) => ({ title, value })),
  }));
  return renderCard(
    sectionTemplate,
    { sections, title: options.title ?? '', banner: options.banner ?? '', actions: options.actions },
    ctx,
  );
}

const editAction = (ctx: CardContext, target: CustomFieldTarget): CardAction => ({
  title: t(ctx.locale, 'cfEdit'),
  verb: 'fields.edit',
  data: { table: target.table, id: target.id, name: target.name },
});

const MAX_ACTIONS = 5;

/**
 * Appends the custom field section to a project or task card. "Edit fields" (unless read-only) goes after the card's
 * own actions so theirs keep their places: into its "More actions" menu when it has one, else next to them while
 * there is room (Adaptive Cards allow five), else below the fields.
 */
export function withCustomFieldSection(
  card: AdaptiveCardJson,
  ctx: CardContext,
  target: CustomFieldTarget,
  view: CustomFieldView,
  options: { readOnly?: boolean } = {},
): AdaptiveCardJson {
  if (view.schema.fields.length === 0) return card;
  const section = sectionCard(ctx, view, { actions: options.readOnly ? [] : [editAction(ctx, target)] });
  const [container] = section.body as { items: { type: string; actions?: unknown[] }[] }[];
  const actionSet = container!.items.find((item) => item.type === 'ActionSet');
  const body = Array.isArray(card.body) ? card.body : [];
  const actions = (Array.isArray(card.actions) ? card.actions : []) as Record<string, unknown>[];
  const menu = actions.find((a) => a.type === 'Action.ShowCard') as { card?: { actions?: unknown[] } } | undefined;
  if (!actionSet) return { ...card, body: [...body, container] };
  container!.items = container!.items.filter((item) => item !== actionSet);
  const edit = actionSet.actions ?? [];
  if (menu?.card) {
    const inMenu = menu.card.actions ?? [];
    const updated = actions.map((a) =>
      a === menu ? { ...menu, card: { ...menu.card, actions: [...inMenu, ...edit] } } : a,
    );
    return { ...card, body: [...body, container], actions: updated };
  }
  if (actions.length + edit.length <= MAX_ACTIONS)
    return { ...card, body: [...body, container], actions: [...actions, ...edit] };
  container!.items.push(actionSet);
  return { ...card, body: [...body, container] };
}

/** What the form shows after saving: the fields as saved, and the way back to the project or task. */
export function customFieldsSavedCard(
  ctx: CardContext,
  target: CustomFieldTarget,
  view: CustomFieldView,
  changed: boolean,
): AdaptiveCardJson {
  const back = SHOW_VERB[target.table];
  return sectionCard(ctx, view, {
    title: target.name,
    banner: t(ctx.locale, changed ? 'cfSaved' : 'cfNothingChanged'),
    actions: [
      editAction(ctx, target),
      {
        title: t(ctx.locale, target.table === 'Project' ? 'actionShowProject' : 'actionShowTask'),
        verb: back.verb,
        data: { [back.key]: target.id },
      },
    ],
  });
}

export const inputId = (column: string) => `cf_${column}`;
/** The "(none)" choice of a list: choices need a non-empty value, and it reads as empty. */
const NO_CHOICE = '__none__';
const timeId = (column: string) => `cf_${column}__time`;
const newId = (column: string) => `cf_${column}__new`;

/** A field's label on a form: currency fields name their symbol, as the value is typed without it. */
export function inputLabel(field: CustomFieldDefinition): string {
  return field.type === 'Currency' && field.currencySymbol ? `${field.label} (${field.currencySymbol})` : field.label;
}

/** Whether the person may change this field here. */
export function isEditable(field: CustomFieldDefinition, blocked: readonly string[] = []): boolean {
  return !field.writeProtected && !blocked.includes(field.column);
}

function inputRow(
  field: CustomFieldDefinition,
  view: CustomFieldView,
  ctx: CardContext,
  entered: Record<string, unknown> | undefined,
  heading: string,
) {
  const stored = view.values[field.column] ?? null;
  const typed = (id: string, fallback: string) => {
    const v = entered?.[id];
    return typeof v === 'string' ? v : fallback;
  };
  const base = {
    heading,
    id: inputId(field.column),
    label: inputLabel(field),
    text: '',
    number: null as number | null,
    time: '',
    timeId: timeId(field.column),
    timeLabel: t(ctx.locale, 'cfTime', { label: field.label }),
    choices: [] as { title: string; value: string }[],
    newId: '',
    newValue: '',
  };
  if (!isEditable(field, view.blocked)) {
    const shown = formatCustomValue(field, stored, ctx) || t(ctx.locale, 'cfEmpty');
    return { ...base, kind: 'readonly', text: `${shown} ${t(ctx.locale, 'cfReadOnly')}` };
  }
  switch (field.type) {
    case 'Integer':
    case 'Decimal':
    case 'Currency': {
      const raw = typed(base.id, stored ?? '');
      const n = raw.trim() === '' ? NaN : Number(raw);
      return { ...base, kind: 'number', number: Number.isFinite(n) ? n : null };
    }
    case 'Boolean':
      return { ...base, kind: 'toggle', text: /^true$/i.test(typed(base.id, stored ?? '')) ? 'true' : 'false' };
    case 'DateTime': {
      const current = dateTimeInputs(stored, ctx.timeZone);
      return { ...base, kind: 'date', text: typed(base.id, current.date), time: typed(base.timeId, current.time) };
    }
    case 'List': {
      const value = typed(base.id, stored ?? '');
      const values = value && !field.listValues.includes(value) ? [...field.listValues, value] : field.listValues;
      return {
        ...base,
        kind: 'choice',
        text: value || NO_CHOICE,
        choices: [
          { title: t(ctx.locale, 'cfNoChoice'), value: NO_CHOICE },
          ...values.map((v) => ({ title: v, value: v })),
        ],
        newId: field.allowNew ? newId(field.column) : '',
        newValue: field.allowNew ? typed(newId(field.column), '') : '',
      };
    }
    default:
      return { ...base, kind: 'text', text: typed(base.id, stored ?? '') };
  }
}

/** Input elements for the given fields, with section headings; for the edit form and the create forms. */
export function customFieldInputs(
  ctx: CardContext,
  view: CustomFieldView,
  fields: CustomFieldDefinition[],
  entered?: Record<string, unknown>,
): unknown[] {
  const sectionName = (f: CustomFieldDefinition) =>
    view.schema.sections.find((s) => s.id === f.sectionId)?.name ?? t(ctx.locale, 'cfOtherSection');
  const rows = fields.map((f, i) => {
    const heading = i === 0 || sectionName(fields[i - 1]!) !== sectionName(f) ? sectionName(f) : '';
    return inputRow(f, view, ctx, entered, view.schema.sections.length ? heading : '');
  });
  return renderCard(inputsTemplate, { fields: rows }, ctx).body as unknown[];
}

/** The state an edit form carries, so saving needs no read: the values it showed and what may be sent. */
export interface CustomFieldFormState {
  table: CustomFieldTable;
  id: string;
  name: string;
  orig: CustomFieldValues;
  editable: string[];
}

export function customFieldFormCard(
  ctx: CardContext,
  target: CustomFieldTarget,
  view: CustomFieldView,
  options: { error?: string; entered?: Record<string, unknown> } = {},
): AdaptiveCardJson {
  const fields = visibleFields(view);
  const editable = fields.filter((f) => isEditable(f, view.blocked)).map((f) => f.column);
  const orig = Object.fromEntries(editable.map((c) => [c, view.values[c] ?? null]));
  const back = SHOW_VERB[target.table];
  const state: CustomFieldFormState = { table: target.table, id: target.id, name: target.name, orig, editable };
  const card = renderCard(
    formTemplate,
    {
      title: t(ctx.locale, 'cfEditTitle', { name: target.name }),
      error: options.error ?? '',
      submitData: state,
      cancelVerb: back.verb,
      cancelData: { [back.key]: target.id },
    },
    ctx,
  );
  const body = [...(card.body as unknown[]), ...customFieldInputs(ctx, view, fields, options.entered)];
  return { ...card, body };
}

export interface CustomFieldFormResult {
  /** Every given field's value as InLoox stores it (null = empty). */
  values: CustomFieldValues;
  /** One line per refused field, naming it, in the person's language. */
  errors: string[];
}

/** Reads the given fields from submitted inputs, checked by type in the person's language and time zone. */
export function readCustomFieldInputs(
  ctx: CardContext,
  fields: CustomFieldDefinition[],
  raw: Record<string, unknown>,
): CustomFieldFormResult {
  const values: CustomFieldValues = {};
  const errors: string[] = [];
  for (const field of fields) {
    // A field whose inputs were not sent at all was not on the form the person saw: it stays as it is.
    const sent = [inputId, timeId, newId].some((id) => raw[id(field.column)] !== undefined);
    if (!sent) continue;
    const result = parseCustomInput(
      field,
      {
        value: raw[inputId(field.column)] === NO_CHOICE ? '' : raw[inputId(field.column)],
        time: raw[timeId(field.column)],
        newValue: raw[newId(field.column)],
      },
      ctx.locale,
      (date, time) => fromDateTimeInput(date, time, ctx.timeZone),
    );
    if (result.ok) values[field.column] = result.value;
    else errors.push(problemText(ctx, field, result.problem));
  }
  return { values, errors };
}

export function problemText(ctx: CardContext, field: CustomFieldDefinition, problem: CustomInputProblem): string {
  return t(ctx.locale, `cfProblem_${problem}` as StringKey, { field: field.label });
}

/** Only what differs from what the form showed; an untouched toggle of an empty yes/no field is no change. */
export function changedValues(
  fields: CustomFieldDefinition[],
  orig: CustomFieldValues,
  next: CustomFieldValues,
): CustomFieldValues {
  const changed: CustomFieldValues = {};
  for (const field of fields) {
    if (!(field.column in next)) continue;
    const before = orig[field.column] ?? null;
    const after = next[field.column] ?? null;
    if (field.type === 'Boolean' && before === null && after === 'false') continue;
    const same =
      field.type === 'Boolean'
        ? (before ?? '').toLowerCase() === (after ?? '').toLowerCase()
        : ['Integer', 'Decimal', 'Currency'].includes(field.type) && before !== null && after !== null
          ? Number(before) === Number(after)
          : field.type === 'DateTime' && before !== null && after !== null
            ? Date.parse(before) === Date.parse(after)
            : before === after;
    if (!same) changed[field.column] = after;
  }
  return changed;
}

const MORE_FIELDS_ID = 'cfMoreFields';

/**
 * Adds a create form's custom fields: the ones InLoox warns about when empty directly, the rest behind "More
 * fields" (open when the person already typed into one). Write-protected fields are left out: nobody sets them here.
 */
export function withCreateFields(
  card: AdaptiveCardJson,
  ctx: CardContext,
  schema: CustomFieldSchema,
  entered?: Record<string, unknown>,
): AdaptiveCardJson {
  const fields = createFormFields(schema);
  if (fields.length === 0) return card;
  const view: CustomFieldView = { schema, values: {}, blocked: [] };
  const direct = fields.filter((f) => f.warnIfEmpty);
  const more = fields.filter((f) => !f.warnIfEmpty);
  const typedInMore = more.some((f) => {
    const v = entered?.[inputId(f.column)];
    return typeof v === 'string' && v !== '' && v !== NO_CHOICE && v !== 'false';
  });
  const elements: unknown[] = [...customFieldInputs(ctx, view, direct, entered)];
  if (more.length)
    elements.push(
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.ToggleVisibility', title: t(ctx.locale, 'cfMoreFields'), targetElements: [MORE_FIELDS_ID] },
        ],
      },
      {
        type: 'Container',
        id: MORE_FIELDS_ID,
        isVisible: typedInMore,
        items: customFieldInputs(ctx, view, more, entered),
      },
    );
  const body = Array.isArray(card.body) ? card.body : [];
  return { ...card, body: [...body, ...elements] };
}

/** The fields a create form offers. */
export function createFormFields(schema: CustomFieldSchema): CustomFieldDefinition[] {
  return schema.fields.filter((f) => !f.writeProtected);
}
