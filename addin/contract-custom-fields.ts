/** The add-in's contract for custom fields on the task form: which fields to offer, and what failed after a create. */
import type { CustomFieldType } from '../shared/inloox/custom-field-types';

/** One field the task form offers (write-protected fields are never offered). */
export interface AddinCustomField {
  /** The input's name on the wire is `cf_<column>` (date-times add `cf_<column>__time`). */
  column: string;
  /** As the form shows it; currency fields name their symbol. */
  label: string;
  type: CustomFieldType;
  /** The section's heading; '' when the account has no sections. */
  section: string;
  /** InLoox warns when it is empty: offered directly, the others behind "More fields". */
  required: boolean;
  /** List fields: the values in their order. */
  choices: string[];
  /** List fields: a value the list does not have yet is accepted. */
  allowNew: boolean;
}

export interface CustomFieldsResponse {
  fields: AddinCustomField[];
}

/** What the person typed, keyed `cf_<column>` / `cf_<column>__time`; the server checks it by type. */
export type CustomFieldInputs = Record<string, string | boolean>;

/** The task was created, but its custom fields were not written. */
export interface FieldsNotSaved {
  /** The labels of the fields that were not saved. */
  fields: string[];
  /** Says so in the person's language, with InLoox's reason. */
  message: string;
}

/** The wire name of a field's input. */
export const customInputName = (column: string): string => `cf_${column}`;
export const customTimeName = (column: string): string => `cf_${column}__time`;
