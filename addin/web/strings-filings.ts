/** Texts of what was filed, filing to a project and the quick task; spread into the pane's MESSAGES. */
export const FILING_EN = {
  alreadyTitle: 'Already in InLoox',
  alreadyText: 'You filed this email before:',
  conversationText: 'This conversation has a task: {names}',
  conversationProjectText: 'This conversation was filed to: {names}',
  filedTask: 'Task',
  filedProject: 'Project comment',
  statusOpen: 'open',
  statusDone: 'done',
  filedOn: 'filed {date}',
  addToThisTask: 'Add to this task',
  addedToTask: 'The email was added as a comment to “{name}”.',
  modeProject: 'Add to project',
  addProjectNote: 'Add email as project comment',
  addingProjectNote: 'Adding comment to the project…',
  projectNoteTitle: 'Added to the project',
  projectNoteText: 'The email was added as a comment to the project “{name}”.',
  quickTaskCreated: 'InLoox task “{name}” created in {project}.',
  quickTaskExisting: 'Already in InLoox as “{name}” ({project}).',
  quickTaskOpen: 'Open in InLoox',
  quickTaskFailed: 'No InLoox task was created: {message}',
  quickTaskNotConnected: 'No InLoox task was created: open the InLoox pane once and connect your account.',
  quickTaskWorking: 'Creating the InLoox task…',
  quickTaskNoProject:
    'No InLoox task was created: star a project in InLoox or create one task in the InLoox pane first; the quick task then uses that project.',
};

export type FilingMessageKey = keyof typeof FILING_EN;

export const FILING_DE: Record<FilingMessageKey, string> = {
  alreadyTitle: 'Bereits in InLoox',
  alreadyText: 'Sie haben diese E-Mail schon abgelegt:',
  conversationText: 'Zu dieser Unterhaltung gibt es eine Aufgabe: {names}',
  conversationProjectText: 'Diese Unterhaltung wurde abgelegt in: {names}',
  filedTask: 'Aufgabe',
  filedProject: 'Projektkommentar',
  statusOpen: 'offen',
  statusDone: 'erledigt',
  filedOn: 'abgelegt {date}',
  addToThisTask: 'Zu dieser Aufgabe hinzufügen',
  addedToTask: 'Die E-Mail wurde als Kommentar zu „{name}“ hinzugefügt.',
  modeProject: 'Zu Projekt hinzufügen',
  addProjectNote: 'E-Mail als Projektkommentar hinzufügen',
  addingProjectNote: 'Kommentar wird zum Projekt hinzugefügt…',
  projectNoteTitle: 'Zum Projekt hinzugefügt',
  projectNoteText: 'Die E-Mail wurde als Kommentar zum Projekt „{name}“ hinzugefügt.',
  quickTaskCreated: 'InLoox-Aufgabe „{name}“ in {project} erstellt.',
  quickTaskExisting: 'Bereits in InLoox als „{name}“ ({project}).',
  quickTaskOpen: 'In InLoox öffnen',
  quickTaskFailed: 'Es wurde keine InLoox-Aufgabe erstellt: {message}',
  quickTaskNotConnected:
    'Es wurde keine InLoox-Aufgabe erstellt: Öffnen Sie einmal den InLoox-Bereich und verbinden Sie Ihr Konto.',
  quickTaskWorking: 'Die InLoox-Aufgabe wird erstellt…',
  quickTaskNoProject:
    'Es wurde keine InLoox-Aufgabe erstellt: Markieren Sie ein Projekt in InLoox als Favorit oder erstellen Sie zuerst eine Aufgabe im InLoox-Bereich; danach nutzt die Schnellaufgabe dieses Projekt.',
};
