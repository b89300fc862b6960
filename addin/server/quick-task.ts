/**
 * The ribbon's quick task (a function command, no pane): a task from the mail in the project the person used last
 * (or, before they used one, their first favorite project), with the default dates, assigned to them. Once per mail: a double click or a second press on a mail already filed
 * answers with that task. Nothing is created when there is no usable project.
 */
import { createHash } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { jsonRoute as route } from '../../server/json-route';
import type { IdentifyRequest } from '../../server/request-identity';
import type { ConnectionService } from '../../shared/connections';
import { dateRange, guidSchema, nameSchema } from '../../shared/domain';
import type { FilingStore } from '../../shared/filings';
import { identityKey, type UserIdentity } from '../../shared/identity';
import type { InLooxLinks } from '../../shared/inloox/api';
import type { StateStore } from '../../shared/state';
import { createOnce } from '../../shared/state/once';
import type { PreviewRequest } from '../contract';
import type { QuickTaskResponse } from '../contract-filings';
import { rememberMail } from './filings';
import { invalid, mailRefSchema, parsePreview } from './validation';

const LAST_PROJECT = 'last-project';
/** The last project is a preference, not a secret: kept a year from its last use. */
const LAST_PROJECT_KEPT_MS = 365 * 24 * 60 * 60 * 1000;

export async function rememberLastProject(state: StateStore, identity: UserIdentity, projectId: string): Promise<void> {
  await state.put(LAST_PROJECT, identityKey(identity), projectId.toLowerCase(), LAST_PROJECT_KEPT_MS);
}

/** Thrown inside the once-slot so it is released: nothing was created, a later press may succeed. */
class NoProject extends Error {}

const isoInstant = z.iso.datetime({ offset: true });
const quickSchema = z
  .object({
    name: nameSchema,
    startDateTime: isoInstant,
    endDateTime: isoInstant,
    formId: guidSchema,
    mail: mailRefSchema.optional().catch(undefined),
  })
  .superRefine(dateRange('startDateTime', 'endDateTime'));

function parseQuick(body: unknown) {
  const result = quickSchema.safeParse(body);
  if (result.success) return result.data;
  const field = result.error.issues[0]?.path[0];
  throw invalid(typeof field === 'string' ? field : 'body');
}

export interface QuickTaskOptions {
  connections: ConnectionService;
  filings: FilingStore;
  state: StateStore;
  links: InLooxLinks;
  compose: (request: PreviewRequest, req: Request) => Promise<{ html: string }>;
}

export function quickTaskRoutes(identify: IdentifyRequest, options: QuickTaskOptions): Router {
  const { connections, filings, state, links } = options;
  const router = express.Router();
  router.post(
    '/quick-task',
    express.json({ limit: '6mb' }),
    route(identify, async (identity, req): Promise<QuickTaskResponse> => {
      const preview = parsePreview(req.body);
      const input = parseQuick(req.body);
      const api = await connections.apiFor(identity);
      const mailId = input.mail?.internetMessageId;
      // Presses on the same mail claim the same slot, whatever their form ids.
      const once = mailId ? `quick:${createHash('sha256').update(mailId).digest('hex')}` : `quick:${input.formId}`;

      const claimed = createOnce(state, identityKey(identity), once, async () => {
        if (mailId) {
          const filed = await filings.lookup(identity, { source: 'mail', messageId: mailId });
          const taskIds = filed.message.filter((f) => f.kind === 'task').map((f) => f.id);
          const [task] = taskIds.length ? await api.getTasksByIds(taskIds.slice(0, 1)) : [];
          if (task?.ProjectId) {
            const project = (await api.getProjectNames([task.ProjectId])).get(task.ProjectId.toLowerCase());
            return {
              status: 'existing' as const,
              task: { id: task.TaskItemId, name: task.Name ?? '', projectId: task.ProjectId },
              projectName: project?.Name ?? '',
              link: links.task(task.TaskItemId),
            };
          }
        }
        const projectId = await state.get(LAST_PROJECT, identityKey(identity));
        const last = projectId ? (await api.getProjectNames([projectId])).get(projectId) : undefined;
        if (projectId && !last) await state.delete(LAST_PROJECT, identityKey(identity));
        const project = last ?? (await api.listProjects({ favoritesOnly: true, top: 1 })).items[0];
        if (!project) throw new NoProject();
        const me = await connections.status(identity);
        const description = (await options.compose(preview, req)).html;
        const task = await api.createTask(
          {
            Name: input.name,
            ProjectId: project.ProjectId,
            StartDateTime: input.startDateTime,
            EndDateTime: input.endDateTime,
            ...(me?.inlooxContactId ? { ContactId: me.inlooxContactId } : {}),
            DescriptionHTML: description,
          },
          { readBack: false },
        );
        return {
          status: 'created' as const,
          task: { id: task.TaskItemId, name: task.Name ?? input.name, projectId: project.ProjectId },
          projectName: project.Name,
          link: links.task(task.TaskItemId),
        };
      });
      let outcome: Awaited<typeof claimed>;
      try {
        outcome = await claimed;
      } catch (error) {
        if (error instanceof NoProject) return { status: 'no_project' };
        throw error;
      }
      const { fresh, result } = outcome;
      await rememberMail(filings, identity, input.mail, { kind: 'task', id: result.task.id });
      if (result.status === 'created') await rememberLastProject(state, identity, result.task.projectId);
      return fresh || result.status === 'existing' ? result : { ...result, status: 'existing' };
    }),
  );
  return router;
}
