/** JSON shapes of the tab's server API (/tab/api/…), shared by tab/server and tab/web. Types only. */

export interface TabUser {
  contactId: string;
  displayName: string;
  email?: string | null;
}

export interface TabConnectionStatus {
  connected: boolean;
  /** InLoox rejected the stored key: the person has to connect again. */
  needsReconnect: boolean;
  user?: TabUser;
  connectedAt?: string;
  /** The InLoox server the product talks to (operator configuration), e.g. "app.inloox.com". */
  server: string;
  /** Where people create a personal access token in InLoox. */
  tokenHelpUrl: string;
}

export interface TabTask {
  id: string;
  name: string;
  projectId: string | null;
  projectName: string | null;
  start: string | null;
  due: string | null;
  done: boolean;
  /** Opens the task in the InLoox web app. */
  link: string;
}

export interface TabTaskList {
  tasks: TabTask[];
  /** True when InLoox has more open tasks than the tab shows. */
  more: boolean;
}

export interface TabProject {
  id: string;
  name: string;
  number: string | null;
  status: string | null;
  /** 0..100, or null when InLoox has no progress for the project. */
  progress: number | null;
  start: string | null;
  end: string | null;
  link: string;
  /** One of the person's InLoox favorites (listed first). */
  favorite: boolean;
}

export interface TabProjectList {
  projects: TabProject[];
  more: boolean;
}

/** Public, unauthenticated facts the page needs before it can sign in. */
export interface TabBootInfo {
  mode: 'local' | 'production';
  /** Chat with the bot in Teams; absent in local mode (no bot registration). */
  botChatUrl?: string;
}

/** The person's notification settings (GET/PUT /tab/api/notifications). */
export interface TabNotifySettings {
  assignments: boolean;
  dueChanges: boolean;
  digest: boolean;
  /** "HH:MM" in the person's Teams time zone. */
  digestTime: string;
  weekdaysOnly: boolean;
}

export interface TabNotifications {
  /** False until the person has a personal chat with the bot, where notifications are written. */
  available: boolean;
  settings: TabNotifySettings;
}
