import { ApiError } from '../../ui/api';
import { h, mount } from '../../ui/dom';
import { createTranslator, type Locale } from '../../ui/i18n';
import { emptyView, errorView, messageBar, spinner } from '../../ui/views';
import type { TabBootInfo, TabConnectionStatus, TabProjectList, TabTask, TabTaskList } from '../api-types';
import type { TabCustomFields } from '../custom-field-types';
import type { TabClient } from './client';
import { TAB_MESSAGES } from './messages';
import type { ViewContext } from './views/context';
import { projectsView } from './views/projects';
import { notificationsPanel } from './views/notifications';
import { settingsView } from './views/settings';
import { tasksView, type GroupMode } from './views/tasks';
import { TimeView } from './views/time';

export type TabView = 'tasks' | 'projects' | 'time' | 'settings';

export interface TabAppOptions {
  root: HTMLElement;
  client: TabClient;
  boot: TabBootInfo;
  locale: Locale;
  /** Running outside Teams with the development identity (local mode only). */
  devIdentity: boolean;
  /** Opens a Teams deep link (the chat with the bot) through the host. */
  openLink(url: string): void;
  /** Called once the first view has rendered. */
  onReady?(): void;
}

type Notice = { kind: 'error' | 'success' | 'info' | 'warning'; text: string };
type Loadable<T> =
  { status: 'idle' | 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: ApiError };

const DISCONNECTED_CODES = new Set(['not_connected', 'needs_reconnect']);

function asApiError(error: unknown, locale: Locale): ApiError {
  if (error instanceof ApiError) return error;
  const message =
    locale === 'de'
      ? 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.'
      : 'Something went wrong. Please try again.';
  return new ApiError(0, 'client', message);
}

/** The tab's controller: holds the state, calls the server API, renders the views. */
export class TabApp {
  private readonly t;
  private readonly ctx: ViewContext;
  private view: TabView = 'tasks';
  private connection: Loadable<TabConnectionStatus> = { status: 'idle' };
  private tasks: Loadable<TabTaskList> = { status: 'idle' };
  private projects: Loadable<TabProjectList> = { status: 'idle' };
  private groupBy: GroupMode = 'due';
  private projectFilter = '';
  private favoritesOnly = false;
  private readonly busyTasks = new Set<string>();
  private settingsBusy = false;
  private notifyPanel: HTMLElement | undefined;
  private confirmingDisconnect = false;
  private fieldError?: string;
  private notice?: Notice;
  private fatal?: ApiError;
  private ready = false;
  private timeView?: TimeView;
  /** Custom fields read for details, until the next refresh. */
  private readonly fieldsRead = new Map<string, Promise<TabCustomFields>>();

  constructor(private readonly options: TabAppOptions) {
    this.t = createTranslator(TAB_MESSAGES, options.locale);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    this.ctx = {
      locale: options.locale,
      t: this.t,
      fields: {
        open: new Set(),
        load: (kind, id) => {
          const key = `${kind}:${id}`;
          let read = this.fieldsRead.get(key);
          if (!read) {
            read = options.client.customFields(kind, id, zone);
            this.fieldsRead.set(key, read);
            read.catch(() => this.fieldsRead.delete(key));
          }
          return read;
        },
      },
    };
    document.documentElement.lang = options.locale;
    document.title = this.t('appTitle');
  }

  async start(): Promise<void> {
    this.render();
    await this.loadConnection();
    if (this.isConnected()) await this.loadTasks();
  }

  private isConnected(): boolean {
    return this.connection.status === 'ready' && this.connection.value.connected;
  }

  /** A call failed: sign-in problems replace the whole tab, a lost connection switches to the disconnected state. */
  private handleError(error: unknown): ApiError {
    const apiError = asApiError(error, this.options.locale);
    if (apiError.code === 'unauthenticated') this.fatal = apiError;
    if (DISCONNECTED_CODES.has(apiError.code) && this.connection.status === 'ready') {
      this.connection = {
        status: 'ready',
        value: {
          ...this.connection.value,
          connected: false,
          needsReconnect: apiError.code === 'needs_reconnect',
          user: undefined,
        },
      };
    }
    return apiError;
  }

  private async loadConnection(): Promise<void> {
    this.connection = { status: 'loading' };
    this.render();
    try {
      this.connection = { status: 'ready', value: await this.options.client.connection() };
    } catch (error) {
      this.connection = { status: 'error', error: this.handleError(error) };
    }
    this.render();
  }

  private async loadTasks(): Promise<void> {
    this.tasks = { status: 'loading' };
    this.render();
    try {
      this.tasks = { status: 'ready', value: await this.options.client.tasks() };
    } catch (error) {
      this.tasks = { status: 'error', error: this.handleError(error) };
    }
    this.render();
  }

  private async loadProjects(): Promise<void> {
    this.projects = { status: 'loading' };
    this.render();
    try {
      this.projects = {
        status: 'ready',
        value: await this.options.client.projects({ favoritesOnly: this.favoritesOnly }),
      };
    } catch (error) {
      this.projects = { status: 'error', error: this.handleError(error) };
    }
    this.render();
  }

  private time(): TimeView {
    this.timeView ??= new TimeView(this.options.client, this.options.locale);
    return this.timeView;
  }

  private show(view: TabView): void {
    this.view = view;
    this.notice = undefined;
    this.confirmingDisconnect = false;
    if (view === 'tasks' && this.isConnected() && this.tasks.status !== 'ready') void this.loadTasks();
    if (view === 'projects' && this.isConnected() && this.projects.status !== 'ready') void this.loadProjects();
    if (view === 'time' && this.isConnected()) void this.time().load();
    this.render();
  }

  private refresh(): void {
    this.notice = undefined;
    this.fieldsRead.clear();
    if (this.view === 'projects') void this.loadProjects();
    else if (this.view === 'time') void this.time().load();
    else void this.loadTasks();
  }

  private async setDone(task: TabTask, done: boolean): Promise<void> {
    if (this.busyTasks.has(task.id)) return;
    this.busyTasks.add(task.id);
    this.notice = undefined;
    this.render();
    try {
      const updated = await this.options.client.setDone(task.id, done);
      if (this.tasks.status === 'ready') {
        const tasks = this.tasks.value.tasks.map((item) =>
          item.id === task.id ? { ...item, ...updated, projectName: updated.projectName ?? item.projectName } : item,
        );
        this.tasks = { status: 'ready', value: { ...this.tasks.value, tasks } };
      }
      this.notice = {
        kind: 'success',
        text: this.t(done ? 'taskDoneNotice' : 'taskReopenedNotice', { name: task.name }),
      };
    } catch (error) {
      this.notice = { kind: 'error', text: this.handleError(error).message };
    } finally {
      this.busyTasks.delete(task.id);
      this.render();
    }
  }

  private async settingsCall(
    call: () => Promise<TabConnectionStatus>,
    success: (status: TabConnectionStatus) => string | undefined,
  ) {
    this.settingsBusy = true;
    this.notice = undefined;
    this.fieldError = undefined;
    this.render();
    try {
      const status = await call();
      this.connection = { status: 'ready', value: status };
      const text = success(status);
      if (text) this.notice = { kind: 'success', text };
      // Lists belong to the previous connection state.
      this.tasks = { status: 'idle' };
      this.projects = { status: 'idle' };
    } catch (error) {
      const apiError = this.handleError(error);
      if (
        apiError.field === 'apiKey' ||
        (apiError.code === 'needs_reconnect' && this.view === 'settings' && !this.isConnected())
      )
        this.fieldError = apiError.message;
      else this.notice = { kind: 'error', text: apiError.message };
    } finally {
      this.settingsBusy = false;
      this.confirmingDisconnect = false;
      this.render();
    }
  }

  private render(): void {
    const { root } = this.options;
    const t = this.t;
    root.setAttribute('aria-busy', String(this.isLoading()));
    if (this.fatal) {
      mount(
        root,
        errorView({
          title: t('signInFailedTitle'),
          message: t('signInFailedText'),
          action: { label: t('retry'), onClick: () => window.location.reload() },
        }),
      );
      return;
    }
    const connection = this.connection.status === 'ready' ? this.connection.value : undefined;
    const user = connection?.connected ? connection.user : undefined;
    const navButton = (view: TabView, label: Parameters<typeof t>[0]) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: 'fx-tab',
          id: `tab-nav-${view}`,
          'aria-selected': String(this.view === view),
          'aria-controls': 'tab-panel',
          onclick: () => this.show(view),
        },
        t(label),
      );
    mount(
      root,
      h(
        'header',
        { class: 'tab-header' },
        h('h1', { class: 'tab-header__title' }, t('appTitle')),
        h(
          'div',
          { class: 'tab-header__side' },
          user ? h('span', { class: 'tab-header__user' }, user.displayName) : null,
          this.options.boot.botChatUrl
            ? h(
                'a',
                {
                  class: 'tab-header__link',
                  href: this.options.boot.botChatUrl,
                  target: '_blank',
                  rel: 'noopener noreferrer',
                  onclick: (event: Event) => {
                    event.preventDefault();
                    this.options.openLink(this.options.boot.botChatUrl!);
                  },
                },
                t('chatWithBot'),
              )
            : null,
          this.view !== 'settings' && connection?.connected
            ? h(
                'button',
                { type: 'button', class: 'fx-button fx-button--subtle', onclick: () => this.refresh() },
                h('span', { 'aria-hidden': 'true' }, '↻'),
                t('refresh'),
              )
            : null,
        ),
      ),
      this.options.devIdentity ? h('p', { class: 'tab-dev-notice' }, t('devIdentityNotice')) : null,
      h(
        'nav',
        { class: 'fx-tabs', role: 'tablist', 'aria-label': t('appTitle') },
        navButton('tasks', 'navTasks'),
        navButton('projects', 'navProjects'),
        navButton('time', 'navTime'),
        navButton('settings', 'navSettings'),
      ),
      h(
        'div',
        { id: 'tab-panel', role: 'tabpanel', 'aria-labelledby': `tab-nav-${this.view}`, class: 'tab-panel' },
        this.notice ? messageBar(this.notice.kind, this.notice.text) : null,
        this.renderPanel(),
      ),
    );
    if (!this.ready && !this.isLoading()) {
      this.ready = true;
      this.options.onReady?.();
    }
  }

  private isLoading(): boolean {
    return [this.connection, this.tasks, this.projects].some((item) => item.status === 'loading');
  }

  private renderPanel(): HTMLElement {
    const t = this.t;
    const state = this.connection;
    if (state.status === 'error') {
      return errorView({
        title: state.error.message,
        action: { label: t('retry'), onClick: () => void this.loadConnection() },
      });
    }
    if (state.status !== 'ready') return spinner(t('loading'));
    const connection = state.value;
    if (this.view === 'settings') {
      return settingsView(
        {
          connection,
          busy: this.settingsBusy,
          confirmingDisconnect: this.confirmingDisconnect,
          fieldError: this.fieldError,
          notifications: connection.connected
            ? (this.notifyPanel ??= notificationsPanel(this.options.client, this.options.locale))
            : undefined,
        },
        {
          connect: (apiKey) =>
            void this.settingsCall(
              () => this.options.client.connect(apiKey),
              (status) => t('connectedNotice', { name: status.user?.displayName ?? '' }),
            ),
          test: () =>
            void this.settingsCall(
              () => this.options.client.testConnection(),
              (status) => t('testOk', { name: status.user?.displayName ?? '' }),
            ),
          askDisconnect: () => {
            this.confirmingDisconnect = true;
            this.render();
          },
          cancelDisconnect: () => {
            this.confirmingDisconnect = false;
            this.render();
          },
          disconnect: () =>
            void this.settingsCall(
              () => this.options.client.disconnect(),
              () => t('disconnected'),
            ),
        },
        this.ctx,
      );
    }
    if (!connection.connected) {
      const state = emptyView({
        title: t(connection.needsReconnect ? 'needsReconnectTitle' : 'notConnectedTitle'),
        message: t(connection.needsReconnect ? 'needsReconnectText' : 'notConnectedText'),
        action: { label: t('connectAction'), onClick: () => this.show('settings') },
      });
      // Connecting is the one thing to do here: make it the primary action.
      state.querySelector('button')?.classList.add('fx-button--primary');
      return h('div', { class: 'tab-view tab-disconnected' }, state);
    }
    if (this.view === 'time') return this.time().element;
    const list = this.view === 'tasks' ? this.tasks : this.projects;
    if (list.status === 'error') {
      return errorView({ title: list.error.message, action: { label: t('retry'), onClick: () => this.refresh() } });
    }
    if (list.status !== 'ready') return spinner(t('loading'));
    if (this.view === 'projects')
      return projectsView(list.value as TabProjectList, this.ctx, {
        favoritesOnly: this.favoritesOnly,
        setFavoritesOnly: (favoritesOnly) => {
          this.favoritesOnly = favoritesOnly;
          void this.loadProjects();
        },
      });
    return tasksView(
      {
        list: list.value as TabTaskList,
        groupBy: this.groupBy,
        projectFilter: this.projectFilter,
        busy: this.busyTasks,
        today: new Date(),
      },
      {
        setDone: (task, done) => void this.setDone(task, done),
        setGroupBy: (mode) => {
          this.groupBy = mode;
          this.render();
        },
        setProjectFilter: (projectId) => {
          this.projectFilter = projectId;
          this.render();
        },
      },
      this.ctx,
    );
  }
}

/** Shown when the page is opened outside Teams in production. */
export function renderOpenInTeams(root: HTMLElement, locale: Locale): void {
  const t = createTranslator(TAB_MESSAGES, locale);
  document.documentElement.lang = locale;
  root.setAttribute('aria-busy', 'false');
  mount(root, emptyView({ title: t('openInTeamsTitle'), message: t('openInTeamsText') }));
}

export function renderBootError(root: HTMLElement, locale: Locale, error: unknown): void {
  const t = createTranslator(TAB_MESSAGES, locale);
  root.setAttribute('aria-busy', 'false');
  mount(
    root,
    errorView({
      title: asApiError(error, locale).message,
      action: { label: t('retry'), onClick: () => window.location.reload() },
    }),
  );
}
