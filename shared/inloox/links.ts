/**
 * Links into the InLoox web app for projects and tasks.
 *
 * The public InLoox documentation does not document deep-link URLs, so the product uses one clear format:
 *   <web app root>/project/<ProjectId>     <web app root>/task/<TaskItemId>
 * The web app root is derived from the operator-configured API base URL by removing the API path:
 *   https://app.inloox.com/api/odata/        -> https://app.inloox.com/
 *   https://inloox.example.org/api/v1/odata/ -> https://inloox.example.org/
 * parseInLooxLink reads such links back (link unfurling) and accepts only app.inloox.com and the configured host.
 */
import type { InLooxLinks } from './api';
import { guidLiteral, isGuid } from './query';
import type { Guid } from './types';

export const INLOOX_CLOUD_WEB_ORIGIN = 'https://app.inloox.com';

/** The web app root (always ending in "/") for an API base URL. */
export function webAppRoot(baseUrl: string): URL {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/api(\/v\d+)?\/odata\/?$/i, '/');
  url.pathname = path.endsWith('/') ? path : `${path}/`;
  url.search = '';
  url.hash = '';
  return url;
}

export function createInLooxLinks(baseUrl: string): InLooxLinks {
  const root = webAppRoot(baseUrl);
  return {
    project: (projectId: Guid) => new URL(`project/${guidLiteral(projectId, 'projectId')}`, root).href,
    task: (taskId: Guid) => new URL(`task/${guidLiteral(taskId, 'taskId')}`, root).href,
  };
}

export interface ParsedInLooxLink {
  kind: 'project' | 'task';
  id: Guid;
}

/** Reads a project or task link; undefined for anything else, including links to other hosts. */
export function parseInLooxLink(link: string, baseUrl: string): ParsedInLooxLink | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const roots = [new URL(`${INLOOX_CLOUD_WEB_ORIGIN}/`), webAppRoot(baseUrl)];
  for (const root of roots) {
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) continue;
    const rest = url.pathname.slice(root.pathname.length).replace(/\/$/, '');
    const match = /^(project|task)\/([^/]+)$/i.exec(rest);
    if (match && isGuid(match[2])) {
      return { kind: match[1]!.toLowerCase() as 'project' | 'task', id: match[2]!.toLowerCase() };
    }
  }
  return undefined;
}
