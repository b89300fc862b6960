import type { InLooxLinks } from '../../shared/inloox/api';
import type { Project, ProjectName, Task } from '../../shared/inloox/types';
import type { ConnectionInfo } from '../../shared/keystore/types';
import type { TabConnectionStatus, TabProject, TabTask } from '../api-types';

/** What people see as "the InLoox server": the host of the configured base URL. */
export function inlooxServerLabel(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.host;
}

/** Cloud tokens are made on login.inloox.com; self-hosted ones in the InLoox web app of that server. */
export function tokenHelpUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.hostname === 'app.inloox.com' ? 'https://login.inloox.com/' : `${url.origin}/`;
}

export function toConnectionStatus(info: ConnectionInfo | undefined, baseUrl: string): TabConnectionStatus {
  const base = { server: inlooxServerLabel(baseUrl), tokenHelpUrl: tokenHelpUrl(baseUrl) };
  if (!info) return { connected: false, needsReconnect: false, ...base };
  return {
    connected: !info.needsReconnect,
    needsReconnect: info.needsReconnect,
    user: { contactId: info.inlooxContactId, displayName: info.inlooxDisplayName, email: info.inlooxEmail ?? null },
    connectedAt: info.connectedAt,
    ...base,
  };
}

export function toTabTask(task: Task, projects: ReadonlyMap<string, ProjectName>, links: InLooxLinks): TabTask {
  const projectId = task.ProjectId ?? null;
  return {
    id: task.TaskItemId,
    name: task.Name?.trim() || '—',
    projectId,
    projectName: projectId ? (projects.get(projectId.toLowerCase())?.Name ?? null) : null,
    start: task.StartDateTime ?? null,
    due: task.EndDateTime ?? null,
    done: task.IsDone,
    link: links.task(task.TaskItemId),
  };
}

/** InLoox reports progress as a fraction (0..1) in ComputedProgress and as percent in PercentComplete. */
export function projectProgress(project: Project): number | null {
  const raw = project.PercentComplete ?? (project.ComputedProgress != null ? project.ComputedProgress * 100 : null);
  if (raw == null || !Number.isFinite(raw)) return null;
  return Math.max(0, Math.min(100, Math.round(raw)));
}

export function toTabProject(project: Project, links: InLooxLinks): TabProject {
  return {
    id: project.ProjectId,
    name: project.Name?.trim() || '—',
    number: project.Number ?? null,
    status: project.ProjectStatusName ?? project.StatusLabel ?? null,
    progress: projectProgress(project),
    start: project.StartDate ?? null,
    end: project.EndDate ?? null,
    link: links.project(project.ProjectId),
    favorite: project.IsFavorite === true,
  };
}
