/**
 * The link that opens a mail in Outlook on the web, from the item's REST id (Office.js convertToRestId): the same
 * form as the message's webLink in Microsoft Graph. Built here, never taken from the page, so the header can only
 * ever link to Outlook.
 */
export const OUTLOOK_WEB = 'https://outlook.office.com/owa/';

export function outlookWebLink(restId: string | undefined): string | undefined {
  const id = restId?.trim();
  // REST ids are URL-safe base64; anything else is not an id Outlook gave.
  if (!id || !/^[A-Za-z0-9_=+/-]+$/.test(id)) return undefined;
  return `${OUTLOOK_WEB}?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`;
}
