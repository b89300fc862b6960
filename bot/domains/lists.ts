/** Project and task lists with paging: the list commands, "more", and the list verbs of the "More" buttons. */
import { LIMITS } from '../../shared/domain/limits';
import { PAGE_SIZE, messageCard, projectListCard, taskListCard, type AdaptiveCardJson } from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import type { Project, Task } from '../../shared/inloox/types';
import { verb, type Domain, type HandlerContext } from '../domain';
import { cursorKey, type ListState } from '../list-cursors';
import { apiFor } from '../turn';
import { listSchema } from '../validation';

type ListRequest = Omit<ListState, 'nextSkip'> & { skip: number };

/** One page of a list; remembers where the next page starts for a typed "more". */
export async function listPage({ deps, turn }: HandlerContext, state: ListRequest): Promise<AdaptiveCardJson> {
  const api = await apiFor(deps, turn);
  const { ctx } = turn;
  const top = PAGE_SIZE + 1;
  const search = state.search || undefined;
  const page =
    state.kind === 'projects'
      ? await api.listProjects({
          search,
          skip: state.skip,
          top,
          favoritesOnly: state.favorites,
          ...(state.category ? { category: state.category } : {}),
        })
      : state.mine
        ? await api.myTasks({ search, skip: state.skip, top })
        : await api.listTasks({ search, skip: state.skip, top, open: true });
  const hasMore = page.items.length > PAGE_SIZE;
  const nextSkip = hasMore ? state.skip + PAGE_SIZE : undefined;
  await deps.cursors.set(cursorKey(turn), nextSkip === undefined ? undefined : { ...state, nextSkip });
  const items = page.items.slice(0, PAGE_SIZE);
  return state.kind === 'projects'
    ? projectListCard(ctx, items as Project[], {
        search: state.search,
        nextSkip,
        favorites: state.favorites,
        category: state.category,
      })
    : taskListCard(ctx, items as Task[], { search: state.search, nextSkip, mine: state.mine });
}

const searchOf = (argument: string) => argument.slice(0, LIMITS.search);

/** "category:Marketing" / "kategorie:Marketing" as the whole projects search: a category filter. */
const CATEGORY_PREFIX = /^(?:category|kategorie):\s*(.+)$/i;

export function categoryOf(search: string): { category?: string; search: string } {
  const match = CATEGORY_PREFIX.exec(search.trim());
  return match ? { category: match[1]!.trim().slice(0, 100), search: '' } : { search };
}

export const lists: Domain = {
  name: 'lists',
  commands: [
    {
      id: 'projects',
      names: { en: ['projects'], de: ['projekte'] },
      argument: 'optional',
      usage: { en: '[text]', de: '[Text]' },
      help: { en: 'List or search projects, newest first', de: 'Projekte auflisten oder suchen, neueste zuerst' },
      welcome: true,
      run: async (c, argument) => [
        await listPage(c, { kind: 'projects', mine: false, skip: 0, ...categoryOf(searchOf(argument)) }),
      ],
    },
    {
      id: 'tasks',
      names: { en: ['tasks'], de: ['aufgaben'] },
      argument: 'optional',
      usage: { en: '[text]', de: '[Text]' },
      help: { en: 'List or search open tasks', de: 'Offene Aufgaben auflisten oder suchen' },
      welcome: true,
      run: async (c, argument) => [
        await listPage(c, { kind: 'tasks', search: searchOf(argument), mine: false, skip: 0 }),
      ],
    },
    {
      id: 'myTasks',
      names: { en: ['my tasks'], de: ['meine aufgaben'] },
      argument: 'none',
      help: { en: 'My open tasks by due date', de: 'Meine offenen Aufgaben nach Fälligkeit' },
      welcome: true,
      run: async (c) => [await listPage(c, { kind: 'tasks', search: '', mine: true, skip: 0 })],
    },
    {
      id: 'more',
      names: { en: ['more'], de: ['mehr'] },
      argument: 'none',
      help: { en: 'Show the next page of the last list', de: 'Nächste Seite der letzten Liste' },
      run: async (c) => {
        const state = await c.deps.cursors.get(cursorKey(c.turn));
        if (!state) return [messageCard(c.turn.ctx, { title: t(c.turn.ctx.locale, 'noMore') })];
        return [await listPage(c, { ...state, skip: state.nextSkip })];
      },
    },
  ],
  verbs: {
    'projects.list': verb(listSchema, (c, list) =>
      listPage(c, {
        kind: 'projects',
        search: list.search,
        mine: false,
        skip: list.skip,
        favorites: list.favorites,
        category: list.category,
      }),
    ),
    'tasks.list': verb(listSchema, (c, list) =>
      listPage(c, { kind: 'tasks', search: list.search, mine: list.mine, skip: list.skip }),
    ),
  },
};
