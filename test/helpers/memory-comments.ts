/** The in-memory fake's project comments and followers, answering like the sandbox (see memory-inloox.ts). */
import { InLooxError } from '../../shared/inloox/errors';
import { isGuid } from '../../shared/inloox/query';
import type { Contact, Guid, Page, ProjectNote } from '../../shared/inloox/types';

export interface MemoryNote {
  target: 'Project' | 'Task';
  id: Guid;
  html: string;
  notify: Guid[];
  noteId: Guid;
  author: Guid;
  /** Order of creation (the fake's clock for CreateDateTime). */
  created: number;
}

function id(value: unknown, field: string): Guid {
  if (!isGuid(value)) throw new InLooxError('validation', { field, detail: 'not a GUID' });
  return value.toLowerCase();
}

const notFound = (what: string) => new InLooxError('not_found', { status: 404, detail: `${what} not found` });

export class MemoryComments {
  readonly notes: MemoryNote[] = [];
  private readonly followers = new Map<Guid, Guid[]>();

  constructor(
    private readonly me: Guid,
    private readonly projectExists: (projectId: Guid) => boolean,
    private readonly contacts: Map<Guid, Contact>,
  ) {}

  private project(projectId: Guid): Guid {
    const key = id(projectId, 'projectId');
    if (!this.projectExists(key)) throw notFound('project');
    return key;
  }

  /** A filter on the ProjectNote set: an unknown project has no comments (not a 404). */
  async list(projectId: Guid, options: { top?: number; skip?: number } = {}): Promise<Page<ProjectNote>> {
    const key = id(projectId, 'projectId');
    const top = options.top ?? 10;
    const skip = options.skip ?? 0;
    if (!Number.isInteger(top) || top < 1 || top > 50) throw new InLooxError('validation', { field: 'top' });
    if (!Number.isInteger(skip) || skip < 0) throw new InLooxError('validation', { field: 'skip' });
    const rows = this.notes
      .filter((n) => n.target === 'Project' && n.id === key)
      .sort((a, b) => b.created - a.created)
      .map((n) => ({
        ProjectNoteId: n.noteId,
        ProjectId: key,
        Note: n.html.replace(/<[^>]*>/g, ''),
        NoteHtml: n.html,
        CreateDateTime: new Date(Date.UTC(2026, 0, 1) + n.created * 60_000).toISOString().replace('.000Z', 'Z'),
        CreatedByContactId: n.author,
      }));
    return { items: rows.slice(skip, skip + top) };
  }

  async remove(projectId: Guid, noteId: Guid): Promise<void> {
    const key = this.project(projectId);
    const index = this.notes.findIndex(
      (n) => n.target === 'Project' && n.id === key && n.noteId === id(noteId, 'noteId'),
    );
    if (index < 0) throw notFound('comment');
    if (this.notes[index]!.author !== this.me)
      throw new InLooxError('forbidden', { status: 403, detail: 'only the author can delete a comment' });
    this.notes.splice(index, 1);
  }

  async names(contactIds: Guid[]): Promise<Map<Guid, string>> {
    const names = new Map<Guid, string>();
    for (const contactId of contactIds) {
      const contact = this.contacts.get(id(contactId, 'contactIds'));
      if (contact) names.set(contact.ContactId.toLowerCase(), contact.DisplayName || contact.Email || '?');
    }
    return names;
  }

  async followersOf(projectId: Guid): Promise<Contact[]> {
    const key = this.project(projectId);
    return (this.followers.get(key) ?? []).map((c) => ({ ...this.contacts.get(c)! }));
  }

  async follow(projectId: Guid, contactId: Guid): Promise<void> {
    const contact = id(contactId, 'contactId');
    const key = this.project(projectId);
    if (!this.contacts.has(contact))
      throw new InLooxError('validation', { status: 400, detail: 'contact does not exist' });
    const current = this.followers.get(key) ?? [];
    if (!current.includes(contact)) this.followers.set(key, [...current, contact]);
  }

  async unfollow(projectId: Guid, contactId: Guid): Promise<void> {
    const contact = id(contactId, 'contactId');
    const key = this.project(projectId);
    const current = this.followers.get(key) ?? [];
    if (!current.includes(contact)) throw notFound('follower');
    this.followers.set(
      key,
      current.filter((c) => c !== contact),
    );
  }
}
