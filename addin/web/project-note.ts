/** The "Add to project" mode: the mail (same sanitized description and header) as a comment on a project. */
import { createCombobox, type ComboOption } from '../../ui/combobox';
import { h, mount } from '../../ui/dom';
import type { Translate } from '../../ui/i18n';
import { messageBar, spinner } from '../../ui/views';
import type { MailRef } from '../contract-filings';
import type { AddinApi } from './api-client';
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
  const { t, api, status } = options;
  let chosen: ComboOption | undefined;
  // One id per filled form: a second send (double click, retry) adds no second comment.
  const formId = crypto.randomUUID();
  const project = createCombobox({
    id: 'field-note-project',
    label: t('project'),
    placeholder: t('projectPlaceholder'),
    required: true,
    noResults: t('noProjects'),
    loadingText: t('searching'),
    search: async (text, signal) =>
      (await api.searchProjects(text, signal)).items.map((p) => ({
        id: p.id,
        label: p.name,
        secondary: p.number ?? undefined,
      })),
    onSelect: (option) => (chosen = option),
    onError: (error) => mount(status, messageBar('error', (error as Error).message)),
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'fx-button fx-button--primary fx-button--block' },
    t('addProjectNote'),
  );
  return h(
    'form',
    {
      class: 'pane-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!chosen) {
          project.setError(t('chooseFromList'));
          project.input.focus();
          return;
        }
        project.setError(undefined);
        submit.disabled = true;
        mount(status, spinner(t('addingProjectNote')));
        try {
          const html = await options.description();
          const result = await api.addProjectNote(chosen.id, {
            html,
            formId,
            ...(options.mail ? { mail: options.mail } : {}),
          });
          if (options.current()) options.onDone(chosen.label, result.link);
        } catch (error) {
          if (!options.current()) return;
          submit.disabled = false;
          if (options.onFatal(error)) return;
          mount(status, messageBar('error', (error as Error).message));
        }
      },
    },
    project.element,
    submit,
  );
}
