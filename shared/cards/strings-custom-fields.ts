/** Texts of the custom field section, its edit form and its messages, spread into STRINGS. */
export const CUSTOM_FIELD_STRINGS = {
  cfHeading: { en: 'Custom fields', de: 'Benutzerdefinierte Felder' },
  cfOtherSection: { en: 'Other fields', de: 'Weitere Felder' },
  cfEdit: { en: 'Edit fields', de: 'Felder bearbeiten' },
  cfEditTitle: { en: 'Edit fields: {name}', de: 'Felder bearbeiten: {name}' },
  cfYes: { en: 'Yes', de: 'Ja' },
  cfNo: { en: 'No', de: 'Nein' },
  cfMissing: { en: '⚠ Not filled in', de: '⚠ Nicht ausgefüllt' },
  cfEmpty: { en: '–', de: '–' },
  cfReadOnly: { en: '(read-only)', de: '(schreibgeschützt)' },
  cfNoChoice: { en: '(none)', de: '(keine Auswahl)' },
  cfNewValue: { en: 'Or type a new value', de: 'Oder einen neuen Wert eingeben' },
  cfTime: { en: '{label}: time', de: '{label}: Uhrzeit' },
  cfSaved: { en: 'Fields saved.', de: 'Felder gespeichert.' },
  cfNothingChanged: { en: 'Nothing was changed.', de: 'Es wurde nichts geändert.' },
  cfMoreFields: { en: 'More fields', de: 'Weitere Felder' },
  cfNotSaved: {
    en: 'Created, but these fields were not saved: {fields}. {reason}',
    de: 'Erstellt, aber diese Felder wurden nicht gespeichert: {fields}. {reason}',
  },
  cfProblem_not_a_number: { en: '{field}: please enter a number.', de: '{field}: Bitte geben Sie eine Zahl ein.' },
  cfProblem_not_whole: {
    en: '{field}: please enter a whole number.',
    de: '{field}: Bitte geben Sie eine ganze Zahl ein.',
  },
  cfProblem_out_of_range: { en: '{field}: the number is too large.', de: '{field}: Die Zahl ist zu groß.' },
  cfProblem_not_a_date: {
    en: '{field}: please enter a valid date.',
    de: '{field}: Bitte geben Sie ein gültiges Datum ein.',
  },
  cfProblem_not_a_time: {
    en: '{field}: please enter a valid time (hh:mm).',
    de: '{field}: Bitte geben Sie eine gültige Uhrzeit ein (hh:mm).',
  },
  cfProblem_not_yes_no: { en: '{field}: please choose yes or no.', de: '{field}: Bitte wählen Sie Ja oder Nein.' },
  cfProblem_not_in_list: {
    en: '{field}: please choose a value from the list.',
    de: '{field}: Bitte wählen Sie einen Wert aus der Liste.',
  },
  cfProblem_too_long: { en: '{field}: the text is too long.', de: '{field}: Der Text ist zu lang.' },
} as const;
