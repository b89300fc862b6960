import type { Locale } from '../i18n';

/** Every text the sanitizer puts into a task description, in both product languages. */
export const SANITIZE_TEXT = {
  from: { en: 'From', de: 'Von' },
  to: { en: 'To', de: 'An' },
  cc: { en: 'Cc', de: 'Cc' },
  date: { en: 'Date', de: 'Datum' },
  subject: { en: 'Subject', de: 'Betreff' },
  attachments: { en: 'Attachments', de: 'Anhänge' },
  noSubject: { en: '(no subject)', de: '(kein Betreff)' },
  mail: { en: 'Email', de: 'E-Mail' },
  openMail: { en: 'Open the email in Outlook on the web', de: 'E-Mail in Outlook im Web öffnen' },
  filesStayInMail: {
    en: 'The attached files stay in the email; open it to get them.',
    de: 'Die angehängten Dateien bleiben in der E-Mail; öffnen Sie sie, um sie zu erhalten.',
  },
  truncated: {
    en: '… the email was shortened because it is too long for a task description.',
    de: '… die E-Mail wurde gekürzt, weil sie für eine Aufgabenbeschreibung zu lang ist.',
  },
  earlierMessages: { en: 'Earlier messages', de: 'Frühere Nachrichten' },
} as const satisfies Record<string, Record<Locale, string>>;

export function inlineImageNote(name: string, locale: Locale): string {
  return locale === 'de' ? `[eingebettetes Bild: ${name}]` : `[inline image: ${name}]`;
}

export function remoteImageNote(name: string, locale: Locale): string {
  return locale === 'de' ? `[externes Bild: ${name}]` : `[external image: ${name}]`;
}

export function imageNote(locale: Locale): string {
  return locale === 'de' ? '[Bild]' : '[image]';
}
