/** The task pane's calls to its server API (/addin/api/…). Each call asks for a fresh token and forgets it. */
import { fetchJson } from '../../ui/api';
import type {
  AddNoteResponse,
  ContactOption,
  CreateTaskRequest,
  CreateTaskResponse,
  MeResponse,
  PreviewRequest,
  PreviewResponse,
  ProjectOption,
  SearchResponse,
  TaskOption,
} from '../contract';
import type {
  AddProjectNoteRequest,
  AddProjectNoteResponse,
  FiledResponse,
  MailRef,
  QuickTaskRequest,
  QuickTaskResponse,
} from '../contract-filings';
import type { CustomFieldsResponse } from '../contract-custom-fields';
import type {
  AppointmentBookedResponse,
  AppointmentRef,
  AppointmentTimeRequest,
  MailTimeRequest,
  TimeBookingResponse,
} from '../contract-time';

export interface AddinApiOptions {
  /** Base URL of the API, e.g. "/addin/api". */
  baseUrl: string;
  locale: string;
  /** An SSO token for one request, or undefined in local mode (the server uses the development identity). */
  getToken: () => Promise<string | undefined>;
  fetchImpl?: typeof fetch;
}

export type AddinApi = ReturnType<typeof createAddinApi>;

export function createAddinApi(options: AddinApiOptions) {
  const call = async <T>(
    path: string,
    init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> =>
    fetchJson<T>(`${options.baseUrl}${path}`, {
      ...init,
      token: await options.getToken(),
      locale: options.locale,
      fetchImpl: options.fetchImpl,
    });
  const query = (text: string) => `?q=${encodeURIComponent(text)}`;

  return {
    me: () => call<MeResponse>('/me'),
    connect: (apiKey: string) => call<MeResponse>('/connect', { method: 'POST', body: { apiKey } }),
    disconnect: () => call<MeResponse>('/disconnect', { method: 'POST', body: {} }),
    searchProjects: (text: string, signal?: AbortSignal) =>
      call<SearchResponse<ProjectOption>>(`/projects${query(text)}`, { signal }),
    searchContacts: (text: string, signal?: AbortSignal) =>
      call<SearchResponse<ContactOption>>(`/contacts${query(text)}`, { signal }),
    searchTasks: (text: string, signal?: AbortSignal) =>
      call<SearchResponse<TaskOption>>(`/tasks${query(text)}`, { signal }),
    preview: (request: PreviewRequest, signal?: AbortSignal) =>
      call<PreviewResponse>('/preview', { method: 'POST', body: request, signal }),
    taskCustomFields: () => call<CustomFieldsResponse>('/custom-fields/task'),
    createTask: (request: CreateTaskRequest) => call<CreateTaskResponse>('/tasks', { method: 'POST', body: request }),
    addNote: (taskId: string, html: string, extra: { mail?: MailRef; formId?: string } = {}) =>
      call<AddNoteResponse>(`/tasks/${encodeURIComponent(taskId)}/notes`, { method: 'POST', body: { html, ...extra } }),
    filed: (mail: MailRef) => call<FiledResponse>('/filed', { method: 'POST', body: mail }),
    addProjectNote: (projectId: string, request: AddProjectNoteRequest) =>
      call<AddProjectNoteResponse>(`/projects/${encodeURIComponent(projectId)}/notes`, {
        method: 'POST',
        body: request,
      }),
    quickTask: (request: QuickTaskRequest) => call<QuickTaskResponse>('/quick-task', { method: 'POST', body: request }),
    logMailTime: (request: MailTimeRequest) =>
      call<TimeBookingResponse>('/time/mail', { method: 'POST', body: request }),
    bookMeeting: (request: AppointmentTimeRequest) =>
      call<TimeBookingResponse>('/time/appointment', { method: 'POST', body: request }),
    meetingBooked: (appointment: AppointmentRef) =>
      call<AppointmentBookedResponse>('/time/appointment/booked', { method: 'POST', body: appointment }),
  };
}
