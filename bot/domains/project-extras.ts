/** Projects the way InLoox runs them: favorites (and, on the same card, numbers, categories, locks and copies). */
import { z } from 'zod';
import { guidSchema } from '../../shared/domain';
import { verb, type Domain } from '../domain';
import { loadProjectCard } from '../loaders';
import { apiFor, banner } from '../turn';
import { listPage } from './lists';

const favoriteData = z.object({ projectId: guidSchema, favorite: z.boolean() });

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
  },
};
