/** Link unfurling: InLoox project and task links (app.inloox.com and the configured host) become cards. */
import { projectTitle } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { parseInLooxLink } from '../../shared/inloox/links';
import { loadProjectCard, loadTaskCard } from '../loaders';
import type { BotDeps, Turn } from '../turn';
import { MissingIdentityError } from '../errors';
import { cardAttachment, extensionFailure, extensionResult } from './responses';

/** composeExtension/queryLink */
export async function runUnfurl(deps: BotDeps, turn: Turn, value: unknown) {
  const { ctx } = turn;
  const url = value && typeof value === 'object' ? (value as Record<string, unknown>).url : undefined;
  const link = typeof url === 'string' && url.length <= 2000 ? parseInLooxLink(url, deps.inlooxBaseUrl) : undefined;
  if (!link) return extensionResult([]);
  try {
    if (!turn.identity) throw new MissingIdentityError();
    const api = await deps.connections.apiFor(turn.identity);
    if (link.kind === 'project') {
      const project = await api.getProject(link.id);
      const card = await loadProjectCard(deps, api, ctx, project, { readOnly: true });
      return extensionResult([
        cardAttachment(card, { title: projectTitle(project), text: t(ctx.locale, 'kindProject') }),
      ]);
    }
    const task = await api.getTask(link.id);
    const card = await loadTaskCard(deps, api, ctx, task, { readOnly: true });
    return extensionResult([cardAttachment(card, { title: task.Name ?? '', text: t(ctx.locale, 'kindTask') })]);
  } catch (error) {
    return extensionFailure(deps.log, ctx, error, 'unfurl_failed');
  }
}
