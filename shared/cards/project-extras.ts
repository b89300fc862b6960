/**
 * The project card's InLoox extras, kept apart from the card's core: the state line (favorite, locked), the facts
 * (number, categories) and the actions that go with them (star, categories, duplicate).
 */
import type { Project } from '../inloox/types';
import { action } from './common';
import type { CardContext } from './format';
import type { CardAction } from './render';
import { stringsFor } from './strings';

/** "★ Favorite · 🔒 Locked": what is true of the project for this person, or '' when nothing is. */
export function projectStateLine(project: Project, ctx: CardContext): string {
  const s = stringsFor(ctx.locale);
  return [project.IsFavorite ? s.favoriteState : ''].filter(Boolean).join(' · ');
}

/** Star or unstar, whichever the project's state asks for. */
export function favoriteAction(project: Project, ctx: CardContext): CardAction {
  const s = stringsFor(ctx.locale);
  const favorite = !project.IsFavorite;
  return action(favorite ? s.actionFavorite : s.actionUnfavorite, 'project.favorite', {
    projectId: project.ProjectId,
    favorite,
  });
}
