/**
 * Calls per action of the project extras (favorites, categories, numbers, copies), measured with the bot harness of
 * calls-per-action.ts. The budgets are spread into its CALL_BUDGET, so the same test holds them.
 */
import type { SandboxRequest } from '../sandbox/server';
import type { BotHarness, TeamsUser } from '../test/bot/harness';

/**
 * The project card a verb answers with reads the project, its members, its open tasks, its custom field values, its
 * latest comments and its followers (six calls; the reader's contact id is cached by the client).
 */
const CARD =
  'the project, its members, open tasks, custom field values, latest comments and followers for the card it answers with';

export const PROJECT_CALL_BUDGET: Record<string, { minimum: number; budget?: number; why: string }> = {
  'favorites toggle': { minimum: 7, why: `ToggleFavorite(isFavorite=…) + ${CARD}` },
  'copy project': {
    minimum: 7,
    why: `CopyProject() + ${CARD.replace('the project', 'the copy')}`,
  },
};

type Record_ = (action: string, surface: 'Teams bot', entries: SandboxRequest[]) => void;

export async function measureProjectActions(bot: BotHarness, user: TeamsUser, record: Record_): Promise<void> {
  const log = bot.sandbox.requestLog;
  const inloox = await bot.connections.apiFor(user);
  const project = (await inloox.listProjects({ top: 1 })).items[0]!;
  log.clear();
  await bot.execute('project.favorite', { projectId: project.ProjectId, favorite: !project.IsFavorite }, { user });
  record('favorites toggle', 'Teams bot', log.entries());

  log.clear();
  await bot.execute('project.copy', { projectId: project.ProjectId }, { user });
  record('copy project', 'Teams bot', log.entries());
}
