/**
 * The project card's InLoox extras, kept apart from the card's core: the state line (favorite, locked), the facts
 * (number, categories) and the actions that go with them (star, categories, duplicate).
 */
import type { Project } from '../inloox/types';
import { action } from './common';
import type { CardContext } from './format';
import type { CardAction } from './render';
import { stringsFor } from './strings';

/** Locked in InLoox (LockMode 1; IsLocked where the server sends it): no edits are offered. */
export function isProjectLocked(project: Project): boolean {
  return project.IsLocked === true || project.LockMode === 1;
}

/** "★ Favorite · 🔒 Locked": what is true of the project for this person, or '' when nothing is. */
export function projectStateLine(project: Project, ctx: CardContext): string {
  const s = stringsFor(ctx.locale);
  return [
    project.IsFavorite ? s.favoriteState : '',
    isProjectLocked(project) ? s.lockedState : '',
    project.LockMode === 2 ? s.noNotificationsState : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "Duplicate", with a one-time id so a double click makes one copy. */
export function copyAction(project: Project, ctx: CardContext, formId: string | undefined): CardAction {
  return action(stringsFor(ctx.locale).actionDuplicate, 'project.copy', {
    projectId: project.ProjectId,
    ...(formId ? { formId } : {}),
  });
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
