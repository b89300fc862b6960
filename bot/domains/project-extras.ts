/** Projects the way InLoox runs them: favorites, copies, category filters and locked projects. */
import { z } from 'zod';
import { messageCard, projectTitle, type AdaptiveCardJson, type CardContext } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { guidSchema } from '../../shared/domain';
import type { InLooxApi } from '../../shared/inloox/api';
import { isInLooxError } from '../../shared/inloox/errors';
import { isProjectLocked } from '../../shared/cards/project-extras';
import { verb, type Domain } from '../domain';
import { loadProjectCard } from '../loaders';
import { createFormData, submitOnce } from '../once';
import { apiFor, banner } from '../turn';
import { listPage } from './lists';

const favoriteData = z.object({ projectId: guidSchema, favorite: z.boolean() });
const copyData = createFormData.extend({ projectId: guidSchema });

export function lockedCard(ctx: CardContext, name: string): AdaptiveCardJson {
  return messageCard(ctx, {
    title: t(ctx.locale, 'projectLockedTitle'),
    text: t(ctx.locale, 'projectLockedText', { name: name.slice(0, 120) }),
    tone: 'warning',
  });
}

/**
 * A write to a project that InLoox refused with 403: when the project is locked, says so; any other refusal stays
 * the general "no permission" answer.
 */
export async function explainRefusal(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  error: unknown,
): Promise<AdaptiveCardJson> {
  if (!isInLooxError(error) || error.kind !== 'forbidden') throw error;
  const project = await api.getProject(projectId).catch(() => undefined);
  if (project && isProjectLocked(project)) return lockedCard(ctx, projectTitle(project));
  throw error;
}

export const projectExtras: Domain = {
  name: 'projectExtras',
  commands: [
    {
      id: 'favorites',
      names: { en: ['favorites', 'favourites'], de: ['favoriten'] },
      argument: 'none',
      help: { en: 'My favorite projects', de: 'Meine Favoriten-Projekte' },
      run: async (c) => [await listPage(c, { kind: 'projects', search: '', mine: false, skip: 0, favorites: true })],
    },
  ],
  verbs: {
    'project.favorite': verb(favoriteData, async (c, data) => {
      const api = await apiFor(c.deps, c.turn);
      const projectId = data.projectId.toLowerCase();
      const favorite = await api.setFavorite(projectId, data.favorite);
      return loadProjectCard(c.deps, api, c.turn.ctx, projectId, {
        banner: banner(c.turn.ctx, favorite ? 'favoriteAdded' : 'favoriteRemoved'),
      });
    }),
    'project.copy': verb(copyData, async (c, data, raw) => {
      const api = await apiFor(c.deps, c.turn);
      const projectId = data.projectId.toLowerCase();
      return submitOnce(
        c.deps,
        c.turn,
        raw,
        async () => ({ projectId: await api.copyProject(projectId) }),
        (result) =>
          loadProjectCard(c.deps, api, c.turn.ctx, result.projectId, { banner: banner(c.turn.ctx, 'projectCopied') }),
      );
    }),
  },
};
