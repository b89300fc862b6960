/** Demo custom fields: every column type, sections, list values, write protection and a permission, in en and de. */
import type { AccountData } from '../accountData';

type Text = { en: string; de: string };

export interface SeedSection {
  key: string;
  table: 'Project' | 'TaskItem';
  name: Text;
}

export interface SeedField {
  column: string;
  table: 'Project' | 'TaskItem';
  section: string;
  name: Text;
  /** 0 String, 1 DateTime, 2 Integer, 3 Decimal, 4 Boolean, 5 List, 6 Currency */
  type: number;
  list?: Text[];
  allowNew?: boolean;
  warnIfEmpty?: boolean;
  writeProtected?: boolean;
  currency?: string;
  rule?: { field: string; expression: string };
  /** Only a colleague (and, in English accounts, the account's own user) may edit it. */
  restricted?: boolean;
}

export const SEED_SECTIONS: SeedSection[] = [
  { key: 'general', table: 'Project', name: { en: 'General', de: 'Allgemein' } },
  { key: 'finance', table: 'Project', name: { en: 'Finance', de: 'Finanzen' } },
  { key: 'details', table: 'TaskItem', name: { en: 'Task details', de: 'Aufgabendetails' } },
];

export const SEED_FIELDS: SeedField[] = [
  {
    column: 'Region',
    table: 'Project',
    section: 'general',
    name: { en: 'Region', de: 'Region' },
    type: 5,
    list: ['EMEA', 'DACH', 'UK', 'APAC'].map((v) => ({ en: v, de: v })),
    warnIfEmpty: true,
  },
  {
    column: 'CustomerNumber',
    table: 'Project',
    section: 'general',
    name: { en: 'Customer number', de: 'Kundennummer' },
    type: 0,
    warnIfEmpty: true,
  },
  { column: 'Kickoff', table: 'Project', section: 'general', name: { en: 'Kick-off', de: 'Kick-off' }, type: 1 },
  {
    column: 'RiskLevel',
    table: 'Project',
    section: 'general',
    name: { en: 'Risk level', de: 'Risikostufe' },
    type: 5,
    list: [
      { en: 'Low', de: 'Niedrig' },
      { en: 'Medium', de: 'Mittel' },
      { en: 'High', de: 'Hoch' },
    ],
    allowNew: true,
  },
  {
    column: 'LegacyId',
    table: 'Project',
    section: 'general',
    name: { en: 'Legacy ID', de: 'Alt-ID' },
    type: 0,
    writeProtected: true,
  },
  {
    column: 'Budget',
    table: 'Project',
    section: 'finance',
    name: { en: 'Budget', de: 'Budget' },
    type: 6,
    currency: '€',
  },
  { column: 'TeamSize', table: 'Project', section: 'finance', name: { en: 'Team size', de: 'Teamgröße' }, type: 2 },
  {
    column: 'Margin',
    table: 'Project',
    section: 'finance',
    name: { en: 'Target margin (%)', de: 'Zielmarge (%)' },
    type: 3,
  },
  {
    column: 'CostCentre',
    table: 'Project',
    section: 'finance',
    name: { en: 'Cost centre', de: 'Kostenstelle' },
    type: 0,
    restricted: true,
  },
  {
    column: 'ContractSigned',
    table: 'Project',
    section: 'finance',
    name: { en: 'Contract signed', de: 'Vertrag unterschrieben' },
    type: 4,
  },
  {
    column: 'ContractNumber',
    table: 'Project',
    section: 'finance',
    name: { en: 'Contract number', de: 'Vertragsnummer' },
    type: 0,
    rule: { field: 'ContractSigned', expression: 'true' },
  },
  {
    column: 'ExtraStaffing',
    table: 'Project',
    section: 'finance',
    name: { en: 'Extra staffing', de: 'Zusatzpersonal' },
    type: 0,
    rule: { field: 'TeamSize', expression: '> 5' },
  },
  {
    column: 'Billable',
    table: 'TaskItem',
    section: 'details',
    name: { en: 'Billable', de: 'Abrechenbar' },
    type: 4,
  },
  {
    column: 'Category',
    table: 'TaskItem',
    section: 'details',
    name: { en: 'Category', de: 'Kategorie' },
    type: 5,
    list: [
      { en: 'Design', de: 'Design' },
      { en: 'Development', de: 'Entwicklung' },
      { en: 'Marketing', de: 'Marketing' },
    ],
    warnIfEmpty: true,
  },
  {
    column: 'TicketNumber',
    table: 'TaskItem',
    section: 'details',
    name: { en: 'Ticket no.', de: 'Ticket-Nr.' },
    type: 2,
  },
  {
    column: 'CustomerDeadline',
    table: 'TaskItem',
    section: 'details',
    name: { en: 'Customer deadline', de: 'Kundentermin' },
    type: 1,
  },
  {
    column: 'HourlyRate',
    table: 'TaskItem',
    section: 'details',
    name: { en: 'Hourly rate', de: 'Stundensatz' },
    type: 6,
    currency: '€',
  },
];

/** Creates the sections, definitions, list values and the permission; `editor` is the colleague who may edit. */
export function seedCustomFields(data: AccountData, editor: string): void {
  const lang = data.profile.language;
  const sections = new Map<string, string>();
  SEED_SECTIONS.forEach((section, index) => {
    const created = data.create('CustomFieldSection', {
      TableName: section.table,
      DisplayName: section.name[lang],
      OrdinalPosition: index,
    });
    sections.set(section.key, created.CustomFieldSectionId as string);
  });
  SEED_FIELDS.forEach((field, index) => {
    const def = data.create('CustomFieldDefinition', {
      ColumnName: field.column,
      DisplayName: field.name[lang],
      TableName: field.table,
      ColumnType: field.type,
      OrdinalPosition: index,
      CustomFieldSectionId: sections.get(field.section),
      WarningIfEmpty: field.warnIfEmpty ?? false,
      WriteProtectionEnabled: field.writeProtected ?? false,
      AllowAddNewItem: field.allowNew ?? false,
      ListAllowAddNewItem: field.allowNew ?? false,
      CurrencySymbol: field.currency ?? null,
      DisplayRuleField: field.rule?.field ?? null,
      DisplayRuleExpression: field.rule?.expression ?? null,
    });
    const id = def.CustomFieldDefinitionId as string;
    field.list?.forEach((value, position) =>
      data.create('CustomFieldDefinitionListDefinition', {
        CustomFieldDefinitionId: id,
        Text: value[lang],
        OrdinalPosition: position,
      }),
    );
    if (field.restricted) {
      data.create('CustomFieldPermission', { CustomFieldDefinitionId: id, SubjectType: 1, SubjectId: editor });
      if (lang === 'en')
        data.create('CustomFieldPermission', {
          CustomFieldDefinitionId: id,
          SubjectType: 1,
          SubjectId: data.profile.contactId,
        });
    }
  });
}

/** A seeded list value in the account's language, by its English text. */
export function seedListValue(data: AccountData, column: string, english: string): string {
  const field = SEED_FIELDS.find((f) => f.column === column)!;
  const value = field.list!.find((v) => v.en === english)!;
  return value[data.profile.language];
}
