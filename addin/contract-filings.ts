/**
 * The add-in's contract for what a person already filed: which mail went to which task or project, the link back
 * to the mail, filing to a project and the quick task. Mails are named by ids only, never by content.
 */

/** The ids Outlook gives a mail. A draft or some shared mailboxes have no internetMessageId: then nothing is remembered. */
export interface MailRef {
  internetMessageId?: string;
  conversationId?: string;
}

export const MAIL_REF_LIMITS = { internetMessageIdMax: 998, conversationIdMax: 512, restIdMax: 1024 } as const;

export interface FiledTarget {
  kind: 'task' | 'project';
  id: string;
  name: string;
  /** Tasks: whether InLoox has it done now; projects: null. */
  done: boolean | null;
  link: string;
  /** ISO 8601: when it was filed. */
  filedAt: string;
}

export interface FiledResponse {
  /** False when the mail has no internetMessageId: the pane then says nothing about earlier filings. */
  remembered: boolean;
  /** What this mail was filed to (still in InLoox), newest first. */
  message: FiledTarget[];
  /** What other mails of its conversation were filed to. */
  conversation: FiledTarget[];
}

export interface AddProjectNoteRequest {
  html: string;
  mail?: MailRef;
  formId?: string;
}

export interface AddProjectNoteResponse {
  projectId: string;
  link: string;
}

export interface QuickTaskRequest {
  /** The composed, sanitized description (header + body) the function command read from the mail. */
  descriptionHtml: string;
  name: string;
  mail?: MailRef;
  /** One id per button press, so a second press while the first runs creates nothing. */
  formId: string;
  timeZone?: string;
}

export interface QuickTaskResponse {
  task: { id: string; name: string; projectId: string };
  projectName: string;
  link: string;
  /** True when this press found the task an earlier press (same mail) had created. */
  existing: boolean;
}
