/**
 * Custom fields filled in on a create form (bot task and project forms, the add-in task form): read and checked
 * before the create, written in one BatchUpdate right after it. The created item stays whatever happens to them.
 */
import { createFormFields, readCustomFieldInputs } from './cards/custom-fields';
import type { CardContext } from './cards/format';
import { t } from './cards/strings';
import type { Locale } from './i18n';
import type { InLooxApi } from './inloox/api';
import type { CustomFieldSchema, CustomFieldTable, CustomFieldValues } from './inloox/custom-field-types';
import { isInLooxError } from './inloox/errors';

export interface CreateFields {
  schema: CustomFieldSchema;
  /** Only the fields the person filled in. */
  values: CustomFieldValues;
  /** One line per refused field, naming it, in the person's language. */
  errors: string[];
  /** The columns of the refused fields, in form order. */
  refused: string[];
}

/** Whether the submitted form carries any custom field input (keys `cf_<column>`). */
export function hasCustomFieldInputs(raw: Record<string, unknown>): boolean {
  return Object.keys(raw).some((key) => key.startsWith('cf_'));
}

/**
 * The custom fields of a create form, checked by type in the person's language and time zone. Definitions come
 * from the client's per-key cache; when InLoox cannot say which fields there are, the item is created without them
 * (a revoked key still asks to reconnect).
 */
export async function readCreateFields(
  api: InLooxApi,
  ctx: CardContext,
  table: CustomFieldTable,
  raw: Record<string, unknown>,
): Promise<CreateFields> {
  const none: CreateFields = { schema: { table, sections: [], fields: [] }, values: {}, errors: [], refused: [] };
  if (!hasCustomFieldInputs(raw)) return none;
  let schema: CustomFieldSchema;
  try {
    schema = await api.customFieldSchema(table);
  } catch (error) {
    if (isInLooxError(error) && error.kind === 'auth') throw error;
    return none;
  }
  const fields = createFormFields(schema);
  const refused: string[] = [];
  const errors: string[] = [];
  const values: CustomFieldValues = {};
  for (const field of fields) {
    const read = readCustomFieldInputs(ctx, [field], raw);
    if (read.errors.length) {
      refused.push(field.column);
      errors.push(...read.errors);
    }
    const value = read.values[field.column];
    if (value !== undefined && value !== null) values[field.column] = value;
  }
  return { schema, values, errors, refused };
}

export type CreateFieldsOutcome = { saved: true } | { saved: false; labels: string[]; error: unknown };

/** Writes the filled-in fields of a just-created item in one BatchUpdate; nothing filled in is no call. */
export async function saveCreateFields(api: InLooxApi, fields: CreateFields, id: string): Promise<CreateFieldsOutcome> {
  if (Object.keys(fields.values).length === 0) return { saved: true };
  try {
    await api.saveCustomFields(id, fields.values);
    return { saved: true };
  } catch (error) {
    const labels = fields.schema.fields.filter((f) => f.column in fields.values).map((f) => f.label);
    return { saved: false, labels, error };
  }
}

/** The message naming the fields that were not saved; a last label ending in a period ("Ticket-Nr.") gets no second. */
export function fieldsNotSavedText(locale: Locale, labels: readonly string[], reason: string): string {
  return t(locale, 'cfNotSaved', { fields: labels.join(', ').replace(/\.$/, ''), reason });
}
