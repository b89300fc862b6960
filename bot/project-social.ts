/** What the project card and the comments card show of a project's comments and followers. */
import { COMMENTS_ON_PROJECT_CARD, type ProjectComment, type ProjectSocial } from '../shared/cards';
import type { InLooxApi } from '../shared/inloox/api';
import type { ProjectMember, ProjectNote } from '../shared/inloox/types';
import { htmlToPlainText } from '../shared/sanitize';

/** The reader: cached by the client after the first call (connect already made it). */
async function reader(api: InLooxApi): Promise<{ id: string; name: string } | undefined> {
  return api.me().then(
    (me) => ({ id: me.ContactId.toLowerCase(), name: me.DisplayName || me.Email || '' }),
    () => undefined,
  );
}

export async function myContactId(api: InLooxApi): Promise<string | undefined> {
  return (await reader(api))?.id;
}

/** Comments with their authors' names: members first, the rest in one contact lookup. */
export async function namedComments(
  api: InLooxApi,
  notes: ProjectNote[],
  members: ProjectMember[],
  me: string | undefined,
  unknownAuthor: string,
): Promise<ProjectComment[]> {
  const names = new Map(members.map((m) => [m.ContactId.toLowerCase(), m.DisplayName || m.Email || '']));
  // The reader's own name is known without a lookup.
  const self = me ? await reader(api) : undefined;
  if (self && !names.get(self.id)) names.set(self.id, self.name);
  const missing = [
    ...new Set(notes.map((n) => n.CreatedByContactId?.toLowerCase()).filter((id): id is string => !!id)),
  ].filter((id) => !names.get(id));
  if (missing.length)
    for (const [id, name] of await api.getContactNames(missing).catch(() => new Map())) names.set(id, name);
  return notes.map((note) => {
    const author = note.CreatedByContactId?.toLowerCase();
    return {
      noteId: note.ProjectNoteId,
      author: (author && names.get(author)) || unknownAuthor,
      createdAt: note.CreateDateTime,
      text: note.Note?.trim() || htmlToPlainText(note.NoteHtml ?? '', 2000),
      mine: !!me && author === me,
    };
  });
}

/**
 * The project card's comments and followers. One more comment than shown is read to know whether there are more;
 * a failed read leaves the section out instead of failing the card.
 */
export async function loadProjectSocial(
  api: InLooxApi,
  projectId: string,
  members: Promise<ProjectMember[]>,
  unknownAuthor: string,
): Promise<ProjectSocial | undefined> {
  try {
    const [notes, followers, me, people] = await Promise.all([
      api.listProjectNotes(projectId, { top: COMMENTS_ON_PROJECT_CARD + 1 }),
      api.listFollowers(projectId),
      myContactId(api),
      members,
    ]);
    return {
      comments: await namedComments(api, notes.items.slice(0, COMMENTS_ON_PROJECT_CARD), people, me, unknownAuthor),
      moreComments: notes.items.length > COMMENTS_ON_PROJECT_CARD,
      followers: followers.map((c) => c.DisplayName || c.Email || '?'),
      following: me === undefined ? undefined : followers.some((c) => c.ContactId.toLowerCase() === me),
    };
  } catch {
    return undefined;
  }
}
