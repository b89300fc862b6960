/** The wire shape of a task's or project's custom fields in the tab (/tab/api/{tasks|projects}/{id}/fields). */
export interface TabCustomFieldValue {
  label: string;
  /** Formatted in the person's language and time zone; "–" when empty, "⚠ Not filled in" when InLoox warns. */
  value: string;
  /** Empty while InLoox warns when it is empty. */
  missing: boolean;
}

export interface TabCustomFieldSection {
  /** The section's heading; '' when the account has no sections. */
  name: string;
  fields: TabCustomFieldValue[];
}

export interface TabCustomFields {
  sections: TabCustomFieldSection[];
}
