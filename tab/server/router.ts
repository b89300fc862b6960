import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { AppServices } from '../../server/app-services';
import { finalErrorHandler, notFoundHandler, RequestValidationError } from '../../server/api-errors';
import { jsonRoute as route } from '../../server/json-route';
import {
  createRequestIdentifier,
  createSsoVerifier,
  requireJsonWrites,
  type IdentifyRequest,
} from '../../server/request-identity';
import { apiKeySchema, isGuid, validationIssues } from '../../shared/domain';
import type { InLooxLinks } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import { createInLooxLinks } from '../../shared/inloox/links';
import { projectNamesOf } from '../../shared/inloox/project-names';
import type { TabBootInfo, TabConnectionStatus, TabProjectList, TabTask, TabTaskList } from '../api-types';
import { buildTabAssets } from '../build';
import { toConnectionStatus, toTabProject, toTabTask } from './mappers';
import { customFieldRoutes } from './custom-fields';
import { notificationRoutes } from './notifications';
import { serveTabPage, type TabAssetSource } from './static';
import { timeRoutes } from './time';

export interface TabRouterOptions {
  /**
   * Who is calling: default server/request-identity (SSO bearer validated against the tenant's keys; in local mode
   * the development identity for direct loopback requests). Tests pass their own.
   */
  identify?: IdentifyRequest;
  /** The bundled browser code (default: tab/web bundled in memory); tests pass a bundle with a stubbed Teams host. */
  assets?: TabAssetSource;
  /** Overrides the InLoox web links (default: derived from config.inlooxBaseUrl). */
  links?: InLooxLinks;
}

/** Open tasks shown at most; the list says when InLoox has more. */
export const TASK_LIMIT = 100;
export const PROJECT_LIMIT = 100;

const connectBody = z.object({ apiKey: apiKeySchema });

function readApiKey(body: unknown): string {
  const parsed = connectBody.safeParse(body);
  if (parsed.success) return parsed.data.apiKey;
  const reason = validationIssues(parsed.error)[0]?.code;
  throw new RequestValidationError(reason === 'api_key_malformed' ? reason : 'api_key_required', 'apiKey');
}

function readTaskId(req: Request): string {
  const id = String(req.params.taskId ?? '');
  if (!isGuid(id)) throw new RequestValidationError('invalid_id', 'taskId');
  return id;
}

/**
 * The Teams personal tab "My InLoox": the page under /tab/ and its JSON API under /tab/api/.
 * Every API route except /tab/api/boot requires an identity; InLoox is reached only through
 * services.connections, so the tab shares the bot's and the add-in's connection.
 */
export function createTabRouter(services: AppServices, options: TabRouterOptions = {}): Router {
  const { config, connections } = services;
  const identify = options.identify ?? createRequestIdentifier(config, createSsoVerifier(config));
  const links = options.links ?? createInLooxLinks(config.inlooxBaseUrl);
  const router = express.Router();
  const api = express.Router();
  // Writes must be same-origin JSON: with the ambient development identity in local mode this stops other sites.
  api.use(requireJsonWrites());
  api.use(express.json({ limit: '8kb' }));

  api.get('/boot', (_req, res) => {
    const boot: TabBootInfo = { mode: config.mode };
    if (config.microsoftAppId) {
      boot.botChatUrl = `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(config.microsoftAppId)}`;
    }
    res.set('Cache-Control', 'no-store').json(boot);
  });

  api.get(
    '/connection',
    route(identify, async (identity): Promise<TabConnectionStatus> => {
      return toConnectionStatus(await connections.status(identity), config.inlooxBaseUrl);
    }),
  );

  api.post(
    '/connection',
    route(identify, async (identity, req): Promise<TabConnectionStatus> => {
      const apiKey = readApiKey(req.body);
      try {
        return toConnectionStatus(
          await connections.connect(identity, apiKey, { clientAddress: req.ip }),
          config.inlooxBaseUrl,
        );
      } catch (error) {
        // A key InLoox refuses is a problem of the form field, not a lost connection.
        if (
          isInLooxError(error) &&
          (error.kind === 'auth' || (error.kind === 'validation' && error.details.field === 'apiKey'))
        ) {
          throw new RequestValidationError('api_key_malformed', 'apiKey', 'invalid_key');
        }
        throw error;
      }
    }),
  );

  /**
   * Proves the stored key works right now with one real, cheap read (the client keeps me() in memory, so that
   * alone would not reach InLoox). A 401 here flags the connection through the connection service.
   */
  api.post(
    '/connection/test',
    route(identify, async (identity): Promise<TabConnectionStatus> => {
      await (await connections.apiFor(identity)).listProjects({ top: 1 });
      return toConnectionStatus(await connections.status(identity), config.inlooxBaseUrl);
    }),
  );

  api.delete(
    '/connection',
    route(identify, async (identity): Promise<TabConnectionStatus & { removed: boolean }> => {
      const removed = await connections.disconnect(identity);
      return { ...toConnectionStatus(undefined, config.inlooxBaseUrl), removed };
    }),
  );

  api.get(
    '/tasks',
    route(identify, async (identity): Promise<TabTaskList> => {
      const inloox = await connections.apiFor(identity);
      const page = await inloox.myTasks({ top: TASK_LIMIT });
      const tasks = page.items.slice(0, TASK_LIMIT);
      const names = await projectNamesOf(inloox, tasks);
      return {
        tasks: tasks.map((task) => toTabTask(task, names, links)),
        more: !!page.nextLink || page.items.length > TASK_LIMIT,
      };
    }),
  );

  const setDone = (done: boolean) =>
    route(identify, async (identity, req): Promise<TabTask> => {
      const taskId = readTaskId(req);
      const inloox = await connections.apiFor(identity);
      const task = done ? await inloox.completeTask(taskId) : await inloox.reopenTask(taskId);
      const names = await projectNamesOf(inloox, [task]);
      return toTabTask(task, names, links);
    });
  api.post('/tasks/:taskId/done', setDone(true));
  api.post('/tasks/:taskId/reopen', setDone(false));

  api.get(
    '/projects',
    route(identify, async (identity, req): Promise<TabProjectList> => {
      const inloox = await connections.apiFor(identity);
      const favoritesOnly = req.query.favorites === 'true';
      const page = await inloox.listProjects({ top: PROJECT_LIMIT, favoritesFirst: true, favoritesOnly });
      return {
        projects: page.items.slice(0, PROJECT_LIMIT).map((project) => toTabProject(project, links)),
        more: !!page.nextLink || page.items.length > PROJECT_LIMIT,
      };
    }),
  );

  notificationRoutes(api, identify, services.notify);
  timeRoutes(api, identify, connections, services.state);
  customFieldRoutes(api, identify, connections);

  api.use(notFoundHandler(), finalErrorHandler());

  router.use('/api', api);
  router.use(serveTabPage(config, options.assets ?? (() => buildTabAssets())));
  return router;
}
