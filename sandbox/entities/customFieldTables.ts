/** TableName of a definition → the entity set of the objects it extends (in this service). */
export const CUSTOM_FIELD_TABLES: Record<string, string> = { Project: 'Project', TaskItem: 'Task' };

/** The documented entity type numbers, for operations that take either the name or the number. */
export const TABLE_NUMBERS: Record<string, string> = { '7': 'TaskItem', '8': 'Project' };

/** CustomFieldDefinition.ColumnType → CustomField.Type */
export const CUSTOM_FIELD_TYPES = ['String', 'DateTime', 'Integer', 'Decimal', 'Boolean', 'List', 'Currency'];
