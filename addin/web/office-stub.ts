/**
 * A stand-in for Office.js for the local Outlook host page (/dev/outlook): the mailbox API the task pane uses,
 * fed by the host page around the pane's frame. Served only in local mode; production pages load Microsoft's
 * Office.js. Asynchronous like the real thing: callbacks run on a later task.
 */
import { DEV_THEMES, type DevMail, type DevOutlookBridge } from '../dev-mail';

type Callback<T> = (result: {
  status: string;
  value: T;
  error?: { code: number; name: string; message: string };
}) => void;

function bridge(): DevOutlookBridge | undefined {
  try {
    return (window.parent as unknown as { devOutlook?: DevOutlookBridge }).devOutlook;
  } catch {
    return undefined; // parent of another origin
  }
}

const params = new URLSearchParams(location.search);
const host = bridge();
const later = (fn: () => void) => setTimeout(fn, 0);
const ok = <T>(callback: Callback<T> | undefined, value: T) => later(() => callback?.({ status: 'succeeded', value }));
const fail = <T>(callback: Callback<T> | undefined, code: number, message: string) =>
  later(() => callback?.({ status: 'failed', value: undefined as T, error: { code, name: 'GenericError', message } }));

function callbackOf<T>(optionsOrCallback: unknown, callback?: Callback<T>): Callback<T> | undefined {
  return typeof optionsOrCallback === 'function' ? (optionsOrCallback as Callback<T>) : callback;
}

function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script,style').forEach((node) => node.remove());
  return (doc.body.innerText ?? doc.body.textContent ?? '').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const ITEM_CLASSES: Record<DevMail['itemType'], string> = {
  message: 'IPM.Note',
  meetingRequest: 'IPM.Schedule.Meeting.Request',
  appointment: 'IPM.Appointment',
};

/** The Office.js item for a mail or an appointment, as Outlook gives it in read mode. */
function toItem(mail: DevMail) {
  const address = (a: { name: string; email: string }) => ({
    displayName: a.name,
    emailAddress: a.email,
    recipientType: 'user',
  });
  return {
    itemId: mail.id,
    ...(mail.internetMessageId ? { internetMessageId: mail.internetMessageId } : {}),
    ...(mail.conversationId ? { conversationId: mail.conversationId } : {}),
    notificationMessages: {
      replaceAsync(
        key: string,
        details: { type: string; message: string; actions?: { actionText: string; commandId: string }[] },
        callback?: Callback<void>,
      ) {
        if (typeof details?.message !== 'string' || details.message.length > 150)
          return fail(callback, 9041, 'The notification message is missing or longer than 150 characters.');
        // As in Outlook on the web's read mode: notification actions are available in compose only.
        if (details.type === 'insightMessage')
          return fail(callback, 9040, 'Insight messages with actions are not supported in read mode.');
        host?.notify?.(mail.id, { key, type: details.type, message: details.message });
        ok(callback, undefined);
      },
    },
    itemType: mail.itemType === 'appointment' ? 'appointment' : 'message',
    itemClass: ITEM_CLASSES[mail.itemType],
    subject: mail.subject,
    ...(mail.itemType === 'appointment'
      ? {
          // Appointments have an organizer and attendees instead of a sender and recipients.
          organizer: address(mail.from),
          requiredAttendees: mail.to.map(address),
          optionalAttendees: mail.cc.map(address),
          location: mail.location ?? '',
          seriesId: mail.seriesId ?? '',
        }
      : { from: address(mail.from), sender: address(mail.from), to: mail.to.map(address), cc: mail.cc.map(address) }),
    dateTimeCreated: new Date(mail.date),
    dateTimeModified: new Date(mail.date),
    ...(mail.end ? { start: new Date(mail.date), end: new Date(mail.end) } : {}),
    attachments: mail.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      isInline: a.isInline,
      contentId: a.contentId,
      attachmentType: 'file',
    })),
    body: {
      getAsync(coercionType: string, optionsOrCallback: unknown, callback?: Callback<string>) {
        const cb = callbackOf(optionsOrCallback, callback);
        if (!mail.body) return ok(cb, '');
        if (coercionType === 'html') {
          const html =
            mail.bodyType === 'html'
              ? mail.body
              : `<html><body><div>${escapeHtml(mail.body).replace(/\r?\n/g, '<br>')}</div></body></html>`;
          return ok(cb, html);
        }
        if (coercionType === 'text') return ok(cb, mail.bodyType === 'text' ? mail.body : htmlToText(mail.body));
        return fail(cb, 1000, `Unsupported coercion type: ${coercionType}`);
      },
    },
    getAttachmentContentAsync(id: string, optionsOrCallback: unknown, callback?: Callback<unknown>) {
      const cb = callbackOf(optionsOrCallback, callback);
      const attachment = mail.attachments.find((a) => a.id === id);
      if (!attachment?.base64) return fail(cb, 9010, 'The attachment was not found.');
      ok(cb, { format: 'base64', content: attachment.base64 });
    },
  };
}

const itemChangedHandlers: Array<(args: unknown) => void> = [];
const themeChangedHandlers: Array<(args: unknown) => void> = [];
const themeName = host?.theme ?? (params.get('theme') === 'dark' ? 'dark' : 'light');
const mail = host?.current();

let standalone: Promise<void> | undefined;

/** Opened on its own (?officeStub=1&mail=ID or &appointment=ID): the pane reads that sample, for a pane-only view. */
async function standaloneMail(): Promise<void> {
  const id = params.get('mail') ?? params.get('appointment');
  if (host || !id) return;
  try {
    const response = await fetch('/dev/outlook/mails.json', { headers: { Accept: 'application/json' } });
    const { mails } = (await response.json()) as { mails: DevMail[] };
    const found = mails.find((m) => m.id === id);
    if (found) context.mailbox.item = toItem(found);
  } catch {
    // No sample mails: the pane shows "no email selected".
  }
}

const context = {
  displayLanguage: host?.displayLanguage ?? params.get('lang') ?? 'en-US',
  officeTheme: DEV_THEMES[themeName],
  mailbox: {
    item: mail ? toItem(mail) : null,
    /** Like Outlook: the REST form of the EWS id ('/' and '+' become '-' and '_'). */
    convertToRestId(itemId: string) {
      const binary = Array.from(new TextEncoder().encode(itemId), (byte) => String.fromCharCode(byte)).join('');
      return `AAMk${btoa(binary)}`.replace(/\//g, '-').replace(/\+/g, '_');
    },
    userProfile: { displayName: 'Local Developer', emailAddress: 'dev@localhost', timeZone: 'W. Europe Standard Time' },
    addHandlerAsync(
      eventType: string,
      handler: (args: unknown) => void,
      optionsOrCallback?: unknown,
      callback?: Callback<void>,
    ) {
      const cb = callbackOf<void>(optionsOrCallback, callback);
      if (eventType === 'olkItemSelectedChanged') itemChangedHandlers.push(handler);
      else if (eventType === 'officeThemeChanged') themeChangedHandlers.push(handler);
      else return fail(cb, 5001, `Unsupported event: ${eventType}`);
      ok(cb, undefined);
    },
  },
};

host?.onThemeChanged(() => {
  context.officeTheme = DEV_THEMES[host.theme];
  for (const handler of themeChangedHandlers) {
    later(() => handler({ type: 'officeThemeChanged', officeTheme: context.officeTheme }));
  }
});

host?.onSelectionChanged(() => {
  const next = host.current();
  // As in Outlook: the item is replaced first, then the handlers run.
  context.mailbox.item = next ? toItem(next) : null;
  for (const handler of itemChangedHandlers) later(() => handler({ type: 'olkItemSelectedChanged' }));
});

const info = { host: 'Outlook', platform: 'OfficeOnline' };

(window as unknown as { Office: unknown }).Office = {
  onReady(callback?: (value: typeof info) => void) {
    standalone ??= standaloneMail();
    return standalone.then(() => {
      callback?.(info);
      return info;
    });
  },
  context,
  auth: {
    getAccessToken(): Promise<string> {
      // Like Office when the add-in has no SSO registration: the pane falls back to the local identity.
      return Promise.reject({
        code: 13000,
        name: 'API Not Supported',
        message: 'Single sign-on is not available in local mode.',
      });
    },
  },
  CoercionType: { Html: 'html', Text: 'text' },
  EventType: { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' },
  MailboxEnums: {
    RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' },
    ItemType: { Message: 'message', Appointment: 'appointment' },
    ItemNotificationMessageType: {
      ProgressIndicator: 'progressIndicator',
      InformationalMessage: 'informationalMessage',
      ErrorMessage: 'errorMessage',
      InsightMessage: 'insightMessage',
    },
    ActionType: { ShowTaskPane: 'showTaskPane' },
  },
  actions: {
    associate(name: string, handler: (event: { completed(options?: unknown): void }) => unknown) {
      host?.associate?.(name, handler);
    },
  },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  HostType: { Outlook: 'Outlook' },
};
