import { fetchJson, type FetchJsonOptions } from '../../ui/api';
import type {
  TabBootInfo,
  TabConnectionStatus,
  TabNotifications,
  TabNotifySettings,
  TabProjectList,
  TabTask,
  TabTaskList,
} from '../api-types';
import type { TabCustomFields } from '../custom-field-types';
import type { TabLogTime, TabTimeWeek } from '../time-types';

/** Returns the bearer token for one request, or undefined in local mode (development identity). */
export type TokenSource = () => Promise<string | undefined>;

/** The tab's server API (/tab/api/…). Tokens are fetched per request and never stored. */
export class TabClient {
  constructor(
    private readonly baseUrl: string,
    private readonly locale: string,
    private readonly token: TokenSource,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  private async call<T>(
    path: string,
    options: Omit<FetchJsonOptions, 'token' | 'locale' | 'fetchImpl'> = {},
  ): Promise<T> {
    const token = await this.token();
    return fetchJson<T>(`${this.baseUrl}${path}`, {
      ...options,
      token,
      locale: this.locale,
      fetchImpl: this.fetchImpl,
    });
  }

  static boot(baseUrl: string, fetchImpl?: typeof fetch): Promise<TabBootInfo> {
    return fetchJson<TabBootInfo>(`${baseUrl}/boot`, { fetchImpl });
  }

  connection(): Promise<TabConnectionStatus> {
    return this.call('/connection');
  }
  connect(apiKey: string): Promise<TabConnectionStatus> {
    return this.call('/connection', { method: 'POST', body: { apiKey } });
  }
  testConnection(): Promise<TabConnectionStatus> {
    return this.call('/connection/test', { method: 'POST', body: {} });
  }
  disconnect(): Promise<TabConnectionStatus> {
    return this.call('/connection', { method: 'DELETE' });
  }
  tasks(): Promise<TabTaskList> {
    return this.call('/tasks');
  }
  setDone(taskId: string, done: boolean): Promise<TabTask> {
    return this.call(`/tasks/${encodeURIComponent(taskId)}/${done ? 'done' : 'reopen'}`, { method: 'POST', body: {} });
  }
  projects(options: { favoritesOnly?: boolean } = {}): Promise<TabProjectList> {
    return this.call(options.favoritesOnly ? '/projects?favorites=true' : '/projects');
  }
  customFields(kind: 'tasks' | 'projects', id: string, timeZone: string): Promise<TabCustomFields> {
    return this.call(`/${kind}/${encodeURIComponent(id)}/fields?timeZone=${encodeURIComponent(timeZone)}`);
  }
  notifications(): Promise<TabNotifications> {
    return this.call('/notifications');
  }
  saveNotifications(settings: TabNotifySettings): Promise<TabNotifications> {
    return this.call('/notifications', { method: 'PUT', body: settings });
  }
  timeWeek(offset: number, timeZone: string): Promise<TabTimeWeek> {
    return this.call(`/time?offset=${offset}&timeZone=${encodeURIComponent(timeZone)}`);
  }
  logTime(body: TabLogTime): Promise<{ id: string; minutes: number }> {
    return this.call('/time/entries', { method: 'POST', body });
  }
  timer(taskId: string, action: 'pause' | 'resume'): Promise<unknown> {
    return this.call(`/time/timer/${encodeURIComponent(taskId)}/${action}`, { method: 'POST', body: {} });
  }
  stopTimer(taskId: string, body: { duration: string; note: string; billable: boolean; requestId: string }) {
    return this.call<{ id: string; minutes: number }>(`/time/timer/${encodeURIComponent(taskId)}/stop`, {
      method: 'POST',
      body,
    });
  }
}
