/**
 * What a person already filed from a mail: remembering a filing (no InLoox call), answering "already in InLoox"
 * (one InLoox call per kind of target, none when nothing was filed), and filing a mail to a project as a comment.
 */
import express, { type Request, type Router } from 'express';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import type { ConnectionService } from '../../shared/connections';
import { guidSchema } from '../../shared/domain';
import type { Filing, FilingStore } from '../../shared/filings';
import type { UserIdentity } from '../../shared/identity';
import { identityKey } from '../../shared/identity';
import type { InLooxApi, InLooxLinks } from '../../shared/inloox/api';
import type { StateStore } from '../../shared/state';
import { createOnce } from '../../shared/state/once';
import { type AddProjectNoteResponse, type FiledResponse, type FiledTarget, type MailRef } from '../contract-filings';
import { invalid, mailRefSchema, parseNote } from './validation';

/** The mail's ids from a request body's `mail` (or the body itself); anything unreadable means "no memory". */
export function parseMailRef(value: unknown): MailRef {
  const result = mailRefSchema.safeParse(value ?? {});
  return result.success ? result.data : {};
}

/** Remembers that the mail went to `target`; a mail without internetMessageId is not remembered. */
export async function rememberMail(
  filings: FilingStore,
  identity: UserIdentity,
  mail: MailRef | undefined,
  target: { kind: 'task' | 'project'; id: string },
): Promise<boolean> {
  if (!mail?.internetMessageId) return false;
  await filings.remember(
    identity,
    {
      source: 'mail',
      messageId: mail.internetMessageId,
      ...(mail.conversationId ? { conversationId: mail.conversationId } : {}),
    },
    target,
  );
  return true;
}

/**
 * The filings with their current name and state from InLoox: one Task query for all tasks, one Project query for
 * all projects, nothing when there is nothing. Targets InLoox no longer has (deleted) are left out.
 */
export async function describeFilings(
  api: InLooxApi,
  links: InLooxLinks,
  lists: { message: Filing[]; conversation: Filing[] },
): Promise<{ message: FiledTarget[]; conversation: FiledTarget[] }> {
  const all = [...lists.message, ...lists.conversation];
  const taskIds = [...new Set(all.filter((f) => f.kind === 'task').map((f) => f.id))];
  const projectIds = [...new Set(all.filter((f) => f.kind === 'project').map((f) => f.id))];
  const [tasks, projects] = await Promise.all([
    taskIds.length ? api.getTasksByIds(taskIds) : Promise.resolve([]),
    projectIds.length ? api.getProjectNames(projectIds) : Promise.resolve(new Map()),
  ]);
  const taskById = new Map(tasks.map((t) => [t.TaskItemId.toLowerCase(), t]));
  const describe = (filing: Filing): FiledTarget | undefined => {
    if (filing.kind === 'task') {
      const task = taskById.get(filing.id);
      if (!task) return undefined;
      return {
        kind: 'task',
        id: task.TaskItemId,
        name: task.Name ?? '',
        done: task.IsDone,
        link: links.task(task.TaskItemId),
        filedAt: filing.filedAt,
      };
    }
    const project = projects.get(filing.id);
    if (!project) return undefined;
    return {
      kind: 'project',
      id: project.ProjectId,
      name: project.Name,
      done: null,
      link: links.project(project.ProjectId),
      filedAt: filing.filedAt,
    };
  };
  const present = (list: Filing[]) => list.map(describe).filter((t): t is FiledTarget => !!t);
  return { message: present(lists.message), conversation: present(lists.conversation) };
}

export interface FilingRoutesOptions {
  connections: ConnectionService;
  filings: FilingStore;
  state: StateStore;
  links: InLooxLinks;
  storedDescription: (html: string, req: Request) => Promise<string>;
}

/** POST /filed (what this mail was filed to) and POST /projects/:projectId/notes (file the mail to a project). */
export function filingRoutes(identify: IdentifyRequest, options: FilingRoutesOptions): Router {
  const { connections, filings, state, links } = options;
  const router = express.Router();
  const small = express.json({ limit: '8kb' });
  const large = express.json({ limit: '6mb' });

  router.post(
    '/filed',
    small,
    route(identify, async (identity, req): Promise<FiledResponse> => {
      const mail = parseMailRef(req.body);
      if (!mail.internetMessageId) return { remembered: false, message: [], conversation: [] };
      const found = await filings.lookup(identity, {
        source: 'mail',
        messageId: mail.internetMessageId,
        ...(mail.conversationId ? { conversationId: mail.conversationId } : {}),
      });
      if (!found.message.length && !found.conversation.length)
        return { remembered: true, message: [], conversation: [] };
      const api = await connections.apiFor(identity);
      return { remembered: true, ...(await describeFilings(api, links, found)) };
    }),
  );

  router.post(
    '/projects/:projectId/notes',
    large,
    route(identify, async (identity, req): Promise<AddProjectNoteResponse> => {
      const parsedId = guidSchema.safeParse(req.params.projectId);
      if (!parsedId.success) throw invalid('projectId');
      const projectId = parsedId.data.toLowerCase();
      const { html, mail, formId } = parseNote(req.body);
      const api = await connections.apiFor(identity);
      const stored = await options.storedDescription(html, req);
      const { result } = await createOnce(
        state,
        identityKey(identity),
        formId && `project-note:${formId}`,
        async () => {
          await api.addProjectNote(projectId, stored);
          return { projectId, link: links.project(projectId) };
        },
      );
      await rememberMail(filings, identity, mail, { kind: 'project', id: projectId });
      return result;
    }),
  );
  return router;
}
