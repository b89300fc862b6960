import type { AccountData } from '../accountData';
import { badRequest } from '../odata/errors';
import type { ParameterSchema } from '../odata/parameters';

/** The parameters of every AddNote action (Project and Task). */
export const NOTE_PARAMETERS: ParameterSchema = {
  htmlText: { type: 'Edm.String', required: true },
  notificationContactIds: { type: 'Collection(Edm.Guid)', required: true },
};

export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Checks AddNote's parsed parameters: a note with text, notifying contacts that exist. */
export function noteContent(data: AccountData, args: Record<string, unknown>): { html: string; notify: string[] } {
  const html = args.htmlText as string;
  if (htmlToText(html) === '') throw badRequest('The note is empty.');
  for (const contactId of args.notificationContactIds as string[]) data.requireRow('Contact', contactId, 'Contact');
  return { html, notify: args.notificationContactIds as string[] };
}
