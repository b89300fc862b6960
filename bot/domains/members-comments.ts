/** Project members, comments on tasks and projects (add, list, delete), and project followers. */
import { z } from 'zod';
import {
  COMMENTS_PER_PAGE,
  addMemberCard,
  commentCard,
  commentsCard,
  confirmDeleteCommentCard,
  messageCard,
  contactName,
  projectTitle,
  roleText,
  type AddMemberFormInput,
  type AdaptiveCardJson,
  type Banner,
  type CardContext,
} from '../../shared/cards';
import { t } from '../../shared/cards/strings';
import { guidSchema } from '../../shared/domain';
import type { InLooxApi } from '../../shared/inloox/api';
import type { ProjectNote } from '../../shared/inloox/types';
import { isInLooxError } from '../../shared/inloox/errors';
import { myContactId, namedComments } from '../project-social';
import { plainTextToHtml } from '../../shared/sanitize';
import { verb, type Domain, type HandlerContext } from '../domain';
import { errorReason } from '../errors';
import { contactChoices, loadProjectCard, loadTaskCard } from '../loaders';
import { apiFor, banner, requireIdentity, type BotDeps, type Turn } from '../turn';
import { formIdData, formIdOf, newFormId, submitOnce } from '../once';
import { commentSchema, idSchemas, memberSchema, parseCardData, roleValue } from '../validation';

/** Submitted forms: the id travels in the card, the inputs come from the person and are checked by the handler. */
const projectFormData = z.looseObject({ ...idSchemas.project.shape, ...formIdData });
const taskFormData = z.looseObject({ ...idSchemas.task.shape, ...formIdData });
/** A page of a project's comments; the offset is bounded so a made-up one cannot ask InLoox for anything odd. */
const commentsData = z.object({ ...idSchemas.project.shape, skip: z.number().int().min(0).max(10_000).optional() });
const noteData = z.object({ ...idSchemas.project.shape, noteId: guidSchema });

/** One page of comments with their authors, newest first; one more is read to know whether there are more. */
async function loadCommentsCard(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  skip: number,
  banner?: Banner,
): Promise<AdaptiveCardJson> {
  const [project, notes, members, me] = await Promise.all([
    api.getProject(projectId),
    api.listProjectNotes(projectId, { top: COMMENTS_PER_PAGE + 1, skip }),
    api.listMembers(projectId).catch(() => []),
    myContactId(api),
  ]);
  const page = notes.items.slice(0, COMMENTS_PER_PAGE);
  const comments = await namedComments(api, page, members, me, t(ctx.locale, 'unknownAuthor'));
  return commentsCard(ctx, { project, comments, skip, hasMore: notes.items.length > COMMENTS_PER_PAGE, banner });
}

/** The comment as InLoox has it now, or a card saying why it cannot be deleted (gone, or someone else's). */
async function ownComment(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  noteId: string,
): Promise<{ note: ProjectNote } | { card: AdaptiveCardJson }> {
  const [notes, me] = await Promise.all([api.listProjectNotes(projectId, { top: 50 }), myContactId(api)]);
  const note = notes.items.find((n) => n.ProjectNoteId.toLowerCase() === noteId);
  const problem = !note ? 'commentGone' : note.CreatedByContactId?.toLowerCase() !== me ? 'commentNotYours' : undefined;
  if (!problem) return { note: note! };
  return {
    card: messageCard(ctx, {
      title: t(ctx.locale, 'notFoundTitle'),
      text: t(ctx.locale, problem),
      tone: 'warning',
      actions: [{ title: t(ctx.locale, 'actionBackToProject'), verb: 'project.show', data: { projectId } }],
    }),
  };
}

async function loadAddMemberForm(
  api: InLooxApi,
  ctx: CardContext,
  projectId: string,
  entered: Partial<Pick<AddMemberFormInput, 'values' | 'error' | 'formId'>> = {},
): Promise<AdaptiveCardJson> {
  const [project, contacts] = await Promise.all([api.getProject(projectId), contactChoices(api)]);
  return addMemberCard(ctx, { project, contactChoices: contacts, ...entered, formId: entered.formId ?? newFormId() });
}

/** What a comment is added to: its name for the form, how the note is added, and the card shown afterwards. */
interface CommentTarget {
  target: 'project' | 'task';
  id: string;
  name: () => Promise<string>;
  addNote: (html: string) => Promise<unknown>;
  showAfter: (banner: Banner) => Promise<AdaptiveCardJson>;
}

/** Adds a submitted comment; bad input brings the comment form back with the typed text and the reason. */
async function submitComment(
  deps: BotDeps,
  turn: Turn,
  data: Record<string, unknown>,
  on: CommentTarget,
): Promise<AdaptiveCardJson> {
  const { ctx } = turn;
  let comment;
  try {
    comment = parseCardData(commentSchema, data, ctx.locale).comment;
  } catch (error) {
    const kept = typeof data.comment === 'string' ? data.comment.slice(0, 4000) : '';
    return commentCard(ctx, {
      target: on.target,
      id: on.id,
      name: await on.name(),
      values: { comment: kept },
      error: errorReason(ctx, error),
      formId: formIdOf(data) ?? newFormId(),
    });
  }
  const html = plainTextToHtml(comment);
  return submitOnce(
    deps,
    turn,
    data,
    async () => {
      await on.addNote(html);
      return {};
    },
    () => on.showAfter(banner(ctx, 'commentAdded')),
  );
}

async function withProject({ deps, turn }: HandlerContext, data: { projectId: string }) {
  return { api: await apiFor(deps, turn), projectId: data.projectId.toLowerCase() };
}

async function withTask({ deps, turn }: HandlerContext, data: { taskId: string }) {
  return { api: await apiFor(deps, turn), taskId: data.taskId.toLowerCase() };
}

/** Follow or unfollow as the connected person; following twice or unfollowing someone not following changes nothing. */
async function setFollowing(c: HandlerContext, data: { projectId: string }, follow: boolean) {
  const { api, projectId } = await withProject(c, data);
  const { ctx } = c.turn;
  const me = (await c.deps.connections.status(requireIdentity(c.turn)))?.inlooxContactId;
  if (!me) return loadProjectCard(c.deps, api, ctx, projectId);
  if (follow) await api.followProject(projectId, me);
  else
    await api.unfollowProject(projectId, me).catch((error: unknown) => {
      if (!isInLooxError(error) || error.kind !== 'not_found') throw error;
    });
  return loadProjectCard(c.deps, api, ctx, projectId, {
    banner: banner(ctx, follow ? 'projectFollowed' : 'projectUnfollowed'),
  });
}

export const membersAndComments: Domain = {
  name: 'members and comments',
  commands: [],
  verbs: {
    'project.addMember': verb(idSchemas.project, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      return loadAddMemberForm(api, c.turn.ctx, projectId);
    }),
    'project.addMember.submit': verb(projectFormData, async (c, data, raw) => {
      const { api, projectId } = await withProject(c, data);
      const { ctx } = c.turn;
      let member;
      try {
        member = parseCardData(memberSchema, raw, ctx.locale);
      } catch (error) {
        const values = {
          contactId: typeof raw.contactId === 'string' ? raw.contactId.slice(0, 40) : '',
          role: typeof raw.role === 'string' ? raw.role.slice(0, 20) : 'team',
        };
        const formId = formIdOf(raw);
        return loadAddMemberForm(api, ctx, projectId, { values, error: errorReason(ctx, error), formId });
      }
      const contactId = member.contactId.toLowerCase();
      const role = roleValue(member.role);
      return submitOnce(
        c.deps,
        c.turn,
        raw,
        async () => {
          const contact = await api.getContact(contactId);
          await api.addMember(projectId, contact.ContactId, role);
          return { name: contactName(contact) };
        },
        (added) =>
          loadProjectCard(c.deps, api, ctx, projectId, {
            banner: banner(ctx, 'memberAdded', { name: added.name, role: roleText(role, ctx.locale) }),
          }),
      );
    }),
    'project.comment': verb(idSchemas.project, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      const project = await api.getProject(projectId);
      return commentCard(c.turn.ctx, {
        target: 'project',
        id: projectId,
        name: projectTitle(project),
        formId: newFormId(),
      });
    }),
    'project.comment.submit': verb(projectFormData, async (c, data, raw) => {
      const { api, projectId } = await withProject(c, data);
      return submitComment(c.deps, c.turn, raw, {
        target: 'project',
        id: projectId,
        name: async () => projectTitle(await api.getProject(projectId)),
        addNote: (html) => api.addProjectNote(projectId, html),
        showAfter: (added) => loadProjectCard(c.deps, api, c.turn.ctx, projectId, { banner: added }),
      });
    }),
    'project.comments': verb(commentsData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      return loadCommentsCard(api, c.turn.ctx, projectId, data.skip ?? 0);
    }),
    'project.comment.delete': verb(noteData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      const { ctx } = c.turn;
      const [project, own] = await Promise.all([
        api.getProject(projectId),
        ownComment(api, ctx, projectId, data.noteId.toLowerCase()),
      ]);
      if ('card' in own) return own.card;
      const text = own.note.Note?.trim() || '…';
      return confirmDeleteCommentCard(ctx, { project, noteId: own.note.ProjectNoteId, text });
    }),
    'project.comment.delete.confirm': verb(noteData, async (c, data) => {
      const { api, projectId } = await withProject(c, data);
      const { ctx } = c.turn;
      const own = await ownComment(api, ctx, projectId, data.noteId.toLowerCase());
      // Deleted meanwhile (a second press) or not deletable: say so, send nothing.
      if ('card' in own) return own.card;
      await api.deleteProjectNote(projectId, own.note.ProjectNoteId);
      return loadCommentsCard(api, ctx, projectId, 0, banner(ctx, 'commentDeleted'));
    }),
    'project.follow': verb(idSchemas.project, (c, data) => setFollowing(c, data, true)),
    'project.unfollow': verb(idSchemas.project, (c, data) => setFollowing(c, data, false)),
    'task.comment': verb(idSchemas.task, async (c, data) => {
      const { api, taskId } = await withTask(c, data);
      const task = await api.getTask(taskId);
      return commentCard(c.turn.ctx, { target: 'task', id: taskId, name: task.Name ?? '', formId: newFormId() });
    }),
    'task.comment.submit': verb(taskFormData, async (c, data, raw) => {
      const { api, taskId } = await withTask(c, data);
      return submitComment(c.deps, c.turn, raw, {
        target: 'task',
        id: taskId,
        name: async () => (await api.getTask(taskId)).Name ?? '',
        addNote: (html) => api.addTaskNote(taskId, html),
        showAfter: (added) => loadTaskCard(c.deps, api, c.turn.ctx, taskId, { banner: added }),
      });
    }),
  },
};
