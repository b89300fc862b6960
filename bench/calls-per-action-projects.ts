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
  'categories save': {
    minimum: 7,
    why: `SetCategories (one call replaces them all) + the PATCH of the form's other fields, which answers the project + ${CARD.replace('the project, ', '')}`,
  },
  'number check': {
    minimum: 8,
    why: `CheckIfProjectNumberExists before any write + UpdateProjectNumber + the PATCH of the form's other fields, which answers the project + ${CARD.replace('the project, ', '')}`,
  },
  'number taken': {
    minimum: 3,
    why: 'CheckIfProjectNumberExists, then nothing written: the form comes back with the contact choices and the categories (the project has no client to look up)',
  },
  'category from the card': {
    minimum: 3,
    why: 'AssignCategory + the project (its categories) and the account categories for the small card it answers with',
  },
};

/** The edit form's Save data: what the form carries plus what it shows, overridden by `typed`. */
function saveData(card: unknown, typed: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  let carried: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string')
      shown[record.id] = record.value ?? '';
    if (record.type === 'Action.Execute' && record.verb === 'project.update')
      carried = record.data as Record<string, unknown>;
    Object.values(record).forEach(walk);
  };
  walk(card);
  if (!carried) throw new Error('the edit form has no Save action');
  return { ...shown, ...carried, ...typed };
}

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

  const categories = await inloox.listCategories();
  const [editable, other] = (await inloox.listProjects({ top: 20 })).items.filter((p) => !p.LockMode && !p.IsLocked);
  if (!editable || !other) throw new Error('the account needs two projects that are not locked');
  const form = await bot.execute('project.edit', { projectId: editable.ProjectId }, { user });
  log.clear();
  const shown = String(saveData(form, {}).categoryIds ?? '');
  const unassigned = categories.find((c) => !shown.includes(c.CategoryId.toLowerCase()))!;
  await bot.execute('project.update', saveData(form, { categoryIds: unassigned.CategoryId }), { user });
  record('categories save', 'Teams bot', log.entries());

  const again = await bot.execute('project.edit', { projectId: editable.ProjectId }, { user });
  log.clear();
  await bot.execute('project.update', saveData(again, { numberPrefix: 'BENCH-' }), { user });
  record('number check', 'Teams bot', log.entries());

  const third = await bot.execute('project.edit', { projectId: other.ProjectId }, { user });
  // The first project's number becomes the one the form asks for: T-<its part><the other's part>-T.
  const own = (await inloox.getProject(editable.ProjectId)).Number!.slice('BENCH-'.length);
  const increment = String(other.NumberIncremential ?? '').padStart(3, '0');
  await inloox.updateProjectNumber(editable.ProjectId, 'T-', `${increment}-T`);
  const takenNumber = `T-${own}${increment}-T`;
  log.clear();
  const refused = await bot.execute(
    'project.update',
    saveData(third, { numberPrefix: `T-${own}`, numberSuffix: '-T' }),
    { user },
  );
  if (!JSON.stringify(refused).includes(takenNumber)) throw new Error('number taken was not refused');
  record('number taken', 'Teams bot', log.entries());

  log.clear();
  await bot.execute(
    'project.category',
    { projectId: other.ProjectId, categoryId: unassigned.CategoryId, assigned: true },
    { user },
  );
  record('category from the card', 'Teams bot', log.entries());
}
