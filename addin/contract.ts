/**
 * The JSON contract between the task pane (addin/web) and its server API (addin/server), under /addin/api/.
 * Errors always come as ApiErrorBody (ui/api.ts).
 */

import { LIMITS as DOMAIN_LIMITS } from '../shared/domain/limits';
import type { CustomFieldInputs, FieldsNotSaved } from './contract-custom-fields';

/** Limits both sides enforce; the server is authoritative. The domain's own limits come from shared/domain. */
export const LIMITS = {
  nameMaxLength: DOMAIN_LIMITS.name,
  /** Email body HTML accepted for the description (characters, inline images included). */
  bodyHtmlMaxChars: 2_000_000,
  /** A composed description sent back for create/note. */
  descriptionMaxChars: 2_000_000,
  /** What is stored in InLoox (UTF-8 bytes, so never more characters than the InLoox client accepts). */
  storedDescriptionMaxBytes: DOMAIN_LIMITS.html,
  searchMaxLength: DOMAIN_LIMITS.search,
  searchResults: 15,
  workAmountMaxHours: DOMAIN_LIMITS.effortHours,
  apiKeyMaxLength: DOMAIN_LIMITS.apiKey,
  addressesMax: 100,
  attachmentsMax: 50,
} as const;

/** The ids Outlook gives a mail. A draft or some shared mailboxes have no internetMessageId: then nothing is remembered. */
export interface MailRef {
  internetMessageId?: string;
  conversationId?: string;
}

export interface MeResponse {
  connected: boolean;
  needsReconnect: boolean;
  /** Set when connected. */
  user?: { contactId: string; displayName: string; email?: string | null };
  mode: 'local' | 'production';
}

export interface ConnectRequest {
  apiKey: string;
}

export interface ProjectOption {
  id: string;
  name: string;
  number?: string | null;
  /** One of the person's InLoox favorites (listed first). */
  favorite?: boolean;
}

export interface ContactOption {
  id: string;
  name: string;
  email?: string | null;
}

export interface TaskOption {
  id: string;
  name: string;
  projectId?: string | null;
  projectName?: string | null;
  endDateTime?: string | null;
  /** Whether time on the task is billable by default. */
  billable?: boolean;
}

export interface SearchResponse<T> {
  items: T[];
}

export interface AddressInput {
  name: string;
  email: string;
}

/** The open email, as the pane read it through Office.js. */
export interface EmailInput {
  subject: string;
  from?: AddressInput;
  to: AddressInput[];
  cc: AddressInput[];
  /** ISO 8601. */
  date?: string;
  bodyHtml: string;
  /** The text body too (text coercion): plain-text mails come as HTML, but their quoted history is found in text. */
  bodyText?: string;
  attachments?: AttachmentInput[];
  /** The item's REST id (convertToRestId): the description header links back to the mail in Outlook on the web. */
  restId?: string;
}

export interface AttachmentInput {
  name: string;
  contentType?: string;
  contentId?: string;
  isInline: boolean;
  size?: number;
  /** Inline images the pane could read, as data:image/…;base64. */
  dataUrl?: string;
}

export interface PreviewRequest {
  email: EmailInput;
  trimQuoted: boolean;
  /** IANA zone for the date line of the header, e.g. "Europe/Berlin". */
  timeZone?: string;
}

export interface PreviewResponse {
  html: string;
  truncated: boolean;
}

export interface CreateTaskRequest {
  name: string;
  projectId: string;
  /** ISO 8601 instants. */
  startDateTime: string;
  endDateTime: string;
  workAmount: number;
  assigneeId?: string;
  descriptionHtml: string;
  /** One-time id of the filled form: sending the same form again answers with the first result, creates nothing. */
  formId?: string;
  /** The mail's ids, so the product remembers what it was filed to. */
  mail?: MailRef;
  /** The task's custom fields as typed; written right after the create. */
  customFields?: CustomFieldInputs;
  /** IANA zone the date-time custom fields were typed in. */
  timeZone?: string;
}

export interface CreateTaskResponse {
  task: { id: string; name: string; projectId: string | null };
  link: string;
  /** Set when the task was created but its custom fields could not be written. */
  fieldsNotSaved?: FieldsNotSaved;
}

export interface AddNoteRequest {
  html: string;
  mail?: MailRef;
  formId?: string;
}

export interface AddNoteResponse {
  taskId: string;
  link: string;
}
