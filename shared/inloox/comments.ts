/** Project comments (ProjectNote) and who follows a project's notifications. */
import { asCollection, plainEntity } from './answers';
import { checkGuid, type ODataSession } from './odata';
import { entityPath, eq, lit, or } from './query';
import { contactSchema, parseEntity, projectNoteSchema, validate } from './schemas';
import type { Contact, Guid, Page, ProjectNote } from './types';
import { z } from 'zod';

/** Most comments one page reads. */
export const MAX_NOTES_PER_PAGE = 50;
/** Ids per contact-name lookup (as for project names: the query string stays short). */
const CONTACT_NAMES_PER_CALL = 25;

const pageOptions = z.strictObject({
  top: z.number().int().min(1).max(MAX_NOTES_PER_PAGE).optional(),
  skip: z.number().int().min(0).max(100_000).optional(),
});

export async function listProjectNotes(
  odata: ODataSession,
  projectId: Guid,
  options: { top?: number; skip?: number } = {},
): Promise<Page<ProjectNote>> {
  const id = checkGuid(projectId, 'projectId');
  const { top, skip } = validate(pageOptions, options);
  return odata.list<ProjectNote>({
    entitySet: 'ProjectNote',
    schema: projectNoteSchema,
    what: 'comment',
    filter: eq('ProjectId', lit.guid(id)),
    orderBy: [{ field: 'CreateDateTime', direction: 'desc' }],
    top: top ?? 10,
    skip,
  });
}

export async function deleteProjectNote(odata: ODataSession, projectId: Guid, noteId: Guid): Promise<void> {
  const path = `${entityPath('Project', checkGuid(projectId, 'projectId'))}/DeleteNote`;
  return odata.action(path, { noteRelationId: checkGuid(noteId, 'noteId') });
}

/** Display names of the given contacts in one call per 25 ids; unknown ids are missing from the map. */
export async function getContactNames(odata: ODataSession, contactIds: Guid[]): Promise<Map<Guid, string>> {
  const ids = [...new Set(contactIds.map((id) => checkGuid(id, 'contactIds')))];
  const names = new Map<Guid, string>();
  for (let start = 0; start < ids.length; start += CONTACT_NAMES_PER_CALL) {
    const chunk = ids.slice(start, start + CONTACT_NAMES_PER_CALL);
    const page = await odata.list<Contact>({
      entitySet: 'Contact',
      schema: contactSchema,
      what: 'contact',
      filter: or(...chunk.map((id) => eq('ContactId', lit.guid(id)))),
      select: ['ContactId', 'DisplayName', 'Email'],
      top: chunk.length,
    });
    for (const c of page.items) names.set(c.ContactId.toLowerCase(), c.DisplayName || c.Email || '?');
  }
  return names;
}

export async function listFollowers(odata: ODataSession, projectId: Guid): Promise<Contact[]> {
  const path = `${entityPath('Project', projectId, 'projectId')}/GetNotificationFollowerContacts()`;
  const collection = asCollection(await odata.get(path), 'contact');
  return collection.value.map((row) => parseEntity<Contact>(contactSchema, plainEntity(row), 'contact'));
}

export async function follow(odata: ODataSession, projectId: Guid, contactId: Guid): Promise<void> {
  const id = checkGuid(projectId, 'projectId');
  const path = `${entityPath('Project', id)}/AddNotificationFollowers`;
  return odata.action(path, { contactIds: [checkGuid(contactId, 'contactId')] });
}

export async function unfollow(odata: ODataSession, projectId: Guid, contactId: Guid): Promise<void> {
  const path = `${entityPath('Project', checkGuid(projectId, 'projectId'))}/RemoveNotificationFollower`;
  return odata.action(path, { contactId: checkGuid(contactId, 'contactId') });
}
