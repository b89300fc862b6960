/** The task pane: views and their wiring. Office.js is reached only through ./office, the server through ./api-client. */
import { ApiError } from '../../ui/api';
import { createCombobox, type Combobox, type ComboOption } from '../../ui/combobox';
import { formatDateTime } from '../../ui/dates';
import { formatMinutes } from '../../shared/domain/duration';
import { h, mount } from '../../ui/dom';
import { createTranslator, toLocale, type Locale, type Translate } from '../../ui/i18n';
import { applyTheme } from '../../ui/theme';
import { emptyView, errorView, messageBar, spinner } from '../../ui/views';
import { LIMITS, type EmailInput, type MeResponse, type PreviewResponse } from '../contract';
import type { FiledResponse } from '../contract-filings';
import type { CustomFieldsResponse } from '../contract-custom-fields';
import { createAddinApi, type AddinApi } from './api-client';
import { customFieldsBlock, filledInputs, type CustomFieldsBlock } from './custom-fields';
import { labelledField } from './field';
import { filedBanner, loadFiled, mailRefOf } from './filed';
import {
  defaultTaskValues,
  toCreateTaskRequest,
  validateTaskForm,
  type FieldErrors,
  type TaskField,
  type TaskFormValues,
} from './form';
import * as office from './office';
import { pickAndSendForm } from './pick-and-send';
import { projectNoteForm } from './project-note';
import { showMeeting } from './meeting';
import { MESSAGES, type MessageKey } from './strings';
import { openInInLooxLink, primarySubmit, sendForm } from './submit';
import { timeForm } from './time-form';
import { checkMailTime, mailTimeValues } from './time-values';

export interface PaneConfig {
  apiBase: string;
  mode: 'local' | 'production';
  now?: () => Date;
}

type Mode = 'create' | 'existing' | 'project';
const MODES: Mode[] = ['create', 'existing', 'project'];

/** Reads the open email into the shape the server composes the description from. */
export async function readEmail(item: office.MailItem): Promise<EmailInput> {
  let bodyHtml = await office.getBodyHtml();
  if (bodyHtml.length > LIMITS.bodyHtmlMaxChars) bodyHtml = bodyHtml.slice(0, LIMITS.bodyHtmlMaxChars);
  let bodyText = await office.getBodyText();
  if (bodyText.length > LIMITS.bodyHtmlMaxChars) bodyText = bodyText.slice(0, LIMITS.bodyHtmlMaxChars);
  const images = item.attachments.some((a) => a.isInline) ? await office.getInlineImages(item.attachments) : {};
  let budget = LIMITS.bodyHtmlMaxChars - bodyHtml.length;
  const attachments = item.attachments.slice(0, LIMITS.attachmentsMax).map((a) => {
    const dataUrl = a.contentId ? images[a.contentId] : undefined;
    const fits = !!dataUrl && dataUrl.length <= budget;
    if (fits) budget -= dataUrl.length;
    return {
      name: a.name,
      isInline: a.isInline,
      ...(a.contentType ? { contentType: a.contentType } : {}),
      ...(a.contentId ? { contentId: a.contentId } : {}),
      ...(a.size !== undefined ? { size: a.size } : {}),
      ...(fits ? { dataUrl } : {}),
    };
  });
  const cap = <T>(list: T[]) => list.slice(0, LIMITS.addressesMax);
  return {
    subject: item.subject,
    ...(item.from ? { from: item.from } : {}),
    to: cap(item.to),
    cc: cap(item.cc),
    ...(item.date ? { date: item.date.toISOString() } : {}),
    bodyHtml,
    ...(bodyText ? { bodyText } : {}),
    attachments,
    ...(item.restId ? { restId: item.restId } : {}),
  };
}

export async function startTaskPane(root: HTMLElement, config: PaneConfig): Promise<void> {
  const started = performance.now();
  const now = config.now ?? (() => new Date());
  let t: Translate<MessageKey> = createTranslator(MESSAGES, toLocale(navigator.language));
  mount(root, spinner(t('loading')));

  let host: string | null = null;
  try {
    host = (await office.ready()).host;
  } catch {
    // Office.js did not load (offline, blocked CDN).
  }
  if (!host) {
    // Not inside Outlook (or Office.js missing): there is no email and no sign-in to work with.
    mount(root, errorView({ title: t('officeMissingTitle'), message: t('officeMissingText') }));
    return;
  }
  const locale: Locale = toLocale(office.getDisplayLanguage());
  t = createTranslator(MESSAGES, locale);
  document.documentElement.lang = locale;
  document.title = t('appTitle');
  // Hosts without officeTheme (some Outlook on the web versions): follow the system's colour scheme.
  applyTheme(
    document.documentElement,
    office.getTheme() ??
      (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? { isDarkTheme: true } : undefined),
  );

  const api: AddinApi = createAddinApi({
    baseUrl: config.apiBase,
    locale,
    getToken: async () => {
      try {
        return await office.getAccessToken();
      } catch (error) {
        // Local mode: no SSO; the server accepts the development identity on loopback only.
        if (config.mode === 'local') return undefined;
        throw new ApiError(401, 'sso_failed', t('signInFailedText', { message: (error as Error).message }));
      }
    },
  });

  let me: MeResponse | undefined;
  /** What the open mail was filed to (read with the mail); undefined when nothing or unknown. */
  let filed: FiledResponse | undefined;
  let generation = 0;
  let firstRenderDone = false;
  /** The task form's custom fields, asked once per pane (the server keeps the definitions per key besides). */
  let taskFields: Promise<CustomFieldsResponse> | undefined;
  const loadTaskFields = (): Promise<CustomFieldsResponse> => {
    taskFields ??= api.taskCustomFields().catch((error: unknown) => {
      taskFields = undefined;
      throw error;
    });
    return taskFields;
  };

  const show = (...nodes: (Node | null)[]) => {
    mount(root, ...nodes);
    if (!firstRenderDone) {
      firstRenderDone = true;
      // Since navigation start: loading the page, its scripts and Office.js included.
      document.documentElement.dataset.firstRenderMs = String(Math.round(performance.now()));
      document.documentElement.dataset.paneStartMs = String(Math.round(performance.now() - started));
      performance.mark?.('taskpane-first-render');
    }
  };

  const fatal = (error: unknown, retry: () => void) => {
    if (error instanceof ApiError && (error.code === 'not_connected' || error.code === 'needs_reconnect')) {
      return showConnect(error.code === 'needs_reconnect' ? t('reconnectText') : undefined);
    }
    const signIn = error instanceof ApiError && (error.code === 'sso_failed' || error.code === 'unauthenticated');
    show(
      errorView({
        title: signIn ? t('signInFailedTitle') : t('errorTitle'),
        message: error instanceof ApiError ? error.message : t('errorTitle'),
        action: { label: t('tryAgain'), onClick: retry },
      }),
    );
  };

  /** Session errors (not connected, reconnect needed, sign-in failed) replace the form; returns true for those. */
  const handledAsFatal = (error: unknown): boolean => {
    if (!(error instanceof ApiError) || !['not_connected', 'needs_reconnect', 'sso_failed'].includes(error.code))
      return false;
    fatal(error, () => void start());
    return true;
  };

  const footer = () =>
    me?.user
      ? h(
          'footer',
          { class: 'pane-footer' },
          h('span', { class: 'pane-footer__who' }, t('connectedAs', { name: me.user.displayName })),
          h(
            'button',
            {
              type: 'button',
              class: 'fx-button fx-button--subtle pane-footer__disconnect',
              onclick: async () => {
                try {
                  me = await api.disconnect();
                  showConnect(undefined, t('disconnected'));
                } catch (error) {
                  fatal(error, () => void start());
                }
              },
            },
            t('disconnect'),
          ),
        )
      : null;

  function showConnect(notice?: string, info?: string): void {
    generation++;
    const input = h('input', {
      id: 'api-key',
      class: 'fx-input',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
      maxlength: LIMITS.apiKeyMaxLength,
      'aria-describedby': 'api-key-hint',
    });
    const status = h('div', { class: 'pane-status', 'aria-live': 'polite' });
    const button = primarySubmit(t('connect'));
    const form = h(
      'form',
      {
        class: 'pane-connect',
        novalidate: true,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const apiKey = input.value.trim();
          // The key leaves the page with this one request; the field is emptied right away.
          input.value = '';
          if (!apiKey) {
            mount(status, messageBar('error', t('required')));
            input.focus();
            return;
          }
          button.disabled = true;
          mount(status, spinner(t('connecting')));
          try {
            me = await api.connect(apiKey);
            void loadItem();
          } catch (error) {
            button.disabled = false;
            mount(status, messageBar('error', (error as Error).message));
            input.focus();
          }
        },
      },
      h('h1', { class: 'pane-title' }, t('connectTitle')),
      notice ? messageBar('warning', notice) : null,
      info ? messageBar('info', info) : null,
      h('p', { class: 'pane-text' }, t('connectText')),
      h(
        'div',
        { class: 'fx-field' },
        h('label', { class: 'fx-label', for: 'api-key' }, t('apiKey')),
        input,
        h('div', { id: 'api-key-hint', class: 'fx-hint' }, t('connectWhere')),
      ),
      status,
      button,
    );
    show(form);
    input.focus();
  }

  async function start(): Promise<void> {
    show(spinner(t('loading')));
    try {
      me = await api.me();
    } catch (error) {
      return fatal(error, () => void start());
    }
    if (!me.connected) return showConnect(me.needsReconnect ? t('reconnectText') : undefined);
    await loadItem();
  }

  async function loadItem(): Promise<void> {
    const mine = ++generation;
    const appointment = office.getAppointment();
    if (appointment) {
      const current = () => mine === generation;
      return showMeeting({ t, locale, api, show, footer, onFatal: handledAsFatal, current }, appointment);
    }
    const item = office.getItem();
    if (!item) {
      show(emptyView({ title: t('noItemTitle'), message: t('noItemText') }), footer());
      return;
    }
    show(spinner(t('loadingEmail')));
    const filedLookup = loadFiled(api, item);
    let email: EmailInput;
    try {
      email = await readEmail(item);
    } catch {
      email = { subject: item.subject, to: item.to, cc: item.cc, bodyHtml: '' };
    }
    const filedNow = await filedLookup;
    if (mine !== generation) return;
    filed = filedNow;
    const myself = me?.user ? { id: me.user.contactId, label: t('me', { name: me.user.displayName }) } : undefined;
    renderItem(mine, item, email, defaultTaskValues(item, now(), myself), 'create');
  }

  function renderItem(
    mine: number,
    item: office.MailItem,
    email: EmailInput,
    values: TaskFormValues,
    mode: Mode,
    notice?: HTMLElement,
  ): void {
    let preview: PreviewResponse | undefined;
    let previewPromise: Promise<PreviewResponse> | undefined;
    const previewBox = h('div', { class: 'pane-preview__body', tabindex: '0', 'aria-label': t('preview') });
    const previewNote = h('div', { 'aria-live': 'polite' });
    const formStatus = h('div', { class: 'pane-status', 'aria-live': 'assertive' });
    if (notice) formStatus.append(notice);

    const loadPreview = (): Promise<PreviewResponse> => {
      mount(previewBox, spinner(t('loading')));
      mount(previewNote);
      preview = undefined;
      const request = api.preview({ email, trimQuoted: values.trimQuoted, timeZone: localTimeZone() });
      previewPromise = request;
      request.then(
        (result) => {
          if (previewPromise !== request || mine !== generation) return;
          preview = result;
          // Sanitized by the server's allow-list; the page's CSP forbids scripts besides.
          previewBox.innerHTML = result.html;
          for (const link of previewBox.querySelectorAll('a')) {
            link.target = '_blank';
            link.rel = 'noopener noreferrer';
          }
          const notes: HTMLElement[] = [];
          if (!email.bodyHtml.trim()) notes.push(messageBar('info', t('previewEmpty')));
          if (result.truncated) notes.push(messageBar('warning', t('previewTruncated')));
          mount(previewNote, ...notes);
        },
        (error: unknown) => {
          if (previewPromise !== request || mine !== generation) return;
          mount(previewBox);
          mount(previewNote, messageBar('error', t('previewFailed', { message: (error as Error).message })));
        },
      );
      return request;
    };

    const description = async (): Promise<string> => preview?.html ?? (await (previewPromise ?? loadPreview())).html;

    const subject = item.subject.trim() || t('subjectFallback');
    const header = h(
      'header',
      { class: 'pane-email' },
      h('p', { class: 'pane-email__subject', title: subject }, subject),
      h(
        'p',
        { class: 'pane-email__meta' },
        [item.from?.name, item.date ? formatDateTime(item.date, locale) : undefined].filter(Boolean).join(' · '),
      ),
    );

    const tab = (target: Mode, label: string) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${target}`,
          class: 'fx-tab',
          'aria-selected': String(mode === target),
          'aria-controls': 'mode-panel',
          tabindex: mode === target ? '0' : '-1',
          onclick: () => {
            if (mode !== target) renderItem(mine, item, email, values, target);
          },
          onkeydown: (event: KeyboardEvent) => {
            if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
              event.preventDefault();
              const step = event.key === 'ArrowRight' ? 1 : MODES.length - 1;
              const next: Mode = MODES[(MODES.indexOf(mode) + step) % MODES.length]!;
              renderItem(mine, item, email, values, next);
              document.getElementById(`tab-${next}`)?.focus();
            }
          },
        },
        label,
      );
    const tabs = h(
      'div',
      { class: 'fx-tabs', role: 'tablist', 'aria-label': t('modeTabs') },
      tab('create', t('modeCreate')),
      tab('existing', t('modeExisting')),
      tab('project', t('modeProject')),
    );

    const trim = h('input', { id: 'trim-quoted', type: 'checkbox', checked: values.trimQuoted });
    trim.addEventListener('change', () => {
      values.trimQuoted = trim.checked;
      void loadPreview().catch(() => undefined);
    });
    const previewSection = h(
      'details',
      { class: 'pane-preview', open: true },
      h('summary', { class: 'fx-label' }, t('preview')),
      h('label', { class: 'fx-checkbox' }, trim, h('span', {}, t('trimQuoted'))),
      previewNote,
      previewBox,
    );

    const mail = mailRefOf(item);
    const panel =
      mode === 'create'
        ? createForm()
        : mode === 'existing'
          ? existingForm()
          : projectNoteForm({
              t,
              api,
              status: formStatus,
              description,
              mail,
              current: () => mine === generation,
              onDone: (name, link) => showDone(t('projectNoteTitle'), t('projectNoteText', { name }), link),
              onFatal: handledAsFatal,
            });
    // One id for adding this mail to a task it was filed to: a second press adds no second comment.
    const addFormId = crypto.randomUUID();
    const banner = filed
      ? filedBanner(filed, {
          t,
          locale,
          onAdd: async (target) => {
            const result = await api.addNote(target.id, await description(), {
              formId: addFormId,
              ...(mail ? { mail } : {}),
            });
            if (mine === generation) showDone(t('noteTitle'), t('noteText', { name: target.name }), result.link);
          },
        })
      : null;
    const logTime = h(
      'button',
      { type: 'button', class: 'fx-button pane-log-time', onclick: () => showMailTime() },
      t('logTimeForEmail'),
    );
    show(
      header,
      logTime,
      banner,
      tabs,
      h('div', { id: 'mode-panel', role: 'tabpanel', 'aria-labelledby': `tab-${mode}` }, formStatus, panel),
      previewSection,
      footer(),
    );
    void loadPreview().catch(() => undefined);

    function createForm(): HTMLElement {
      const fieldErrors: Partial<Record<TaskField, HTMLElement>> = {};
      const inputs: Partial<Record<TaskField, HTMLInputElement>> = {};
      const field = (
        id: TaskField,
        label: string,
        control: HTMLInputElement,
        options: { required?: boolean; hint?: string } = {},
      ) => {
        control.id = `field-${id}`;
        inputs[id] = control;
        const { element, error } = labelledField(control, label, options);
        fieldErrors[id] = error;
        return element;
      };

      const name = h('input', { type: 'text', required: true, maxlength: LIMITS.nameMaxLength, autocomplete: 'off' });
      name.value = values.name;
      name.addEventListener('input', () => (values.name = name.value));
      const startDate = h('input', { type: 'date', required: true });
      startDate.value = values.startDate;
      startDate.addEventListener('change', () => (values.startDate = startDate.value));
      const endDate = h('input', { type: 'date', required: true });
      endDate.value = values.endDate;
      endDate.addEventListener('change', () => (values.endDate = endDate.value));
      const effort = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '0' });
      effort.value = values.effort;
      effort.addEventListener('input', () => (values.effort = effort.value));

      const toChoice = (option: ComboOption | undefined) =>
        option ? { id: option.id, label: option.label } : undefined;
      const project: Combobox = createCombobox({
        id: 'field-project',
        label: t('project'),
        placeholder: t('projectPlaceholder'),
        required: true,
        noResults: t('noProjects'),
        loadingText: t('searching'),
        initial: values.project,
        search: async (text, signal) =>
          (await api.searchProjects(text, signal)).items.map((p) => ({
            id: p.id,
            label: p.favorite ? `★ ${p.name}` : p.name,
            secondary: p.number ?? undefined,
          })),
        onSelect: (option) => (values.project = toChoice(option)),
        onError: (error) => mount(formStatus, messageBar('error', (error as Error).message)),
      });
      const assignee: Combobox = createCombobox({
        id: 'field-assignee',
        label: t('assignee'),
        placeholder: t('assigneePlaceholder'),
        noResults: t('noContacts'),
        loadingText: t('searching'),
        initial: values.assignee,
        search: async (text, signal) =>
          (await api.searchContacts(text, signal)).items.map((c) => ({
            id: c.id,
            label: c.id === me?.user?.contactId ? t('me', { name: c.name }) : c.name,
            secondary: c.email ?? undefined,
          })),
        onSelect: (option) => (values.assignee = toChoice(option)),
        onError: (error) => mount(formStatus, messageBar('error', (error as Error).message)),
      });

      const custom = (values.custom ??= {});
      let customBlock: CustomFieldsBlock | null = null;
      const customBox = h('div', { class: 'pane-cf-box' });
      loadTaskFields().then(
        ({ fields }) => {
          if (mine !== generation) return;
          customBlock = customFieldsBlock(fields, custom, locale);
          mount(customBox, customBlock?.element ?? null);
        },
        (error: unknown) => {
          // Without its custom fields the task can still be created; a lost connection is said at once.
          if (mine === generation) handledAsFatal(error);
        },
      );

      const submit = primarySubmit(t('create'));
      // One id per filled form: a second send of it (double click, retry) gets the first task, not another.
      const formId = crypto.randomUUID();

      const showErrors = (errors: FieldErrors) => {
        for (const key of Object.keys(fieldErrors) as TaskField[]) {
          const message = errors[key] ? t(errors[key].key, errors[key].params) : undefined;
          const element = fieldErrors[key]!;
          element.textContent = message ?? '';
          element.hidden = !message;
          const control = inputs[key];
          if (!control) continue;
          if (message) {
            control.setAttribute('aria-invalid', 'true');
            control.setAttribute('aria-errormessage', element.id);
          } else {
            control.removeAttribute('aria-invalid');
            control.removeAttribute('aria-errormessage');
          }
        }
        project.setError(errors.project ? t(errors.project.key, errors.project.params) : undefined);
        assignee.setError(errors.assignee ? t(errors.assignee.key, errors.assignee.params) : undefined);
      };

      const form = h(
        'form',
        {
          class: 'pane-form',
          novalidate: true,
          onsubmit: async (event: Event) => {
            event.preventDefault();
            const errors = validateTaskForm(values);
            showErrors(errors);
            customBlock?.clearInvalid();
            const invalid = Object.keys(errors) as TaskField[];
            if (invalid.length) {
              mount(formStatus, messageBar('error', t('fixErrors')));
              const first = invalid[0]!;
              (first === 'project' ? project.input : first === 'assignee' ? assignee.input : inputs[first])?.focus();
              return;
            }
            await sendForm({
              submit,
              status: formStatus,
              busyText: t('creating'),
              send: async () => {
                const customFields = filledInputs(custom);
                const timeZone = localTimeZone();
                return api.createTask({
                  ...toCreateTaskRequest(values, await description()),
                  formId,
                  ...(mail ? { mail } : {}),
                  ...(Object.keys(customFields).length ? { customFields, ...(timeZone ? { timeZone } : {}) } : {}),
                });
              },
              onDone: (created) =>
                showDone(
                  t('createdTitle'),
                  t('createdText', { name: created.task.name }),
                  created.link,
                  created.fieldsNotSaved?.message,
                ),
              onFatal: handledAsFatal,
              onError: (error) => {
                const refused = (error as ApiError).field;
                if (customBlock?.markInvalid(refused, (error as Error).message)) return;
                const serverField = fieldFromServer(refused);
                if (serverField) showErrors({ [serverField]: { key: 'invalidDate' } });
              },
              current: () => mine === generation,
            });
          },
        },
        field('name', t('name'), name, { required: true }),
        project.element,
        h(
          'div',
          { class: 'fx-row' },
          field('startDate', t('start'), startDate, { required: true }),
          field('endDate', t('end'), endDate, {
            required: true,
            hint: item.dueDate && values.endDate !== values.startDate ? t('dueFromEmail') : undefined,
          }),
        ),
        h('div', { class: 'fx-row' }, field('effort', t('effort'), effort), h('div')),
        assignee.element,
        customBox,
        submit,
      );
      return form;
    }

    function existingForm(): HTMLElement {
      const noteFormId = crypto.randomUUID();
      return pickAndSendForm({
        t,
        status: formStatus,
        field: { id: 'field-task', label: 'task', placeholder: 'taskPlaceholder', noResults: 'noTasks' },
        search: async (text, signal) =>
          (await api.searchTasks(text, signal)).items.map((x) => ({
            id: x.id,
            label: x.name,
            secondary: x.projectName ?? undefined,
          })),
        submitLabel: 'addNote',
        busyLabel: 'addingNote',
        send: async (chosen) =>
          api.addNote(chosen.id, await description(), { formId: noteFormId, ...(mail ? { mail } : {}) }),
        onSent: (chosen, result) => showDone(t('noteTitle'), t('noteText', { name: chosen.label }), result.link),
        onFatal: handledAsFatal,
        current: () => mine === generation,
      });
    }

    /** "Log time for this email": the time spent on the mail, booked on a task. */
    function showMailTime(): void {
      const status = h('div', { class: 'pane-status', 'aria-live': 'assertive' });
      const check = (values: Parameters<typeof checkMailTime>[0]) => checkMailTime(values, t, locale, localTimeZone());
      const form = timeForm({
        t,
        api,
        kind: 'mail',
        values: mailTimeValues(item.subject, now()),
        status,
        submitLabel: 'bookTime',
        check: (values) => check(values).errors,
        send: (values, formId) => api.logMailTime({ ...check(values).request!, formId }),
        onDone: ({ entry }) =>
          showDone(
            t('bookedTitle'),
            t('bookedText', { duration: formatMinutes(entry.minutes, locale), name: entry.name }),
            entry.link,
          ),
        onFatal: handledAsFatal,
        current: () => mine === generation,
      });
      const back = h(
        'button',
        {
          type: 'button',
          class: 'fx-button fx-button--subtle',
          onclick: () => renderItem(mine, item, email, values, mode),
        },
        t('back'),
      );
      show(
        header,
        h('section', { class: 'pane-time-mail' }, h('h1', { class: 'pane-title' }, t('logTimeForEmail')), status, form),
        back,
        footer(),
      );
      document.getElementById('time-duration')?.focus();
    }

    function showDone(title: string, text: string, link: string, warning?: string): void {
      const again = h(
        'button',
        {
          type: 'button',
          class: 'fx-button',
          onclick: async () => {
            const myself = me?.user
              ? { id: me.user.contactId, label: t('me', { name: me.user.displayName }) }
              : undefined;
            // What was just filed shows at once.
            const filedNow = await loadFiled(api, item);
            if (mine !== generation) return;
            filed = filedNow;
            renderItem(mine, item, email, defaultTaskValues(item, now(), myself), mode);
          },
        },
        t('addAnother'),
      );
      show(
        header,
        h(
          'section',
          { class: 'pane-done', role: 'status' },
          h('div', { class: 'pane-done__icon', 'aria-hidden': 'true' }, '✓'),
          h('h1', { class: 'pane-title' }, title),
          h('p', { class: 'pane-text' }, text),
          warning ? messageBar('warning', warning) : null,
          openInInLooxLink(t, link),
          again,
        ),
        footer(),
      );
      again.focus();
    }
  }

  office.onThemeChanged((theme) => applyTheme(document.documentElement, theme)).catch(() => undefined);
  try {
    await office.onItemChanged(() => {
      if (me?.connected) void loadItem();
    });
  } catch {
    // Not pinnable in this host: the pane simply reloads with the next item.
  }
  await start();
}

function fieldFromServer(field: string | undefined): TaskField | undefined {
  switch (field) {
    case 'startDateTime':
    case 'StartDateTime':
      return 'startDate';
    case 'endDateTime':
    case 'EndDateTime':
      return 'endDate';
    default:
      return undefined;
  }
}

function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
