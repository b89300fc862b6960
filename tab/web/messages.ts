import type { Messages } from '../../ui/i18n';

export type TabMessageKey =
  | 'appTitle'
  | 'navTasks'
  | 'navProjects'
  | 'navSettings'
  | 'navTime'
  | 'loading'
  | 'openInTeamsTitle'
  | 'openInTeamsText'
  | 'signInFailedTitle'
  | 'signInFailedText'
  | 'retry'
  | 'notConnectedTitle'
  | 'notConnectedText'
  | 'needsReconnectTitle'
  | 'needsReconnectText'
  | 'connectAction'
  | 'groupOverdue'
  | 'groupThisWeek'
  | 'groupLater'
  | 'groupNoDue'
  | 'groupNoProject'
  | 'groupBy'
  | 'groupByDue'
  | 'groupByProject'
  | 'filterProject'
  | 'allProjects'
  | 'noTasksTitle'
  | 'noTasksText'
  | 'noTasksForProject'
  | 'moreTasks'
  | 'due'
  | 'markDone'
  | 'reopen'
  | 'doneLabel'
  | 'openInInLoox'
  | 'taskDoneNotice'
  | 'taskReopenedNotice'
  | 'refresh'
  | 'chatWithBot'
  | 'noProjectsTitle'
  | 'noProjectsText'
  | 'moreProjects'
  | 'projectStatus'
  | 'projectProgress'
  | 'projectEnd'
  | 'projectFavorite'
  | 'onlyFavorites'
  | 'noFavoritesTitle'
  | 'noFavoritesText'
  | 'scheduleNotStarted'
  | 'scheduleInProgress'
  | 'scheduleOverdue'
  | 'scheduleCompleted'
  | 'settingsTitle'
  | 'connectedAs'
  | 'server'
  | 'connectedSince'
  | 'testConnection'
  | 'testOk'
  | 'disconnect'
  | 'disconnectConfirm'
  | 'disconnectConfirmAction'
  | 'cancel'
  | 'disconnected'
  | 'connectTitle'
  | 'connectIntro'
  | 'howToTitle'
  | 'howTo1'
  | 'howTo2'
  | 'howTo3'
  | 'howTo4'
  | 'openTokenPage'
  | 'apiKeyLabel'
  | 'apiKeyHint'
  | 'connectSubmit'
  | 'connectedNotice'
  | 'sharedConnection'
  | 'devIdentityNotice';

export const TAB_MESSAGES: Messages<TabMessageKey> = {
  en: {
    appTitle: 'My InLoox',
    navTasks: 'My tasks',
    navProjects: 'Projects',
    navSettings: 'Connection',
    navTime: 'Time',
    loading: 'Loading…',
    openInTeamsTitle: 'Please open this page in Microsoft Teams',
    openInTeamsText:
      'My InLoox is a Teams app. Open Teams, select "InLoox" in the app bar and choose the "My InLoox" tab.',
    signInFailedTitle: 'Sign-in did not work',
    signInFailedText:
      'Teams could not confirm who you are. Please reload the tab; if it persists, ask your administrator to approve the InLoox app.',
    retry: 'Try again',
    notConnectedTitle: 'Connect your InLoox account',
    notConnectedText:
      'To see your tasks here, connect once with your InLoox personal access token. The same connection works in the InLoox bot and the Outlook add-in.',
    needsReconnectTitle: 'Please connect again',
    needsReconnectText:
      'InLoox no longer accepts your saved access token (it may have expired or been revoked). Connect again with a new token.',
    connectAction: 'Connect to InLoox',
    groupOverdue: 'Overdue',
    groupThisWeek: 'This week',
    groupLater: 'Later',
    groupNoDue: 'No due date',
    groupNoProject: 'No project',
    groupBy: 'Group by',
    groupByDue: 'Due date',
    groupByProject: 'Project',
    filterProject: 'Project',
    allProjects: 'All projects',
    noTasksTitle: 'No open tasks',
    noTasksText:
      'Nothing is assigned to you in InLoox right now. New tasks show up here as soon as they are assigned to you.',
    noTasksForProject: 'You have no open tasks in this project.',
    moreTasks: 'Showing your first {count} open tasks. Open InLoox to see all of them.',
    due: 'Due {date}',
    markDone: 'Mark "{name}" as done',
    reopen: 'Reopen',
    doneLabel: 'Done',
    openInInLoox: 'Open in InLoox',
    taskDoneNotice: '"{name}" is done.',
    taskReopenedNotice: '"{name}" is open again.',
    refresh: 'Refresh',
    chatWithBot: 'Chat with the InLoox bot',
    noProjectsTitle: 'No projects',
    noProjectsText: 'You are not a member of any InLoox project yet.',
    moreProjects: 'Showing the first {count} projects. Open InLoox to see all of them.',
    projectStatus: 'Status',
    projectProgress: 'Progress',
    projectEnd: 'Ends',
    projectFavorite: 'Favorite',
    onlyFavorites: 'Only favorites',
    noFavoritesTitle: 'No favorite projects',
    noFavoritesText: 'Star a project in InLoox or on its card in the InLoox bot, and it shows up here.',
    scheduleNotStarted: 'Not started',
    scheduleInProgress: 'In progress',
    scheduleOverdue: 'Past end date',
    scheduleCompleted: 'Completed',
    settingsTitle: 'InLoox connection',
    connectedAs: 'Connected as',
    server: 'InLoox server',
    connectedSince: 'Connected since',
    testConnection: 'Test connection',
    testOk: 'The connection works: InLoox knows you as {name}.',
    disconnect: 'Disconnect',
    disconnectConfirm:
      'Disconnect InLoox? Your saved access token is deleted for Teams, the bot and Outlook. Nothing in InLoox is changed.',
    disconnectConfirmAction: 'Yes, disconnect',
    cancel: 'Cancel',
    disconnected: 'Disconnected. Your access token has been deleted.',
    connectTitle: 'Connect to InLoox',
    connectIntro:
      'InLoox uses a personal access token instead of your password. It is stored encrypted and only used for your requests.',
    howToTitle: 'How to get your personal access token',
    howTo1: 'Sign in to InLoox in your browser.',
    howTo2: 'Open your account settings and choose "Personal Access Token".',
    howTo3: 'Create a new token (for example named "Microsoft Teams") and copy it.',
    howTo4:
      'Paste it below and select "Connect". If you cannot create tokens, ask your InLoox administrator to allow authentication via personal access token.',
    openTokenPage: 'Open InLoox account settings',
    apiKeyLabel: 'Personal access token',
    apiKeyHint: 'Never share this token. It is not shown again after you connect.',
    connectSubmit: 'Connect',
    connectedNotice: 'Connected as {name}.',
    sharedConnection: 'This connection is shared by the InLoox bot, this tab and the Outlook add-in.',
    devIdentityNotice: 'Local mode: running outside Teams with the development identity.',
  },
  de: {
    appTitle: 'Mein InLoox',
    navTasks: 'Meine Aufgaben',
    navProjects: 'Projekte',
    navSettings: 'Verbindung',
    navTime: 'Zeit',
    loading: 'Wird geladen …',
    openInTeamsTitle: 'Bitte öffnen Sie diese Seite in Microsoft Teams',
    openInTeamsText:
      'Mein InLoox ist eine Teams-App. Öffnen Sie Teams, wählen Sie „InLoox“ in der App-Leiste und dann die Registerkarte „Mein InLoox“.',
    signInFailedTitle: 'Die Anmeldung hat nicht funktioniert',
    signInFailedText:
      'Teams konnte Ihre Identität nicht bestätigen. Bitte laden Sie die Registerkarte neu; wenn es weiterhin nicht klappt, bitten Sie Ihre Administration, die InLoox-App freizugeben.',
    retry: 'Erneut versuchen',
    notConnectedTitle: 'Verbinden Sie Ihr InLoox-Konto',
    notConnectedText:
      'Um Ihre Aufgaben hier zu sehen, verbinden Sie sich einmal mit Ihrem persönlichen InLoox-Zugriffstoken. Dieselbe Verbindung gilt auch für den InLoox-Bot und das Outlook-Add-in.',
    needsReconnectTitle: 'Bitte verbinden Sie sich erneut',
    needsReconnectText:
      'InLoox akzeptiert Ihr gespeichertes Zugriffstoken nicht mehr (es ist vielleicht abgelaufen oder wurde widerrufen). Verbinden Sie sich mit einem neuen Token.',
    connectAction: 'Mit InLoox verbinden',
    groupOverdue: 'Überfällig',
    groupThisWeek: 'Diese Woche',
    groupLater: 'Später',
    groupNoDue: 'Ohne Fälligkeit',
    groupNoProject: 'Ohne Projekt',
    groupBy: 'Gruppieren nach',
    groupByDue: 'Fälligkeit',
    groupByProject: 'Projekt',
    filterProject: 'Projekt',
    allProjects: 'Alle Projekte',
    noTasksTitle: 'Keine offenen Aufgaben',
    noTasksText:
      'In InLoox ist Ihnen gerade nichts zugewiesen. Neue Aufgaben erscheinen hier, sobald sie Ihnen zugewiesen werden.',
    noTasksForProject: 'In diesem Projekt haben Sie keine offenen Aufgaben.',
    moreTasks: 'Angezeigt werden Ihre ersten {count} offenen Aufgaben. Alle sehen Sie in InLoox.',
    due: 'Fällig {date}',
    markDone: '„{name}“ als erledigt markieren',
    reopen: 'Wieder öffnen',
    doneLabel: 'Erledigt',
    openInInLoox: 'In InLoox öffnen',
    taskDoneNotice: '„{name}“ ist erledigt.',
    taskReopenedNotice: '„{name}“ ist wieder offen.',
    refresh: 'Aktualisieren',
    chatWithBot: 'Mit dem InLoox-Bot chatten',
    noProjectsTitle: 'Keine Projekte',
    noProjectsText: 'Sie sind noch in keinem InLoox-Projekt Mitglied.',
    moreProjects: 'Angezeigt werden die ersten {count} Projekte. Alle sehen Sie in InLoox.',
    projectStatus: 'Status',
    projectProgress: 'Fortschritt',
    projectEnd: 'Ende',
    projectFavorite: 'Favorit',
    onlyFavorites: 'Nur Favoriten',
    noFavoritesTitle: 'Keine Favoriten',
    noFavoritesText:
      'Markieren Sie ein Projekt in InLoox oder auf seiner Karte im InLoox-Bot als Favorit, dann erscheint es hier.',
    scheduleNotStarted: 'Nicht begonnen',
    scheduleInProgress: 'In Arbeit',
    scheduleOverdue: 'Ende überschritten',
    scheduleCompleted: 'Abgeschlossen',
    settingsTitle: 'InLoox-Verbindung',
    connectedAs: 'Verbunden als',
    server: 'InLoox-Server',
    connectedSince: 'Verbunden seit',
    testConnection: 'Verbindung testen',
    testOk: 'Die Verbindung funktioniert: InLoox kennt Sie als {name}.',
    disconnect: 'Trennen',
    disconnectConfirm:
      'InLoox-Verbindung trennen? Ihr gespeichertes Zugriffstoken wird für Teams, den Bot und Outlook gelöscht. In InLoox selbst ändert sich nichts.',
    disconnectConfirmAction: 'Ja, trennen',
    cancel: 'Abbrechen',
    disconnected: 'Getrennt. Ihr Zugriffstoken wurde gelöscht.',
    connectTitle: 'Mit InLoox verbinden',
    connectIntro:
      'InLoox verwendet statt Ihres Passworts ein persönliches Zugriffstoken. Es wird verschlüsselt gespeichert und nur für Ihre Anfragen verwendet.',
    howToTitle: 'So erhalten Sie Ihr persönliches Zugriffstoken',
    howTo1: 'Melden Sie sich im Browser bei InLoox an.',
    howTo2: 'Öffnen Sie Ihre Kontoeinstellungen und wählen Sie „Persönliches Zugriffstoken“.',
    howTo3: 'Erstellen Sie ein neues Token (zum Beispiel mit dem Namen „Microsoft Teams“) und kopieren Sie es.',
    howTo4:
      'Fügen Sie es unten ein und wählen Sie „Verbinden“. Wenn Sie keine Tokens erstellen können, bitten Sie Ihre InLoox-Administration, die Anmeldung per persönlichem Zugriffstoken zu erlauben.',
    openTokenPage: 'InLoox-Kontoeinstellungen öffnen',
    apiKeyLabel: 'Persönliches Zugriffstoken',
    apiKeyHint: 'Geben Sie dieses Token nie weiter. Nach dem Verbinden wird es nicht mehr angezeigt.',
    connectSubmit: 'Verbinden',
    connectedNotice: 'Verbunden als {name}.',
    sharedConnection: 'Diese Verbindung nutzen der InLoox-Bot, diese Registerkarte und das Outlook-Add-in gemeinsam.',
    devIdentityNotice: 'Lokaler Modus: läuft außerhalb von Teams mit der Entwicklungsidentität.',
  },
};
