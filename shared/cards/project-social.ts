/** A project's comments and followers: the project card's section, the comments card and the delete question. */
import type { Project } from '../inloox/types';
import { capText } from '../sanitize';
import { action, projectTitle, type Banner } from './common';
import { formatDateTime, truncate, type CardContext } from './format';
import { renderCard, type AdaptiveCardJson, type CardAction } from './render';
import { stringsFor, t } from './strings';
import commentsTemplate from './templates/comments.json';
import confirmTemplate from './templates/confirm.json';

export interface ProjectComment {
  noteId: string;
  author: string;
  createdAt?: string | null;
  text: string;
  /** Written by the person reading: only they may delete it. */
  mine: boolean;
}

/** What the project card shows of comments and followers. */
export interface ProjectSocial {
  comments: ProjectComment[];
  moreComments: boolean;
  followers: string[];
  /** Whether the reader follows; undefined when unknown (then both are not offered). */
  following?: boolean;
}

/** Comments the project card shows; "Show more comments" opens the comments card. */
export const COMMENTS_ON_PROJECT_CARD = 3;
/** Comments per page of the comments card. */
export const COMMENTS_PER_PAGE = 10;
const MAX_FOLLOWERS_SHOWN = 8;

function commentLine(ctx: CardContext, comment: ProjectComment, length: number) {
  return {
    meta: t(ctx.locale, 'commentMeta', {
      author: truncate(comment.author, 80),
      time: formatDateTime(comment.createdAt, ctx),
    }),
    text: capText(comment.text, length),
  };
}

/** The project card's fill for its comments and followers section. */
export function projectSocialFill(
  ctx: CardContext,
  projectId: string,
  social: ProjectSocial | undefined,
  readOnly = false,
) {
  const s = stringsFor(ctx.locale);
  if (!social) return { showSocial: false, comments: [], socialActions: [] as CardAction[], followersText: '' };
  const data = { projectId };
  const shown = social.followers.slice(0, MAX_FOLLOWERS_SHOWN);
  const extra = social.followers.length - shown.length;
  const followersText = shown.length
    ? `${s.fieldFollowers}: ${shown.map((name) => truncate(name, 60)).join(', ')}${extra > 0 ? ` ${t(ctx.locale, 'andMore', { n: extra })}` : ''}`
    : '';
  const socialActions: CardAction[] = [];
  if (social.moreComments) socialActions.push(action(s.actionShowComments, 'project.comments', { ...data, skip: 0 }));
  if (!readOnly && social.following === true) socialActions.push(action(s.actionUnfollow, 'project.unfollow', data));
  if (!readOnly && social.following === false) socialActions.push(action(s.actionFollow, 'project.follow', data));
  return {
    showSocial: true,
    comments: social.comments.slice(0, COMMENTS_ON_PROJECT_CARD).map((c) => commentLine(ctx, c, 300)),
    socialActions,
    followersText,
  };
}

export interface CommentsCardInput {
  project: Pick<Project, 'ProjectId' | 'Name' | 'Number'>;
  comments: ProjectComment[];
  skip: number;
  hasMore: boolean;
  banner?: Banner;
}

export function commentsCard(ctx: CardContext, input: CommentsCardInput): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const projectId = input.project.ProjectId;
  const actions: CardAction[] = [action(s.actionBackToProject, 'project.show', { projectId })];
  if (input.skip > 0) actions.push(action(s.actionAllComments, 'project.comments', { projectId, skip: 0 }));
  if (input.hasMore)
    actions.push(action(s.actionMore, 'project.comments', { projectId, skip: input.skip + COMMENTS_PER_PAGE }));
  const fill = {
    banner: input.banner?.text ?? '',
    bannerStyle: input.banner?.tone ?? 'default',
    title: t(ctx.locale, 'commentsTitle', { name: truncate(projectTitle(input.project), 120) }),
    comments: input.comments.map((comment) => ({
      ...commentLine(ctx, comment, 2000),
      mine: comment.mine,
      deleteData: { projectId, noteId: comment.noteId },
    })),
    actions,
  };
  return renderCard(commentsTemplate, fill, ctx);
}

export function confirmDeleteCommentCard(
  ctx: CardContext,
  target: { project: Pick<Project, 'ProjectId' | 'Name' | 'Number'>; noteId: string; text: string },
): AdaptiveCardJson {
  const s = stringsFor(ctx.locale);
  const data = { projectId: target.project.ProjectId, noteId: target.noteId };
  return renderCard(
    confirmTemplate,
    {
      title: s.confirmDeleteCommentTitle,
      text: t(ctx.locale, 'confirmDeleteCommentText', {
        text: capText(target.text, 120),
        name: truncate(projectTitle(target.project), 120),
      }),
      confirmTitle: s.actionConfirmDelete,
      confirmVerb: 'project.comment.delete.confirm',
      cancelVerb: 'project.comments',
      data: { ...data },
    },
    ctx,
  );
}
