import type { Localized } from '../i18n';

/** Texts of the message action when the message is already an InLoox task. */
export const FILING_STRINGS = {
  extAlreadyTaskTitle: { en: 'Already an InLoox task', de: 'Schon eine InLoox-Aufgabe' },
  extAlreadyTaskText: {
    en: 'You made this message the InLoox task [{name}]({link}) ({state}) on {date}.',
    de: 'Sie haben aus dieser Nachricht am {date} die InLoox-Aufgabe [{name}]({link}) ({state}) gemacht.',
  },
  extTaskStateOpen: { en: 'open', de: 'offen' },
  extTaskStateDone: { en: 'done', de: 'erledigt' },
} satisfies Record<string, Localized>;
