/**
 * The add-in's contract for what a person already filed: which mail went to which task or project, the link back
 * to the mail, filing to a project and the quick task. Mails are named by ids only, never by content.
 */
import type { MailRef, PreviewRequest } from './contract';

export type { MailRef };

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

/** The ribbon's quick task: the mail as the pane would preview it, and the default dates the pane would propose. */
export interface QuickTaskRequest extends PreviewRequest {
  name: string;
  /** ISO 8601 instants. */
  startDateTime: string;
  endDateTime: string;
  mail?: MailRef;
  /** One id per button press; presses on the same mail share the mail's ids, so a double click creates once. */
  formId: string;
}

export type QuickTaskResponse =
  | {
      status: 'created' | 'existing';
      task: { id: string; name: string; projectId: string };
      projectName: string;
      link: string;
    }
  /** No task was created: there is no last used project (yet, or it was deleted). */
  | { status: 'no_project' };
