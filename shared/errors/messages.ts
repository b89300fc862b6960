/**
 * The one catalogue of what the product tells people when something fails, in English and German. Each code of
 * the wire contract and each reason an input is refused has exactly one entry; the switches end in a `never`
 * check, so a new code without its words fails the type check. Messages that send people somewhere name the
 * host they are in (Outlook, Teams, the tab).
 */
import type { ValidationCode } from '../domain/codes';
import { LIMITS } from '../domain/limits';
import type { Locale, Localized } from '../i18n';
import type { ErrorCode } from './wire';

/** Where the person is: the Outlook add-in, the Teams chat (bot), or the Teams personal tab. */
export type Host = 'outlook' | 'teams' | 'tab';

/** Why a request was refused before anything reached InLoox: a domain rule, or a surface-level problem. */
export type InvalidReason =
  | ValidationCode
  | 'unreadable_request'
  | 'email_unreadable'
  | 'email_too_large'
  | 'custom_field_invalid'
  | 'duration_out_of_range';

/** What a piece of HTML the product refused to process was. */
export type HtmlSubject = 'email' | 'message' | 'description';

/** What a message may mention; never anything technical. */
export interface ErrorFacts {
  code: ErrorCode;
  /** For limits on HTML: what was too large or too complex. */
  subject?: HtmlSubject;
  invalidReason?: InvalidReason;
  /** The input field at fault, as the client names it. */
  field?: string;
  retryAfterSeconds?: number;
  /** For refused custom field values: one sentence per field naming it, already in the person's language. */
  problems?: string;
}

/** The app the person has open, as the object of "reload …" (German accusative). */
const PLACE: Record<Host, Localized> = {
  outlook: { en: 'the InLoox add-in in Outlook', de: 'das InLoox-Add-in in Outlook' },
  teams: { en: 'the chat with InLoox in Teams', de: 'den Chat mit InLoox in Teams' },
  tab: { en: 'the InLoox tab in Teams', de: 'den InLoox-Tab in Teams' },
};

export function unreachable(value: never): never {
  throw new Error(`No message for ${String(value)}`);
}

function fieldWord(field: string | undefined): Localized | undefined {
  switch (field) {
    case 'projectId':
      return { en: 'project', de: 'Projekt' };
    case 'assigneeId':
    case 'contactId':
      return { en: 'person', de: 'Person' };
    case 'taskId':
      return { en: 'task', de: 'Aufgabe' };
    default:
      return undefined;
  }
}

/** Words for a refused input; `field` makes them precise where the rule alone is not. */
export function invalidReasonText(reason: InvalidReason, field?: string, problems?: string): Localized {
  switch (reason) {
    case 'name_required':
    case 'name_too_long':
      return {
        en: `Please enter a name (at most ${LIMITS.name} characters).`,
        de: `Bitte geben Sie einen Namen ein (höchstens ${LIMITS.name} Zeichen).`,
      };
    case 'text_required':
      return field === 'html'
        ? { en: 'The comment is empty.', de: 'Der Kommentar ist leer.' }
        : { en: 'Please enter a text.', de: 'Bitte geben Sie einen Text ein.' };
    case 'text_too_long':
      return field === 'descriptionHtml'
        ? { en: 'The description is too long.', de: 'Die Beschreibung ist zu lang.' }
        : field === 'html'
          ? { en: 'The comment is too long.', de: 'Der Kommentar ist zu lang.' }
          : { en: 'The text is too long.', de: 'Der Text ist zu lang.' };
    case 'effort_out_of_range':
      return {
        en: `The effort must be a number of hours from 0 to ${LIMITS.effortHours}.`,
        de: `Der Aufwand muss eine Stundenzahl von 0 bis ${LIMITS.effortHours} sein.`,
      };
    case 'invalid_date':
      return /^(start|startDate|startDateTime)$/.test(field ?? '')
        ? { en: 'The start date is not valid.', de: 'Das Startdatum ist ungültig.' }
        : /^(end|endDate|endDateTime)$/.test(field ?? '')
          ? { en: 'The end date is not valid.', de: 'Das Enddatum ist ungültig.' }
          : { en: 'Please enter a valid date.', de: 'Bitte geben Sie ein gültiges Datum ein.' };
    case 'end_before_start':
      return { en: 'The end cannot be before the start.', de: 'Das Ende darf nicht vor dem Beginn liegen.' };
    case 'invalid_id':
    case 'choice_required': {
      const word = fieldWord(field);
      return word
        ? {
            en: `Please choose a ${word.en} from the list.`,
            de: `Bitte wählen Sie ${word.de === 'Projekt' ? 'ein' : 'eine'} ${word.de} aus der Liste.`,
          }
        : { en: 'Please choose an entry from the list.', de: 'Bitte wählen Sie einen Eintrag aus der Liste.' };
    }
    case 'search_too_long':
      return {
        en: `The search text can have at most ${LIMITS.search} characters.`,
        de: `Der Suchtext darf höchstens ${LIMITS.search} Zeichen haben.`,
      };
    case 'api_key_required':
      return {
        en: 'Please paste your InLoox personal access token.',
        de: 'Bitte fügen Sie Ihr persönliches InLoox-Zugriffstoken ein.',
      };
    case 'api_key_malformed':
      return {
        en: 'This does not look like an InLoox personal access token. Please copy it again from InLoox.',
        de: 'Das sieht nicht nach einem persönlichen InLoox-Zugriffstoken aus. Bitte kopieren Sie es erneut aus InLoox.',
      };
    case 'duration_out_of_range':
      return {
        en: 'Please enter a duration like 1.5h, 90m or 1:30: more than 0 and at most 24 hours.',
        de: 'Bitte geben Sie eine Dauer wie 1,5h, 90m oder 1:30 ein: mehr als 0 und höchstens 24 Stunden.',
      };
    case 'unreadable_request':
      return { en: 'The request could not be read.', de: 'Die Anfrage konnte nicht gelesen werden.' };
    case 'email_unreadable':
      return { en: 'The email could not be read.', de: 'Die E-Mail konnte nicht gelesen werden.' };
    case 'custom_field_invalid':
      return problems
        ? { en: `Please check your input: ${problems}`, de: `Bitte prüfen Sie Ihre Eingaben: ${problems}` }
        : { en: 'Please check the custom fields.', de: 'Bitte prüfen Sie die benutzerdefinierten Felder.' };
    case 'email_too_large':
      return {
        en: 'The email is too large to send. Try leaving out earlier messages, or shorten it.',
        de: 'Die E-Mail ist zu groß zum Senden. Lassen Sie frühere Nachrichten weg oder kürzen Sie sie.',
      };
    default:
      return unreachable(reason);
  }
}

const SUBJECT: Record<HtmlSubject, Localized> = {
  email: { en: 'The email', de: 'Die E-Mail' },
  message: { en: 'The message', de: 'Die Nachricht' },
  description: { en: 'The description', de: 'Die Beschreibung' },
};

const HTML_LIMIT: Record<'too_large' | 'too_complex' | 'busy', Localized> = {
  too_large: {
    en: 'is too large to process because it has more than 512 KB of text and formatting (images not counted). Please use a shorter part of it.',
    de: 'ist zu groß zum Verarbeiten, weil sie mehr als 512 KB Text und Formatierung enthält (Bilder nicht mitgezählt). Bitte verwenden Sie einen kürzeren Teil davon.',
  },
  too_complex: {
    en: 'is too complex to process because its formatting is nested too deeply or takes too long to read. Please use a shorter part of it or a plain-text copy.',
    de: 'ist zu komplex zum Verarbeiten, weil die Formatierung zu tief verschachtelt ist oder zu lange zum Lesen braucht. Bitte verwenden Sie einen kürzeren Teil davon oder eine Nur-Text-Kopie.',
  },
  busy: {
    en: 'cannot be processed right now because the server is busy. Please try again in a moment.',
    de: 'kann gerade nicht verarbeitet werden, weil der Server ausgelastet ist. Bitte versuchen Sie es gleich noch einmal.',
  },
};

function htmlLimitText(subject: HtmlSubject, limit: keyof typeof HTML_LIMIT): Localized {
  return {
    en: `${SUBJECT[subject].en} ${HTML_LIMIT[limit].en}`,
    de: `${SUBJECT[subject].de} ${HTML_LIMIT[limit].de}`,
  };
}

function codeText(facts: ErrorFacts, host: Host): Localized {
  const { code } = facts;
  switch (code) {
    case 'invalid_request':
      return invalidReasonText(facts.invalidReason ?? 'unreadable_request', facts.field, facts.problems);
    case 'invalid_key':
      return {
        en: 'InLoox did not accept this access token. Please check it and paste it again.',
        de: 'InLoox hat dieses Zugriffstoken nicht akzeptiert. Bitte prüfen Sie es und fügen Sie es erneut ein.',
      };
    case 'validation':
      return facts.field
        ? {
            en: `InLoox could not accept the entered values (field: ${facts.field}).`,
            de: `InLoox konnte die eingegebenen Werte nicht übernehmen (Feld: ${facts.field}).`,
          }
        : {
            en: 'InLoox could not accept the entered values.',
            de: 'InLoox konnte die eingegebenen Werte nicht übernehmen.',
          };
    case 'missing_identity':
      return {
        en: 'I could not tell who you are in Microsoft 365 (no tenant or user id in the message), so I cannot use InLoox for you here.',
        de: 'Ich konnte nicht feststellen, wer Sie in Microsoft 365 sind (keine Mandanten- oder Benutzer-ID in der Nachricht), daher kann ich InLoox hier nicht für Sie verwenden.',
      };
    case 'unauthenticated':
      return {
        en: `Your sign-in could not be verified. Please reload ${PLACE[host].en}.`,
        de: `Ihre Anmeldung konnte nicht bestätigt werden. Bitte laden Sie ${PLACE[host].de} neu.`,
      };
    case 'forbidden':
      return {
        en: 'You do not have permission to do this in InLoox.',
        de: 'Sie haben in InLoox keine Berechtigung dafür.',
      };
    case 'cross_site_request':
      return {
        en: 'This request came from another website and was refused.',
        de: 'Diese Anfrage kam von einer anderen Website und wurde abgelehnt.',
      };
    case 'not_found':
      return { en: 'This item no longer exists in InLoox.', de: 'Dieses Element gibt es in InLoox nicht mehr.' };
    case 'route_not_found':
      return { en: 'This address does not exist.', de: 'Diese Adresse gibt es nicht.' };
    case 'not_connected':
      return {
        en: 'You are not connected to InLoox yet. Please connect first.',
        de: 'Sie sind noch nicht mit InLoox verbunden. Bitte verbinden Sie sich zuerst.',
      };
    case 'needs_reconnect':
      return {
        en: 'InLoox rejected your access token. Please connect again.',
        de: 'InLoox hat Ihr Zugriffstoken nicht akzeptiert. Bitte verbinden Sie sich erneut.',
      };
    case 'conflict':
      return {
        en: 'InLoox reported a conflict: the item was changed in the meantime. Please reload and try again.',
        de: 'InLoox meldet einen Konflikt: Das Element wurde zwischenzeitlich geändert. Bitte neu laden und erneut versuchen.',
      };
    case 'too_large':
      if (facts.subject) return htmlLimitText(facts.subject, code);
      return facts.invalidReason
        ? invalidReasonText(facts.invalidReason, facts.field)
        : { en: 'The request is too large.', de: 'Die Anfrage ist zu groß.' };
    case 'too_complex':
      return htmlLimitText(facts.subject ?? 'email', code);
    case 'busy':
      return facts.subject
        ? htmlLimitText(facts.subject, code)
        : {
            en: 'The server is busy right now. Please try again in a moment.',
            de: 'Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
          };
    case 'unsupported_media_type':
      return {
        en: 'This request must be sent as JSON.',
        de: 'Diese Anfrage muss als JSON gesendet werden.',
      };
    case 'throttled': {
      const seconds = facts.retryAfterSeconds ?? 60;
      return {
        en: `InLoox is busy right now. Please try again in ${seconds} s.`,
        de: `InLoox ist gerade ausgelastet. Bitte versuchen Sie es in ${seconds} s erneut.`,
      };
    }
    case 'too_many_attempts': {
      const seconds = facts.retryAfterSeconds ?? 60;
      return {
        en: `Too many connection attempts. Please wait ${seconds} s, then try again with your personal access token.`,
        de: `Zu viele Verbindungsversuche. Bitte warten Sie ${seconds} s und versuchen Sie es dann erneut mit Ihrem persönlichen Zugriffstoken.`,
      };
    }
    case 'form_in_progress':
      return {
        en: 'This form is being sent already. Please wait a moment; nothing is created twice.',
        de: 'Dieses Formular wird bereits gesendet. Bitte warten Sie einen Moment; es wird nichts doppelt angelegt.',
      };
    case 'internal':
      return {
        en: 'An unexpected error occurred. Please try again.',
        de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es erneut.',
      };
    case 'inloox_unavailable':
      return {
        en: 'InLoox is not reachable at the moment. Please try again later.',
        de: 'InLoox ist im Moment nicht erreichbar. Bitte versuchen Sie es später erneut.',
      };
    case 'sign_in_unavailable':
      return {
        en: 'Your sign-in cannot be checked right now. Please try again in a moment.',
        de: 'Ihre Anmeldung kann gerade nicht geprüft werden. Bitte versuchen Sie es gleich noch einmal.',
      };
    case 'connection_unreadable':
      return {
        en: 'Your saved InLoox connection cannot be read right now. Please try again later or contact your IT team.',
        de: 'Ihre gespeicherte InLoox-Verbindung kann gerade nicht gelesen werden. Bitte versuchen Sie es später erneut oder wenden Sie sich an Ihre IT.',
      };
    default:
      return unreachable(code);
  }
}

/** The message for a failure, in the person's language, for the host they are in. */
export function errorMessage(facts: ErrorFacts, locale: Locale, host: Host): string {
  return codeText(facts, host)[locale];
}
