/** People: the key's owner, contacts, project members, and comments (notes) on projects and tasks. */
import type { ListOptions } from './api';
import { InLooxError } from './errors';
import { asCollection, plainEntity } from './answers';
import { checkGuid, searchFilter, type ODataSession } from './odata';
import { and, entityPath, eq, lit } from './query';
import {
  contactSchema,
  guidListSchema,
  memberRoleSchema,
  memberSchema,
  noteHtmlSchema,
  parseEntity,
  userInfoSchema,
  validate,
} from './schemas';
import type { Contact, Guid, MemberRole, Page, ProjectMember, UserInfo } from './types';

export async function me(odata: ODataSession): Promise<UserInfo> {
  const body = await odata.get('UserInfo/Me()');
  // Me() returns a collection of ApiUserInfo; some servers answer with the single entity.
  const row = body && typeof body === 'object' && 'value' in body ? asCollection(body, 'user').value[0] : body;
  if (!row) throw new InLooxError('auth', { detail: 'UserInfo/Me() returned no user' });
  return parseEntity<UserInfo>(userInfoSchema, plainEntity(row), 'user');
}

export async function listContacts(odata: ODataSession, options: ListOptions = {}): Promise<Page<Contact>> {
  return odata.list<Contact>({
    entitySet: 'Contact',
    schema: contactSchema,
    what: 'contact',
    filter: and(
      eq('IsRecycled', lit.boolean(false)),
      searchFilter(['DisplayName', 'Email', 'CompanyName'], options.search),
    ),
    orderBy: [{ field: 'DisplayName' }],
    top: options.top,
    skip: options.skip,
  });
}

export async function getContact(odata: ODataSession, contactId: Guid): Promise<Contact> {
  return odata.entity<Contact>(entityPath('Contact', contactId, 'contactId'), contactSchema, 'contact');
}

export async function listMembers(odata: ODataSession, projectId: Guid): Promise<ProjectMember[]> {
  const path = `${entityPath('Project', projectId, 'projectId')}/GetProjectContactRelations()`;
  const collection = asCollection(await odata.get(path), 'member');
  return collection.value.map((row) => parseEntity<ProjectMember>(memberSchema, plainEntity(row), 'member'));
}

export async function addMember(
  odata: ODataSession,
  projectId: Guid,
  contactId: Guid,
  role: MemberRole,
): Promise<void> {
  const path = `${entityPath('Project', checkGuid(projectId, 'projectId'))}/AddMember`;
  const body = { contactId: checkGuid(contactId, 'contactId'), role: validate(memberRoleSchema, role, 'role') };
  return odata.action(path, body);
}

function noteBody(html: string, notifyContactIds: Guid[] = []) {
  return {
    htmlText: validate(noteHtmlSchema, html, 'htmlText'),
    notificationContactIds: validate(guidListSchema, notifyContactIds, 'notificationContactIds'),
  };
}

export async function addNote(
  odata: ODataSession,
  target: 'Project' | 'Task',
  id: Guid,
  html: string,
  notifyContactIds?: Guid[],
): Promise<void> {
  const path = `${entityPath(target, checkGuid(id, target === 'Project' ? 'projectId' : 'taskId'))}/AddNote`;
  return odata.action(path, noteBody(html, notifyContactIds));
}
