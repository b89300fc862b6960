import type { Locale, Localized } from '../i18n';
import { NOTIFY_STRINGS } from './strings-notify';
import { REQUEST_STRINGS } from './strings-requests';
import { TIME_STRINGS } from './strings-time';
import { PROJECT_EXTRA_STRINGS } from './strings-projects';
import { CUSTOM_FIELD_STRINGS } from './strings-custom-fields';
import { SOCIAL_STRINGS } from './strings-social';
import { FILING_STRINGS } from './strings-filings';
import { PROJECT_FORM_STRINGS } from './strings-project-form';

/** Every user-facing text of the Teams bot and its cards, in English and German. */
export const STRINGS = {
  appName: { en: 'InLoox', de: 'InLoox' },
  welcomeTitle: { en: 'Welcome to InLoox for Teams', de: 'Willkommen bei InLoox für Teams' },
  welcomeText: {
    en: 'Create, find and update your InLoox projects and tasks right here in Teams: type a command or use the cards.',
    de: 'Erstellen, finden und bearbeiten Sie Ihre InLoox-Projekte und -Aufgaben direkt in Teams: mit Befehlen oder über die Karten.',
  },
  welcomeConnectHint: {
    en: 'Connect once with your InLoox personal access token to get started.',
    de: 'Verbinden Sie sich einmalig mit Ihrem persönlichen InLoox-Zugriffstoken, um zu beginnen.',
  },
  welcomeConnectedHint: {
    en: 'You are connected as {name}.',
    de: 'Sie sind verbunden als {name}.',
  },
  actionConnect: { en: 'Connect', de: 'Verbinden' },
  actionHelp: { en: 'Help', de: 'Hilfe' },
  actionMyTasks: { en: 'My tasks', de: 'Meine Aufgaben' },
  actionProjects: { en: 'Projects', de: 'Projekte' },
  actionNewTask: { en: 'New task', de: 'Neue Aufgabe' },
  actionNewProject: { en: 'New project', de: 'Neues Projekt' },

  connectTitle: { en: 'Connect to InLoox', de: 'Mit InLoox verbinden' },
  connectText: {
    en: 'Paste your InLoox personal access token below. It is stored encrypted and used only for your requests.',
    de: 'Fügen Sie unten Ihr persönliches InLoox-Zugriffstoken ein. Es wird verschlüsselt gespeichert und nur für Ihre Anfragen verwendet.',
  },
  connectHowTo: {
    en: 'How to get one: open InLoox in the browser → your account (top right) → Personal Access Tokens → "Create token", copy it.',
    de: 'So erhalten Sie eines: InLoox im Browser öffnen → Ihr Konto (oben rechts) → Persönliche Zugriffstoken → „Token erstellen“, kopieren.',
  },
  connectKeyLabel: { en: 'Personal access token', de: 'Persönliches Zugriffstoken' },
  connectKeyPlaceholder: { en: 'Paste your token', de: 'Token einfügen' },
  connectKeyRequired: {
    en: 'Please paste your personal access token.',
    de: 'Bitte fügen Sie Ihr persönliches Zugriffstoken ein.',
  },
  connectSubmit: { en: 'Connect', de: 'Verbinden' },
  connectedTitle: { en: 'Connected to InLoox', de: 'Mit InLoox verbunden' },
  connectedText: {
    en: 'You are connected as {name}. Your token is stored encrypted.',
    de: 'Sie sind verbunden als {name}. Ihr Token wird verschlüsselt gespeichert.',
  },
  connectRejected: {
    en: 'InLoox did not accept this token. Please check it and try again.',
    de: 'InLoox hat dieses Token nicht akzeptiert. Bitte prüfen Sie es und versuchen Sie es erneut.',
  },
  disconnectedTitle: { en: 'Disconnected', de: 'Verbindung getrennt' },
  disconnectedText: {
    en: 'Your InLoox token was removed. Type "connect" to connect again.',
    de: 'Ihr InLoox-Token wurde entfernt. Geben Sie „verbinden“ ein, um sich erneut zu verbinden.',
  },
  notConnectedBefore: {
    en: 'You were not connected. Nothing was removed.',
    de: 'Sie waren nicht verbunden. Es wurde nichts entfernt.',
  },
  keyInChat: {
    en: 'That looks like an access token. For your safety I did not use it: please delete the message and paste the token into the Connect card instead, where it stays hidden.',
    de: 'Das sieht nach einem Zugriffstoken aus. Zu Ihrer Sicherheit habe ich es nicht verwendet: Bitte löschen Sie die Nachricht und fügen Sie das Token stattdessen in die Verbinden-Karte ein, wo es verborgen bleibt.',
  },
  keyInChatTitle: { en: 'Please don’t send tokens in chat', de: 'Bitte keine Token im Chat senden' },

  helpTitle: { en: 'What I can do', de: 'Was ich kann' },
  helpUnknown: {
    en: 'Sorry, I didn’t understand "{text}".',
    de: 'Das habe ich leider nicht verstanden: „{text}“.',
  },
  helpClosest: { en: 'Did you mean "{command}"?', de: 'Meinten Sie „{command}“?' },

  projectsTitle: { en: 'Projects', de: 'Projekte' },
  projectsSearchTitle: { en: 'Projects matching "{text}"', de: 'Projekte mit „{text}“' },
  projectsEmpty: { en: 'No projects found.', de: 'Keine Projekte gefunden.' },
  tasksTitle: { en: 'Open tasks', de: 'Offene Aufgaben' },
  tasksSearchTitle: { en: 'Tasks matching "{text}"', de: 'Aufgaben mit „{text}“' },
  myTasksTitle: { en: 'My open tasks', de: 'Meine offenen Aufgaben' },
  tasksEmpty: { en: 'No open tasks found.', de: 'Keine offenen Aufgaben gefunden.' },
  actionMore: { en: 'More', de: 'Mehr' },
  actionOpen: { en: 'Open', de: 'Öffnen' },
  actionOpenInInLoox: { en: 'Open in InLoox', de: 'In InLoox öffnen' },
  noMore: { en: 'There is nothing more to show.', de: 'Es gibt nichts weiter anzuzeigen.' },

  fieldNumber: { en: 'Number', de: 'Nummer' },
  fieldStart: { en: 'Start', de: 'Beginn' },
  fieldEnd: { en: 'End', de: 'Ende' },
  fieldDue: { en: 'Due', de: 'Fällig' },
  fieldStatus: { en: 'Status', de: 'Status' },
  fieldProgress: { en: 'Progress', de: 'Fortschritt' },
  fieldManager: { en: 'Manager', de: 'Projektleitung' },
  fieldMembers: { en: 'Members', de: 'Mitglieder' },
  fieldClient: { en: 'Client', de: 'Kunde' },
  fieldPriority: { en: 'Priority', de: 'Priorität' },
  fieldProject: { en: 'Project', de: 'Projekt' },
  fieldAssignee: { en: 'Assigned to', de: 'Zugewiesen an' },
  fieldEffort: { en: 'Effort', de: 'Aufwand' },
  fieldName: { en: 'Name', de: 'Name' },
  fieldDescription: { en: 'Description', de: 'Beschreibung' },
  fieldOpenTasks: { en: 'Open tasks', de: 'Offene Aufgaben' },
  none: { en: '—', de: '—' },
  noneChoice: { en: '(none)', de: '(keine)' },
  hours: { en: '{n} h', de: '{n} Std.' },
  statusDone: { en: 'Done', de: 'Erledigt' },
  statusOpen: { en: 'Open', de: 'Offen' },
  statusArchived: { en: 'Archived', de: 'Archiviert' },
  priorityLow: { en: 'Low', de: 'Niedrig' },
  priorityNormal: { en: 'Normal', de: 'Normal' },
  priorityHigh: { en: 'High', de: 'Hoch' },
  noOpenTasks: { en: 'No open tasks.', de: 'Keine offenen Aufgaben.' },
  andMore: { en: '… and {n} more', de: '… und {n} weitere' },

  roleManager: { en: 'Project Manager', de: 'Projektleitung' },
  roleTeam: { en: 'Team Member', de: 'Teammitglied' },
  rolePartner: { en: 'Partner', de: 'Partner' },
  roleCustomer: { en: 'Customer', de: 'Kunde' },
  roleOther: { en: 'Other', de: 'Sonstige' },

  actionMarkDone: { en: 'Mark done', de: 'Als erledigt markieren' },
  actionReopen: { en: 'Reopen', de: 'Wieder öffnen' },
  actionEdit: { en: 'Edit', de: 'Bearbeiten' },
  actionAddComment: { en: 'Add comment', de: 'Kommentar hinzufügen' },
  actionDelete: { en: 'Delete', de: 'Löschen' },
  actionAddMember: { en: 'Add member', de: 'Mitglied hinzufügen' },
  actionMoreActions: { en: 'More actions', de: 'Weitere Aktionen' },
  actionArchive: { en: 'Archive', de: 'Archivieren' },
  actionCancel: { en: 'Cancel', de: 'Abbrechen' },
  actionSave: { en: 'Save', de: 'Speichern' },
  actionCreate: { en: 'Create', de: 'Erstellen' },
  actionAdd: { en: 'Add', de: 'Hinzufügen' },
  actionTryAgain: { en: 'Try again', de: 'Erneut versuchen' },
  actionShowTask: { en: 'Show task', de: 'Aufgabe anzeigen' },
  actionShowProject: { en: 'Show project', de: 'Projekt anzeigen' },

  newTaskTitle: { en: 'New task', de: 'Neue Aufgabe' },
  editTaskTitle: { en: 'Edit task', de: 'Aufgabe bearbeiten' },
  newProjectTitle: { en: 'New project', de: 'Neues Projekt' },
  editProjectTitle: { en: 'Edit project', de: 'Projekt bearbeiten' },
  labelTaskName: { en: 'Task name', de: 'Name der Aufgabe' },
  labelProjectName: { en: 'Project name', de: 'Name des Projekts' },
  labelProject: { en: 'Project', de: 'Projekt' },
  labelStart: { en: 'Start date', de: 'Startdatum' },
  labelEnd: { en: 'End date', de: 'Enddatum' },
  labelEffort: { en: 'Effort (hours)', de: 'Aufwand (Stunden)' },
  labelAssignee: { en: 'Assigned to', de: 'Zugewiesen an' },
  labelDescription: { en: 'Description', de: 'Beschreibung' },
  labelPriority: { en: 'Priority', de: 'Priorität' },
  labelClient: { en: 'Client', de: 'Kunde' },
  labelContact: { en: 'Person', de: 'Person' },
  labelRole: { en: 'Role', de: 'Rolle' },
  labelComment: { en: 'Comment', de: 'Kommentar' },
  placeholderSearchProject: { en: 'Search a project', de: 'Projekt suchen' },
  placeholderSearchContact: { en: 'Search a person', de: 'Person suchen' },
  errorNameRequired: { en: 'Please enter a name.', de: 'Bitte geben Sie einen Namen ein.' },
  errorNameTooLong: {
    en: 'The name is too long (at most {max} characters).',
    de: 'Der Name ist zu lang (höchstens {max} Zeichen).',
  },
  errorEffort: {
    en: 'Enter the effort in hours, between 0 and {max}.',
    de: 'Geben Sie den Aufwand in Stunden ein, zwischen 0 und {max}.',
  },
  errorDate: { en: 'Please enter a valid date.', de: 'Bitte geben Sie ein gültiges Datum ein.' },
  errorEndBeforeStart: {
    en: 'The end date must not be before the start date.',
    de: 'Das Enddatum darf nicht vor dem Startdatum liegen.',
  },
  errorTextTooLong: {
    en: 'The text is too long (at most {max} characters).',
    de: 'Der Text ist zu lang (höchstens {max} Zeichen).',
  },
  errorCommentRequired: { en: 'Please enter a comment.', de: 'Bitte geben Sie einen Kommentar ein.' },
  errorContactRequired: { en: 'Please choose a person.', de: 'Bitte wählen Sie eine Person aus.' },
  errorRoleRequired: { en: 'Please choose a role.', de: 'Bitte wählen Sie eine Rolle aus.' },
  errorInvalidChoice: {
    en: 'Please choose an entry from the list.',
    de: 'Bitte wählen Sie einen Eintrag aus der Liste.',
  },
  errorPriority: { en: 'Please choose a priority.', de: 'Bitte wählen Sie eine Priorität.' },
  formFixErrors: { en: 'Please check your input: {errors}', de: 'Bitte prüfen Sie Ihre Eingaben: {errors}' },
  createFailed: {
    en: 'The item was not created: {reason} Your input is kept below.',
    de: 'Das Element wurde nicht erstellt: {reason} Ihre Eingaben bleiben unten erhalten.',
  },
  saveFailed: {
    en: 'The changes were not saved: {reason} Your input is kept below.',
    de: 'Die Änderungen wurden nicht gespeichert: {reason} Ihre Eingaben bleiben unten erhalten.',
  },

  taskCreated: { en: 'Task created', de: 'Aufgabe erstellt' },
  taskUpdated: { en: 'Task updated', de: 'Aufgabe aktualisiert' },
  taskCompleted: { en: 'Task marked as done', de: 'Aufgabe als erledigt markiert' },
  taskReopened: { en: 'Task reopened', de: 'Aufgabe wieder geöffnet' },
  taskDeletedTitle: { en: 'Task deleted', de: 'Aufgabe gelöscht' },
  taskDeletedText: { en: 'The task "{name}" was deleted.', de: 'Die Aufgabe „{name}“ wurde gelöscht.' },
  projectCreated: { en: 'Project created', de: 'Projekt erstellt' },
  projectUpdated: { en: 'Project updated', de: 'Projekt aktualisiert' },
  projectArchived: { en: 'Project archived', de: 'Projekt archiviert' },
  projectDeletedTitle: { en: 'Project deleted', de: 'Projekt gelöscht' },
  projectDeletedText: {
    en: 'The project "{name}" and its tasks were deleted.',
    de: 'Das Projekt „{name}“ und seine Aufgaben wurden gelöscht.',
  },
  commentAdded: { en: 'Comment added', de: 'Kommentar hinzugefügt' },
  memberAdded: { en: '{name} was added as {role}.', de: '{name} wurde als {role} hinzugefügt.' },
  formInProgress: {
    en: 'This form is being sent already. Please wait a moment and look again; nothing is created twice.',
    de: 'Dieses Formular wird bereits gesendet. Bitte warten Sie einen Moment und sehen Sie dann nach; es wird nichts doppelt angelegt.',
  },
  cancelled: { en: 'Nothing was changed.', de: 'Es wurde nichts geändert.' },

  confirmDeleteTaskTitle: { en: 'Delete this task?', de: 'Diese Aufgabe löschen?' },
  confirmDeleteTaskText: {
    en: 'The task "{name}" will be deleted in InLoox. This cannot be undone.',
    de: 'Die Aufgabe „{name}“ wird in InLoox gelöscht. Das kann nicht rückgängig gemacht werden.',
  },
  confirmDeleteProjectTitle: { en: 'Delete this project?', de: 'Dieses Projekt löschen?' },
  confirmDeleteProjectText: {
    en: 'The project "{name}" will be deleted in InLoox, and ALL ITS TASKS ARE DELETED TOO. This cannot be undone.',
    de: 'Das Projekt „{name}“ wird in InLoox gelöscht, und ALLE SEINE AUFGABEN WERDEN EBENFALLS GELÖSCHT. Das kann nicht rückgängig gemacht werden.',
  },
  confirmArchiveProjectTitle: { en: 'Archive this project?', de: 'Dieses Projekt archivieren?' },
  confirmArchiveProjectText: {
    en: 'The project "{name}" will be archived in InLoox.',
    de: 'Das Projekt „{name}“ wird in InLoox archiviert.',
  },
  actionConfirmDelete: { en: 'Yes, delete', de: 'Ja, löschen' },
  actionConfirmArchive: { en: 'Yes, archive', de: 'Ja, archivieren' },
  addMemberTitle: { en: 'Add a member to "{name}"', de: 'Mitglied zu „{name}“ hinzufügen' },
  addCommentTitle: { en: 'Comment on "{name}"', de: 'Kommentar zu „{name}“' },

  errorTitle: { en: 'Something went wrong', de: 'Etwas ist schiefgelaufen' },
  notConnectedTitle: { en: 'Not connected', de: 'Nicht verbunden' },
  reconnectTitle: { en: 'Please connect again', de: 'Bitte erneut verbinden' },
  noPermissionTitle: { en: 'No permission', de: 'Keine Berechtigung' },
  notFoundTitle: { en: 'Not found', de: 'Nicht gefunden' },
  throttledTitle: { en: 'Please wait a moment', de: 'Bitte einen Moment warten' },
  unavailableTitle: { en: 'InLoox is not available', de: 'InLoox ist nicht erreichbar' },
  invalidInputTitle: { en: 'Invalid input', de: 'Ungültige Eingabe' },
  projectNotFound: { en: 'No project matches "{text}".', de: 'Kein Projekt passt zu „{text}“.' },
  taskNotFound: { en: 'No task matches "{text}".', de: 'Keine Aufgabe passt zu „{text}“.' },
  needName: {
    en: 'Please add a name or number, e.g. "{example}".',
    de: 'Bitte geben Sie einen Namen oder eine Nummer an, z. B. „{example}“.',
  },
  unknownAction: {
    en: 'This card action is not known. Please use a current card.',
    de: 'Diese Kartenaktion ist unbekannt. Bitte verwenden Sie eine aktuelle Karte.',
  },
  invalidCardData: {
    en: 'The card sent data I cannot use ({detail}). Nothing was changed.',
    de: 'Die Karte hat Daten gesendet, die ich nicht verwenden kann ({detail}). Es wurde nichts geändert.',
  },

  extCreateTaskTitle: { en: 'Create InLoox task', de: 'InLoox-Aufgabe erstellen' },
  extLinkToMessage: { en: 'Original message', de: 'Ursprüngliche Nachricht' },
  extSearchNoResults: { en: 'No projects or tasks found.', de: 'Keine Projekte oder Aufgaben gefunden.' },
  extConnectFirst: {
    en: 'Connect to InLoox first: open a chat with the InLoox bot and type "connect".',
    de: 'Bitte zuerst mit InLoox verbinden: Chat mit dem InLoox-Bot öffnen und „verbinden“ eingeben.',
  },
  kindProject: { en: 'Project', de: 'Projekt' },
  kindTask: { en: 'Task', de: 'Aufgabe' },
  ...NOTIFY_STRINGS,
  ...REQUEST_STRINGS,
  ...TIME_STRINGS,
  ...PROJECT_EXTRA_STRINGS,
  ...CUSTOM_FIELD_STRINGS,
  ...SOCIAL_STRINGS,
  ...FILING_STRINGS,
  ...PROJECT_FORM_STRINGS,
} satisfies Record<string, Localized>;

export type StringKey = keyof typeof STRINGS;
export type Strings = Record<StringKey, string>;

const cache = new Map<Locale, Strings>();

/** All strings of one locale, as handed to templates (`${t.key}`). */
export function stringsFor(locale: Locale): Strings {
  let table = cache.get(locale);
  if (!table) {
    table = Object.fromEntries(Object.entries(STRINGS).map(([key, value]) => [key, value[locale]])) as Strings;
    cache.set(locale, table);
  }
  return table;
}

/** One string with `{name}` placeholders filled. */
export function t(locale: Locale, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : String(vars[name]),
  );
}
