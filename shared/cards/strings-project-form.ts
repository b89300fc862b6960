import type { Localized } from '../i18n';

/** Texts of the project form's number, categories and description suggestion, and of the categories card. */
export const PROJECT_FORM_STRINGS = {
  labelNumber: { en: 'Project number', de: 'Projektnummer' },
  labelNumberPrefix: { en: 'Prefix', de: 'Präfix' },
  labelNumberSuffix: { en: 'Suffix', de: 'Suffix' },
  numberNextIncrement: { en: '(next number)', de: '(nächste Nummer)' },
  labelCategories: { en: 'Categories', de: 'Kategorien' },
  placeholderCategories: { en: 'Choose categories', de: 'Kategorien wählen' },
  noCategoriesInAccount: {
    en: 'This InLoox account has no categories yet.',
    de: 'Dieses InLoox-Konto hat noch keine Kategorien.',
  },
  actionSuggestDescription: { en: 'Suggest a description', de: 'Beschreibung vorschlagen' },
  descriptionSuggested: {
    en: 'InLoox suggested a description below. Check it, then save.',
    de: 'InLoox hat unten eine Beschreibung vorgeschlagen. Bitte prüfen und dann speichern.',
  },
  suggestionsNotOffered: {
    en: 'This InLoox server does not offer description suggestions (only InLoox Cloud does). Nothing was changed.',
    de: 'Dieser InLoox-Server bietet keine Beschreibungsvorschläge an (nur InLoox Cloud). Es wurde nichts geändert.',
  },
  numberTaken: {
    en: 'The project number "{number}" is already used by another project. Please choose another prefix or suffix.',
    de: 'Die Projektnummer „{number}“ hat bereits ein anderes Projekt. Bitte wählen Sie ein anderes Präfix oder Suffix.',
  },
  numberTakenNew: {
    en: 'With this prefix and suffix the project number would be one another project already has. Please choose another prefix or suffix.',
    de: 'Mit diesem Präfix und Suffix hätte das Projekt die Nummer eines anderen Projekts. Bitte wählen Sie ein anderes Präfix oder Suffix.',
  },
  numberAffixInvalid: {
    en: 'Prefix and suffix may have at most {max} characters each and no line breaks.',
    de: 'Präfix und Suffix dürfen je höchstens {max} Zeichen und keine Zeilenumbrüche haben.',
  },
  categoryMissing: {
    en: 'One of the chosen categories no longer exists in InLoox. Please choose again.',
    de: 'Eine der gewählten Kategorien gibt es in InLoox nicht mehr. Bitte wählen Sie erneut.',
  },
  categoriesChanged: { en: 'Categories saved.', de: 'Kategorien gespeichert.' },
  actionCategories: { en: 'Categories', de: 'Kategorien' },
  categoriesTitle: { en: 'Categories of "{name}"', de: 'Kategorien von „{name}“' },
  categoriesHint: {
    en: 'Select a category to add it or to remove it.',
    de: 'Wählen Sie eine Kategorie, um sie hinzuzufügen oder zu entfernen.',
  },
  categoryAssigned: { en: 'Added "{name}".', de: '„{name}“ hinzugefügt.' },
  categoryUnassigned: { en: 'Removed "{name}".', de: '„{name}“ entfernt.' },
  actionAddCategory: { en: 'Add "{name}"', de: '„{name}“ hinzufügen' },
  actionRemoveCategory: { en: 'Remove "{name}"', de: '„{name}“ entfernen' },
  actionDone: { en: 'Done', de: 'Fertig' },
} satisfies Record<string, Localized>;
