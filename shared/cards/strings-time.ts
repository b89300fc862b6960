import type { Localized } from '../i18n';

/** Texts of time tracking (timer, booking, log time, my time), spread into STRINGS. */
export const TIME_STRINGS = {
  actionStartTimer: { en: 'Start timer', de: 'Stoppuhr starten' },
  actionLogTime: { en: 'Log time', de: 'Zeit buchen' },
  actionPause: { en: 'Pause', de: 'Pausieren' },
  actionResume: { en: 'Resume', de: 'Fortsetzen' },
  actionStop: { en: 'Stop', de: 'Stoppen' },
  actionBook: { en: 'Book', de: 'Buchen' },
  actionDiscard: { en: 'Discard', de: 'Verwerfen' },
  actionMyTime: { en: 'My time', de: 'Meine Zeit' },
  actionPreviousWeek: { en: 'Previous week', de: 'Vorherige Woche' },
  actionNextWeek: { en: 'Next week', de: 'Nächste Woche' },
  actionKeepTimer: { en: 'Keep it running', de: 'Weiterlaufen lassen' },
  actionStopAndBook: { en: 'Stop and book it', de: 'Stoppen und buchen' },
  actionTimer: { en: 'Timer', de: 'Stoppuhr' },

  timerTitle: { en: 'Timer', de: 'Stoppuhr' },
  timerRunning: { en: 'Running', de: 'Läuft' },
  timerPaused: { en: 'Paused', de: 'Pausiert' },
  timerElapsed: { en: 'Elapsed', de: 'Verstrichen' },
  timerStartedAt: { en: 'Started', de: 'Gestartet' },
  timerAsOf: { en: 'as of {time}', de: 'Stand {time}' },
  timerNone: {
    en: 'No timer is running. Start one with "Start timer" on a task card or in "my tasks".',
    de: 'Keine Stoppuhr läuft. Starten Sie eine mit „Stoppuhr starten“ auf einer Aufgabenkarte oder in „meine aufgaben“.',
  },
  timerOthers: { en: 'Other paused timers', de: 'Weitere pausierte Stoppuhren' },
  timerStarted: { en: 'Timer started.', de: 'Stoppuhr gestartet.' },
  timerPausedBanner: { en: 'Timer paused.', de: 'Stoppuhr pausiert.' },
  timerResumed: { en: 'Timer resumed.', de: 'Stoppuhr fortgesetzt.' },
  timerDiscarded: { en: 'Timer stopped, nothing booked.', de: 'Stoppuhr gestoppt, nichts gebucht.' },
  timerBusyTitle: { en: 'Another timer is running', de: 'Eine andere Stoppuhr läuft' },
  timerBusyText: {
    en: 'Your timer on "{name}" is running ({elapsed}). Only one timer runs at a time: stop and book it first?',
    de: 'Ihre Stoppuhr für „{name}“ läuft ({elapsed}). Es läuft immer nur eine: zuerst stoppen und buchen?',
  },
  timerGoneTitle: { en: 'Timer already stopped', de: 'Stoppuhr bereits gestoppt' },
  timerGoneText: {
    en: 'This timer was already stopped or booked, so nothing was booked again.',
    de: 'Diese Stoppuhr wurde bereits gestoppt oder gebucht; es wurde nichts erneut gebucht.',
  },
  timerNeedsProject: {
    en: 'Time can only be tracked on tasks of a project. Move the task to a project first.',
    de: 'Zeit lässt sich nur auf Aufgaben eines Projekts erfassen. Ordnen Sie die Aufgabe zuerst einem Projekt zu.',
  },

  bookTitle: { en: 'Book time', de: 'Zeit buchen' },
  bookTimerText: {
    en: 'The timer is paused at {elapsed}. Book it, change the time, or discard it.',
    de: 'Die Stoppuhr ist bei {elapsed} angehalten. Buchen, Zeit ändern oder verwerfen.',
  },
  bookNextHint: {
    en: 'Afterwards the timer on "{name}" starts.',
    de: 'Danach startet die Stoppuhr für „{name}“.',
  },
  fieldEntryName: { en: 'Entry name', de: 'Name des Eintrags' },
  fieldDuration: { en: 'Duration', de: 'Dauer' },
  fieldDurationPlaceholder: { en: 'e.g. 1.5h, 90m or 1:30', de: 'z. B. 1,5h, 90m oder 1:30' },
  fieldNote: { en: 'Description', de: 'Beschreibung' },
  fieldBillable: { en: 'Billable', de: 'Abrechenbar' },
  fieldDate: { en: 'Date', de: 'Datum' },
  fieldTask: { en: 'Task', de: 'Aufgabe' },
  logTitle: { en: 'Log time', de: 'Zeit buchen' },
  editEntryTitle: { en: 'Edit time entry', de: 'Zeiteintrag bearbeiten' },
  errorTaskRequired: { en: 'Please choose a task.', de: 'Bitte wählen Sie eine Aufgabe.' },
  timeBooked: { en: 'Booked {duration} on "{name}".', de: '{duration} auf „{name}“ gebucht.' },
  timeEntryUpdated: { en: 'Time entry saved.', de: 'Zeiteintrag gespeichert.' },
  timeEntryDeleted: { en: 'Time entry deleted.', de: 'Zeiteintrag gelöscht.' },
  timeEntryNotYours: {
    en: 'You can only change your own time entries.',
    de: 'Sie können nur Ihre eigenen Zeiteinträge ändern.',
  },
  confirmDeleteEntryTitle: { en: 'Delete this time entry?', de: 'Diesen Zeiteintrag löschen?' },
  confirmDeleteEntryText: {
    en: '"{name}", {duration} on {date} will be deleted in InLoox.',
    de: '„{name}“, {duration} am {date} wird in InLoox gelöscht.',
  },
  logUsage: {
    en: 'Write the duration and the task, e.g. "log 1.5h Kickoff meeting notes".',
    de: 'Schreiben Sie Dauer und Aufgabe, z. B. „zeit 1,5h Kickoff Protokoll“.',
  },
  logTaskNotFound: {
    en: 'No task starts with "{text}". Choose one in the form.',
    de: 'Keine Aufgabe beginnt mit „{text}“. Wählen Sie eine im Formular.',
  },

  weekTitle: { en: 'My time: week of {date}', de: 'Meine Zeit: Woche ab {date}' },
  weekTotal: { en: 'Total {total}', de: 'Summe {total}' },
  weekEmpty: { en: 'No time booked this week.', de: 'Diese Woche ist keine Zeit gebucht.' },
  weekMore: {
    en: '{count} more entries are in InLoox.',
    de: '{count} weitere Einträge sind in InLoox.',
  },
  billableMark: { en: 'billable', de: 'abrechenbar' },
} satisfies Record<string, Localized>;
