import type { AccountData } from '../accountData';
import { addProjectNote } from '../entities/projectNote';
import { PROJECTS } from './demoData';

/**
 * A comment by a colleague on the first demo project (only its author may delete it, so the account's user cannot),
 * and that project's followers: the account's user and Emily Clarke.
 */
export function seedCommentsAndFollowers(data: AccountData, when: string, person: (index: number) => string): void {
  const website = data.raw('Project').find((p) => p.Name === PROJECTS[0]!.name);
  if (!website) return;
  const projectId = website.ProjectId as string;
  const note = addProjectNote(data, projectId, () => ({
    htmlText: '<p>Die Texte für die Produktseiten kommen am Freitag.</p>',
    notificationContactIds: [],
  }));
  const noteId = note.ProjectNoteId as string;
  data.put('ProjectNote', noteId, {
    ...data.rawOne('ProjectNote', noteId)!,
    CreatedByContactId: person(0),
    CreateDateTime: when,
  });
  data.put('Project', projectId, {
    ...data.rawOne('Project', projectId)!,
    NotificationFollowerIds: [person(-1), person(2)],
  });
}
