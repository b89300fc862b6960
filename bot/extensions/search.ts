/** Search command: find projects and tasks by text and insert a card into the conversation. */
import { formatDate } from '../../shared/cards/format';
import { projectTitle } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { projectNamesOf } from '../../shared/inloox/project-names';
import { loadProjectCard, loadTaskCard } from '../loaders';
import type { BotDeps, Turn } from '../turn';
import { LIMITS } from '../../shared/domain/limits';
import { MissingIdentityError } from '../errors';
import { cardAttachment, extensionFailure, extensionMessage, extensionResult } from './responses';

export const SEARCH_COMMAND = 'searchInLoox';
const MAX_RESULTS = 10;

/** composeExtension/query */
export async function runExtensionSearch(deps: BotDeps, turn: Turn, value: unknown) {
  const { ctx } = turn;
  const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const parameters = Array.isArray(record.parameters) ? (record.parameters as Record<string, unknown>[]) : [];
  const text = parameters.find((p) => p && typeof p.value === 'string' && p.name !== 'initialRun')?.value;
  const search = typeof text === 'string' ? text.trim().slice(0, LIMITS.search) : '';
  try {
    if (!turn.identity) throw new MissingIdentityError();
    const api = await deps.connections.apiFor(turn.identity);
    const half = MAX_RESULTS / 2;
    const [projects, tasks] = await Promise.all([
      api.listProjects({ search: search || undefined, top: half }),
      api.listTasks({ search: search || undefined, top: half, open: search ? undefined : true }),
    ]);
    const names = await projectNamesOf(api, tasks.items);
    const attachments = [
      ...(await Promise.all(
        projects.items.map(async (project) =>
          cardAttachment(await loadProjectCard(deps, api, ctx, project, { readOnly: true }), {
            title: projectTitle(project),
            text: `${t(ctx.locale, 'kindProject')} · ${[formatDate(project.StartDate, ctx), formatDate(project.EndDate, ctx)].filter(Boolean).join(' – ')}`,
          }),
        ),
      )),
      ...(await Promise.all(
        tasks.items.map(async (task) =>
          cardAttachment(
            await loadTaskCard(deps, api, ctx, task, {
              readOnly: true,
              project: task.ProjectId ? names.get(task.ProjectId.toLowerCase()) : undefined,
            }),
            {
              title: task.Name ?? '',
              text: `${t(ctx.locale, 'kindTask')} · ${task.IsDone ? t(ctx.locale, 'statusDone') : formatDate(task.EndDateTime, ctx)}`,
            },
          ),
        ),
      )),
    ];
    if (attachments.length === 0) return extensionMessage(t(ctx.locale, 'extSearchNoResults'));
    return extensionResult(attachments);
  } catch (error) {
    return extensionFailure(deps.log, ctx, error, 'extension_search_failed');
  }
}
