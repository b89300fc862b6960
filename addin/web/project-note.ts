/** The "Add to project" mode: the mail (same sanitized description and header) as a comment on a project. */
import type { Translate } from '../../ui/i18n';
import type { MailRef } from '../contract-filings';
import type { AddinApi } from './api-client';
import { pickAndSendForm } from './pick-and-send';
import type { MessageKey } from './strings';

export interface ProjectNoteFormOptions {
  t: Translate<MessageKey>;
  api: AddinApi;
  /** Where progress and errors show (the pane's form status). */
  status: HTMLElement;
  description: () => Promise<string>;
  mail: MailRef | undefined;
  onDone: (projectName: string, link: string) => void;
  /** Errors the pane handles itself (sign-in, connection); returns true when it did. */
  onFatal: (error: unknown) => boolean;
  /** False once the pane shows another item: late answers are dropped. */
  current: () => boolean;
}

export function projectNoteForm(options: ProjectNoteFormOptions): HTMLElement {
  const { api } = options;
  // One id per filled form: a second send (double click, retry) adds no second comment.
  const formId = crypto.randomUUID();
  return pickAndSendForm({
    t: options.t,
    status: options.status,
    field: { id: 'field-note-project', label: 'project', placeholder: 'projectPlaceholder', noResults: 'noProjects' },
    search: async (text, signal) =>
      (await api.searchProjects(text, signal)).items.map((p) => ({
        id: p.id,
        label: p.name,
        secondary: p.number ?? undefined,
      })),
    submitLabel: 'addProjectNote',
    busyLabel: 'addingProjectNote',
    send: async (chosen) => {
      const html = await options.description();
      return api.addProjectNote(chosen.id, { html, formId, ...(options.mail ? { mail: options.mail } : {}) });
    },
    onSent: (chosen, result) => options.onDone(chosen.label, result.link),
    onFatal: options.onFatal,
    current: options.current,
  });
}
