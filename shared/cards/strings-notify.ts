/** Texts of the proactive notifications and their settings, in English and German. */
import type { Localized } from '../i18n';

export const NOTIFY_STRINGS = {
  notifyAssignedOne: { en: 'New task assigned to you', de: 'Neue Aufgabe für Sie' },
  notifyAssignedMany: { en: '{count} new tasks assigned to you', de: '{count} neue Aufgaben für Sie' },
  notifyMore: {
    en: '… and {count} more. Type "my tasks" to see all.',
    de: '… und {count} weitere. Geben Sie "meine aufgaben" ein, um alle zu sehen.',
  },
  notifyProject: { en: 'Project', de: 'Projekt' },
  notifyDue: { en: 'Due', de: 'Fällig' },
  notifyAssignedBy: { en: 'Assigned by', de: 'Zugewiesen von' },
  notifyDone: { en: 'Done', de: 'Erledigt' },
  notifyStartTimer: { en: 'Start timer', de: 'Zeit starten' },
  notifyNoDate: { en: 'no date', de: 'kein Datum' },
  notifyDueMovedTitle: { en: 'Due date moved', de: 'Fälligkeit verschoben' },
  notifyDueMovedLine: { en: '{from} → {to}', de: '{from} → {to}' },
  notifyDigestTitle: { en: 'Your tasks today', de: 'Ihre Aufgaben heute' },
  notifyOverdue: { en: 'Overdue', de: 'Überfällig' },
  notifyDueToday: { en: 'Due today', de: 'Heute fällig' },
  notifyDueThisWeek: { en: 'Due this week', de: 'Diese Woche fällig' },
  notifyReconnectTitle: { en: 'Notifications paused', de: 'Benachrichtigungen pausiert' },
  notifyReconnectText: {
    en: 'InLoox no longer accepts your access token, so you will not get notifications. Type "connect" and paste a new personal access token to turn them back on.',
    de: 'InLoox akzeptiert Ihr Zugriffstoken nicht mehr, daher erhalten Sie keine Benachrichtigungen. Geben Sie "verbinden" ein und fügen Sie ein neues persönliches Zugriffstoken ein, um sie wieder einzuschalten.',
  },
  notifySettingsTitle: { en: 'Notifications', de: 'Benachrichtigungen' },
  notifySettingsText: {
    en: 'Choose what InLoox tells you here in Teams.',
    de: 'Wählen Sie, worüber InLoox Sie hier in Teams informiert.',
  },
  notifySettingAssignments: { en: 'New tasks assigned to me', de: 'Neue Aufgaben, die mir zugewiesen werden' },
  notifySettingDueChanges: { en: 'Due date of my tasks moved', de: 'Fälligkeit meiner Aufgaben verschoben' },
  notifySettingDigest: { en: 'Daily digest of my due tasks', de: 'Tägliche Übersicht meiner fälligen Aufgaben' },
  notifySettingDigestTime: { en: 'Digest time (your time zone)', de: 'Uhrzeit der Übersicht (Ihre Zeitzone)' },
  notifySettingWeekdays: { en: 'Digest on weekdays only', de: 'Übersicht nur an Werktagen' },
  notifyOn: { en: 'On', de: 'Ein' },
  notifySettingsSave: { en: 'Save', de: 'Speichern' },
  notifySettingsSaved: { en: 'Notification settings saved.', de: 'Benachrichtigungseinstellungen gespeichert.' },
  notifySettingsBadTime: {
    en: 'Enter the digest time as HH:MM, e.g. 08:30.',
    de: 'Geben Sie die Uhrzeit als HH:MM ein, z. B. 08:30.',
  },
  notifySettingsNoChat: {
    en: 'Send me a message in our personal chat first; then I can write to you there.',
    de: 'Schreiben Sie mir zuerst im persönlichen Chat; dann kann ich Ihnen dort schreiben.',
  },
  welcomeNotifyHint: {
    en: 'You get a message here when someone assigns you a task, and a digest of due tasks on weekday mornings. Type "notifications" to change this.',
    de: 'Sie erhalten hier eine Nachricht, wenn Ihnen jemand eine Aufgabe zuweist, und werktags morgens eine Übersicht fälliger Aufgaben. Geben Sie "benachrichtigungen" ein, um das zu ändern.',
  },
} satisfies Record<string, Localized>;
