import { randomUUID } from 'node:crypto';
import type { AccountData, BoundOperation, EntityModule } from '../accountData';
import { notFound, ODataError } from '../odata/errors';
import type { EdmEntityType, Row } from '../odata/metadata';
import { define } from './define';
import { htmlToText, NOTE_PARAMETERS, noteContent } from './notes';

/** ProjectNote is documented (API reference, "Comments") but absent from the 2024 EDMX; its shape comes from the docs. */
const PROJECT_NOTE_TYPE: EdmEntityType = {
  name: 'ApiProjectNote',
  keys: ['ProjectNoteId'],
  openType: false,
  properties: new Map(
    (
      [
        ['ProjectNoteId', 'Edm.Guid', false],
        ['ProjectId', 'Edm.Guid', false],
        ['Note', 'Edm.String', true],
        ['NoteHtml', 'Edm.String', true],
        ['ShortDescription', 'Edm.String', true],
        ['CreateDateTime', 'Edm.DateTimeOffset', true],
        ['CreatedByContactId', 'Edm.Guid', true],
      ] as const
    ).map(([name, type, nullable]) => [name, { name, type, nullable }]),
  ),
};

/** Read-only: notes are written through Project(…)/AddNote and removed through Project(…)/DeleteNote. */
export const projectNote: EntityModule = {
  set: define('ProjectNote', { type: PROJECT_NOTE_TYPE }),
  indexes: { ProjectNote: ['ProjectId'] },
};

/** Adds a note to a project; `args` reads AddNote's parameters (after the project was found). */
export function addProjectNote(data: AccountData, projectId: string, args: () => Record<string, unknown>): Row {
  const id = projectId.toLowerCase();
  data.existing('Project', id);
  const { html, notify } = noteContent(data, args());
  const noteId = randomUUID();
  const text = htmlToText(html);
  data.put('ProjectNote', noteId, {
    ProjectNoteId: noteId,
    ProjectId: id,
    Note: text,
    NoteHtml: html,
    ShortDescription: text.length > 100 ? `${text.slice(0, 99)}…` : text,
    CreateDateTime: data.now(),
    CreatedByContactId: data.profile.contactId,
    NotifiedContactIds: notify,
  });
  return data.get('ProjectNote', noteId);
}

export const addProjectNoteAction: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: NOTE_PARAMETERS,
  handler({ data, key, args }) {
    addProjectNote(data, key, args);
    return undefined;
  },
};

export const deleteProjectNoteAction: BoundOperation = {
  kind: 'action',
  binding: 'entity',
  parameters: { noteRelationId: { type: 'Edm.Guid', required: true } },
  handler({ data, key, args }) {
    const id = key.toLowerCase();
    data.existing('Project', id);
    const p = args();
    const note = data.rawOne('ProjectNote', p.noteRelationId as string);
    if (!note || note.ProjectId !== id) throw notFound(`No note ${p.noteRelationId as string} on this project.`);
    // InLoox has separate rights for deleting any comment and one's own; the sandbox grants only the latter.
    if (note.CreatedByContactId !== data.profile.contactId)
      throw new ODataError(403, 'Forbidden', 'Only the author of a comment can delete it.');
    data.remove('ProjectNote', note.ProjectNoteId as string);
    return undefined;
  },
};
