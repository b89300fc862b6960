/** Custom fields as the product works with them: definitions grouped by section, values as InLoox stores them. */
import type { Guid } from './types';

/** The tables the product shows custom fields of (CustomFieldDefinition.TableName). */
export type CustomFieldTable = 'Project' | 'TaskItem';

/** CustomFieldDefinition.ColumnType 0…6, by name (as CustomField.Type names them). */
export const CUSTOM_FIELD_TYPES = ['String', 'DateTime', 'Integer', 'Decimal', 'Boolean', 'List', 'Currency'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldSection {
  id: Guid;
  table: CustomFieldTable;
  name: string;
  position: number;
}

export interface CustomFieldDefinition {
  id: Guid;
  /** ColumnName: the name values are written under (CustomField.Name) and the Dynamic column's suffix. */
  column: string;
  label: string;
  table: CustomFieldTable;
  type: CustomFieldType;
  sectionId?: Guid;
  position: number;
  writeProtected: boolean;
  warnIfEmpty: boolean;
  /** List fields: a person may type a value the list does not have yet. */
  allowNew: boolean;
  currencySymbol?: string;
  /** DisplayRuleField / DisplayRuleExpression: show the field only when the rule holds. */
  rule?: { field: string; expression: string };
  /** List fields: the values in their order. */
  listValues: string[];
}

/** The definitions of one table, ordered by section and OrdinalPosition (fields without a section last). */
export interface CustomFieldSchema {
  table: CustomFieldTable;
  sections: CustomFieldSection[];
  fields: CustomFieldDefinition[];
}

/** Values by column name; null = empty. InLoox keeps every value as text (invariant culture). */
export type CustomFieldValues = Record<string, string | null>;
