/**
 * The one place that touches Office.js: callbacks become promises, Office's shapes become plain data.
 * Everything else in the pane works on MailItem and strings and is testable without Office.
 */
import type { HostTheme } from '../../ui/theme';

export interface EmailAddress {
  name: string;
  email: string;
}

export interface MailItem {
  itemId?: string;
  subject: string;
  from?: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  /** When the message was received (dateTimeCreated). */
  date?: Date;
  /** A due date the item carries itself (meeting requests: their end). */
  dueDate?: Date;
  attachments: AttachmentRef[];
  /** The mail's Internet message id; missing in drafts and some shared mailboxes (then nothing is remembered). */
  internetMessageId?: string;
  conversationId?: string;
  /** The REST-form item id (convertToRestId), for the link back to the mail in Outlook on the web. */
  restId?: string;
}

export interface AttachmentRef {
  id: string;
  name: string;
  contentType?: string;
  size?: number;
  isInline: boolean;
  contentId?: string;
}

/** The parts of Office.js the pane uses (no dependency on the office-js type package). */
interface OfficeAsyncResult<T> {
  status: string;
  value: T;
  error?: { code?: number; name?: string; message?: string };
}
type AsyncCallback<T> = (result: OfficeAsyncResult<T>) => void;
interface OfficeEmailAddressDetails {
  displayName?: string;
  emailAddress?: string;
}
interface OfficeAttachment {
  id?: string;
  name?: string;
  contentType?: string;
  size?: number;
  isInline?: boolean;
  contentId?: string;
  attachmentType?: string;
}
interface OfficeNotification {
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
  actions?: { actionText: string; actionType: string; commandId: string; contextData?: unknown }[];
}
interface OfficeItem {
  itemId?: string;
  internetMessageId?: unknown;
  conversationId?: unknown;
  notificationMessages?: {
    replaceAsync(key: string, details: OfficeNotification, callback?: AsyncCallback<void>): void;
  };
  itemType?: string;
  subject?: unknown;
  from?: OfficeEmailAddressDetails;
  to?: OfficeEmailAddressDetails[];
  cc?: OfficeEmailAddressDetails[];
  dateTimeCreated?: Date | string;
  start?: unknown;
  end?: unknown;
  /** Occurrences of a recurring meeting: the series' id (Mailbox 1.7). */
  seriesId?: unknown;
  location?: unknown;
  attachments?: OfficeAttachment[];
  body?: { getAsync(coercionType: string, optionsOrCallback: unknown, callback?: AsyncCallback<string>): void };
  getAttachmentContentAsync?(
    attachmentId: string,
    optionsOrCallback: unknown,
    callback?: AsyncCallback<{ format: string; content: string }>,
  ): void;
}
export interface OfficeLike {
  onReady(callback?: (info: { host: string | null; platform: string | null }) => void): Promise<{
    host: string | null;
    platform: string | null;
  }>;
  context: {
    displayLanguage?: string;
    officeTheme?: HostTheme;
    mailbox?: {
      item?: OfficeItem | null;
      convertToRestId?(itemId: string, restVersion: string): string;
      addHandlerAsync?(eventType: string, handler: (args?: unknown) => void, callback?: AsyncCallback<void>): void;
    };
  };
  auth?: { getAccessToken(options?: Record<string, unknown>): Promise<string> };
  CoercionType?: { Html?: string; Text?: string };
  EventType?: { ItemChanged?: string; OfficeThemeChanged?: string };
  MailboxEnums?: {
    RestVersion?: { v2_0?: string };
    ItemType?: { Appointment?: string };
    ItemNotificationMessageType?: { InformationalMessage?: string; ErrorMessage?: string; InsightMessage?: string };
    ActionType?: { ShowTaskPane?: string };
  };
  actions?: { associate(name: string, handler: (event: { completed(options?: unknown): void }) => unknown): void };
  AsyncResultStatus?: { Succeeded?: string };
}

/** Raised when Office.js says no; `code` is Office's numeric error code when it gave one. */
export class OfficeError extends Error {
  readonly code?: number;
  constructor(message: string, code?: number) {
    super(message);
    this.name = 'OfficeError';
    this.code = code;
  }
}

function office(): OfficeLike {
  const value = (globalThis as { Office?: OfficeLike }).Office;
  if (!value) throw new OfficeError('Office.js is not loaded');
  return value;
}

function succeeded(result: OfficeAsyncResult<unknown>): boolean {
  return result.status === (office().AsyncResultStatus?.Succeeded ?? 'succeeded');
}

function callAsync<T>(invoke: (callback: AsyncCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (succeeded(result)) resolve(result.value);
        else reject(new OfficeError(result.error?.message ?? 'Office request failed', result.error?.code));
      });
    } catch (error) {
      reject(new OfficeError((error as Error)?.message ?? 'Office request failed'));
    }
  });
}

/** Resolves once Office.js has initialised the add-in. */
export async function ready(timeoutMs = 10_000): Promise<{ host: string | null; platform: string | null }> {
  const officeJs = office();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      officeJs.onReady(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new OfficeError('Office did not get ready')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function toAddress(details: OfficeEmailAddressDetails | undefined): EmailAddress | undefined {
  if (!details) return undefined;
  const email = (details.emailAddress ?? '').trim();
  const name = (details.displayName ?? '').trim() || email;
  return name || email ? { name, email } : undefined;
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' && value) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** The item in the reading pane, or undefined when none is selected (pinned pane, multi-selection). */
export function getItem(): MailItem | undefined {
  const item = office().context.mailbox?.item;
  if (!item) return undefined;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const addresses = (list: OfficeEmailAddressDetails[] | undefined) =>
    (Array.isArray(list) ? list : []).map(toAddress).filter((a): a is EmailAddress => !!a);
  return {
    itemId: item.itemId,
    subject: typeof item.subject === 'string' ? item.subject : '',
    from: toAddress(item.from),
    to: addresses(item.to),
    cc: addresses(item.cc),
    date: toDate(item.dateTimeCreated),
    dueDate: toDate(item.end),
    internetMessageId: text(item.internetMessageId),
    conversationId: text(item.conversationId),
    restId: restIdOf(item.itemId),
    attachments: (Array.isArray(item.attachments) ? item.attachments : [])
      .filter((a) => a.id && a.attachmentType !== 'item')
      .map((a) => ({
        id: a.id!,
        name: a.name ?? '',
        contentType: a.contentType,
        size: a.size,
        isInline: !!a.isInline,
        contentId: a.contentId,
      })),
  };
}

export interface AppointmentItem {
  /** The occurrence's item id; with `seriesId`, the occurrence of a series. */
  itemId?: string;
  seriesId?: string;
  subject: string;
  start: Date;
  end: Date;
  location?: string;
}

/** The appointment or meeting open in read mode; undefined for mails (meeting requests included) and no item. */
export function getAppointment(): AppointmentItem | undefined {
  const item = office().context.mailbox?.item;
  if (!item || item.itemType !== (office().MailboxEnums?.ItemType?.Appointment ?? 'appointment')) return undefined;
  const start = toDate(item.start);
  const end = toDate(item.end);
  if (!start || !end) return undefined;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  return {
    itemId: text(item.itemId),
    seriesId: text(item.seriesId),
    subject: typeof item.subject === 'string' ? item.subject : '',
    start,
    end,
    location: text(item.location),
  };
}

/** The REST-form id of an item; undefined where the host cannot convert (then the header has no link back). */
function restIdOf(itemId: string | undefined): string | undefined {
  const mailbox = office().context.mailbox;
  if (!itemId || !mailbox?.convertToRestId) return undefined;
  try {
    return mailbox.convertToRestId(itemId, office().MailboxEnums?.RestVersion?.v2_0 ?? 'v2.0') || undefined;
  } catch {
    return undefined;
  }
}

export interface Notification {
  kind: 'info' | 'error';
  /** At most 150 characters (Outlook's limit); longer text is cut. */
  message: string;
  /** Where supported (Mailbox 1.10, compose in the new Outlook): a button that opens the task pane. */
  openPane?: { label: string; commandId: string };
}

const NOTIFICATION_MAX = 150;

/** Shows (replacing the last one under `key`) a notification message on the open item. */
export async function showNotification(key: string, notification: Notification): Promise<void> {
  const messages = office().context.mailbox?.item?.notificationMessages;
  if (!messages) throw new OfficeError('Notification messages are not supported');
  const types = office().MailboxEnums?.ItemNotificationMessageType ?? {};
  const message =
    notification.message.length > NOTIFICATION_MAX
      ? `${notification.message.slice(0, NOTIFICATION_MAX - 1)}…`
      : notification.message;
  const base: OfficeNotification =
    notification.kind === 'error'
      ? { type: types.ErrorMessage ?? 'errorMessage', message }
      : {
          type: types.InformationalMessage ?? 'informationalMessage',
          message,
          icon: 'Icon.16x16',
          persistent: false,
        };
  if (notification.kind === 'info' && notification.openPane) {
    const insight: OfficeNotification = {
      type: types.InsightMessage ?? 'insightMessage',
      message,
      icon: 'Icon.16x16',
      actions: [
        {
          actionText: notification.openPane.label,
          actionType: office().MailboxEnums?.ActionType?.ShowTaskPane ?? 'showTaskPane',
          commandId: notification.openPane.commandId,
        },
      ],
    };
    // Read mode of the new Outlook has no actions on notifications: fall back to the plain message there.
    try {
      return await callAsync<void>((cb) => messages.replaceAsync(key, insight, cb));
    } catch {
      // fall through
    }
  }
  await callAsync<void>((cb) => messages.replaceAsync(key, base, cb));
}

/** Registers the handler of a function command (ExecuteFunction / executeFunction) under its manifest name. */
export function associateAction(
  name: string,
  handler: (event: { completed(options?: unknown): void }) => unknown,
): void {
  const actions = office().actions;
  if (!actions?.associate) throw new OfficeError('Function commands are not supported');
  actions.associate(name, handler);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text as HTML that keeps its line breaks. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * The body as HTML (HTML coercion). If Outlook cannot give HTML, the text body is converted; an item without
 * a body gives ''.
 */
export async function getBodyHtml(): Promise<string> {
  const item = office().context.mailbox?.item;
  if (!item?.body) return '';
  const body = item.body;
  const coercion = office().CoercionType ?? {};
  try {
    const html = await callAsync<string>((cb) => body.getAsync(coercion.Html ?? 'html', {}, cb));
    if (typeof html === 'string' && html.trim()) return html;
  } catch {
    // Some items (e.g. protected or plain-text only in older hosts) refuse HTML: fall back to text.
  }
  const text = await callAsync<string>((cb) => body.getAsync(coercion.Text ?? 'text', {}, cb)).catch(() => '');
  return typeof text === 'string' && text.trim() ? textToHtml(text) : '';
}

/** The body as plain text (text coercion); '' when there is none or Outlook refuses. */
export async function getBodyText(): Promise<string> {
  const item = office().context.mailbox?.item;
  if (!item?.body) return '';
  const body = item.body;
  const text = await callAsync<string>((cb) => body.getAsync(office().CoercionType?.Text ?? 'text', {}, cb)).catch(
    () => '',
  );
  return typeof text === 'string' ? text : '';
}

/**
 * Inline images (cid:) as data URLs, keyed by content id. Only images, only up to `maxBytesEach`; anything that
 * fails is left out, so the sanitizer replaces it by a note instead of a broken link.
 */
export async function getInlineImages(
  refs: AttachmentRef[],
  maxBytesEach = 96 * 1024,
): Promise<Record<string, string>> {
  const item = office().context.mailbox?.item;
  const images: Record<string, string> = {};
  if (!item?.getAttachmentContentAsync) return images;
  const inline = refs.filter((ref) => ref.isInline && ref.contentId);
  for (const ref of inline.slice(0, 10)) {
    if (ref.size !== undefined && ref.size > maxBytesEach) continue;
    try {
      const content = await callAsync<{ format: string; content: string }>((cb) =>
        item.getAttachmentContentAsync!(ref.id, {}, cb),
      );
      const type = (ref.contentType ?? '').toLowerCase();
      if (content.format !== 'base64' || !/^image\/(png|jpe?g|gif|webp|bmp)$/.test(type)) continue;
      if ((content.content.length * 3) / 4 > maxBytesEach) continue;
      images[ref.contentId!] = `data:${type};base64,${content.content}`;
    } catch {
      // Not available (e.g. item changed meanwhile): the image becomes a note.
    }
  }
  return images;
}

/** Calls `handler` whenever the user selects another item while the pane is pinned. */
export async function onItemChanged(handler: () => void): Promise<void> {
  const mailbox = office().context.mailbox;
  if (!mailbox?.addHandlerAsync) return;
  const eventType = office().EventType?.ItemChanged ?? 'olkItemSelectedChanged';
  await callAsync<void>((cb) => mailbox.addHandlerAsync!(eventType, () => handler(), cb));
}

/**
 * Calls `handler` with the new colours when the Office theme changes (hosts that support OfficeThemeChanged);
 * rejects where the host does not, and the pane keeps the theme it started with.
 */
export async function onThemeChanged(handler: (theme: HostTheme | undefined) => void): Promise<void> {
  const mailbox = office().context.mailbox;
  if (!mailbox?.addHandlerAsync) throw new OfficeError('Theme events are not supported');
  const eventType = office().EventType?.OfficeThemeChanged ?? 'officeThemeChanged';
  await callAsync<void>((cb) =>
    mailbox.addHandlerAsync!(
      eventType,
      (args) => handler((args as { officeTheme?: HostTheme } | undefined)?.officeTheme ?? getTheme()),
      cb,
    ),
  );
}

/** The Office UI language, e.g. "de-DE"; "en-US" when Office does not say. */
export function getDisplayLanguage(): string {
  return office().context.displayLanguage || 'en-US';
}

export function getTheme(): HostTheme | undefined {
  return office().context.officeTheme ?? undefined;
}

/**
 * An SSO token for this add-in's API (Office SSO / nested app authentication). The caller sends it with one
 * request and drops it; Office caches tokens itself.
 */
export async function getAccessToken(): Promise<string> {
  const auth = office().auth;
  if (!auth?.getAccessToken) throw new OfficeError('Single sign-on is not available in this Office version', 13000);
  try {
    return await auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
  } catch (error) {
    const e = error as { code?: number; message?: string };
    throw new OfficeError(e?.message ?? 'Single sign-on failed', typeof e?.code === 'number' ? e.code : undefined);
  }
}
