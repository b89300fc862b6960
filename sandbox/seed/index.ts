import type { AccountData } from '../accountData';
import { batchUpdateCustomFields } from '../entities/customField';
import { addMember } from '../entities/projectContactRelation';
import { setFavorite } from '../entities/projectFavorites';
import { addProjectNote } from '../entities/projectNote';
import { statusesOf } from '../entities/taskStatus';
import { seedCustomFields, seedListValue, SEED_FIELDS } from './customFields';
import { COLLEAGUES, PROJECTS, REQUESTS } from './demoData';
import { seedCommentsAndFollowers } from './social';
import { seedProjectExtras } from './projectExtras';
import { seedMyTime, type SeedTimeTask } from './time';

const DAY = 86_400_000;

/** Seeds an object's custom values, translating list values into the account's language. */
function seedValues(data: AccountData, objectId: string, values: Record<string, string> | undefined): void {
  const updates = Object.entries(values ?? {}).map(([Name, value]) => ({
    ObjectId: objectId,
    Name,
    Value: SEED_FIELDS.find((f) => f.column === Name)?.list ? seedListValue(data, Name, value) : value,
  }));
  if (updates.length) batchUpdateCustomFields(data, updates, 'seed');
}

function day(base: number, offset: number, hour = 9): string {
  const d = new Date(base + offset * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace('.000Z', 'Z');
}

/** Fills a fresh account with realistic demo data; idempotence is the caller's job (seed once per account). */
export function seedAccount(data: AccountData, now = Date.now()): void {
  const base = new Date(now).setUTCHours(0, 0, 0, 0);
  const colleagueIds = COLLEAGUES.map((person) => data.create('Contact', { ...person }).ContactId as string);
  const person = (index: number) => (index < 0 ? data.profile.contactId : colleagueIds[index]!);
  const myOpenTasks: SeedTimeTask[] = [];

  seedCustomFields(data, colleagueIds[0]!);

  const projectIds = new Map<string, string>();
  for (const project of PROJECTS) {
    const created = data.create('Project', {
      Name: project.name,
      Priority: project.priority,
      StartDate: day(base, project.start, 0),
      EndDate: day(base, project.end, 0),
      DescriptionHTML: project.description,
    });
    const projectId = created.ProjectId as string;
    projectIds.set(project.name, projectId);
    for (const [index, role] of project.members) addMember(data, projectId, person(index), role);
    const statuses = statusesOf(data, projectId).sort(
      (a, b) => (a.OrdinalPosition as number) - (b.OrdinalPosition as number),
    );
    for (const task of project.tasks) {
      const status = task.done ? statuses[2] : task.start <= 0 ? statuses[1] : statuses[0];
      const t = data.create('Task', {
        Name: task.name,
        ProjectId: projectId,
        ContactId: person(task.assignee),
        StartDateTime: day(base, task.start),
        EndDateTime: day(base, task.end, 17),
        WorkAmount: task.hours,
        IsDone: task.done ?? false,
        TaskItemStatusId: status?.TaskItemStatusId ?? null,
        DescriptionHTML: task.description ?? null,
      });
      if (task.assignee < 0 && !task.done)
        myOpenTasks.push({ taskId: t.TaskItemId as string, projectId, name: task.name });
      seedValues(data, t.TaskItemId as string, task.custom);
      if (task.done) {
        data.create('TimeEntry', {
          DisplayName: task.name,
          ProjectId: projectId,
          TaskItemId: t.TaskItemId,
          PerformedByContactId: person(task.assignee),
          StartDateTime: day(base, task.end - 1, 9),
          EndDateTime: day(base, task.end - 1, 11),
        });
      }
    }
    for (const note of project.notes)
      addProjectNote(data, projectId, () => ({ htmlText: note, notificationContactIds: [] }));
    seedValues(data, projectId, project.custom);
    if (project.favorite) setFavorite(data, projectId, true);
  }
  seedProjectExtras(data, projectIds, day(base, -120, 0), day(base, -60, 0));
  seedMyTime(data, base, myOpenTasks);
  seedRequests(data, base, person);
  seedCommentsAndFollowers(data, day(base, -1, 16), person);
  data.create('Task', {
    Name: 'Reisekostenabrechnung einreichen',
    ContactId: data.profile.contactId,
    EndDateTime: day(base, 5, 17),
    WorkAmount: 0.5,
  });
}

/** Open project requests, asked by colleagues a while ago (older than the demo projects, so lists keep their order). */
function seedRequests(data: AccountData, base: number, person: (index: number) => string): void {
  for (const [index, request] of REQUESTS.entries()) {
    const created = data.create('Project', {
      Name: request.name,
      IsRequest: true,
      StartDate: day(base, request.start, 0),
      EndDate: day(base, request.end, 0),
      DescriptionHTML: request.description,
      ClientId: request.client === undefined ? null : person(request.client),
    });
    const projectId = created.ProjectId as string;
    const stored = data.rawOne('Project', projectId)!;
    const asked = day(base, -3 - index, 10);
    data.put('Project', projectId, {
      ...stored,
      CreatedByContactId: person(request.askedBy),
      ChangedByContactId: person(request.askedBy),
      CreatedDateTime: asked,
      LastChangedDateTime: asked,
    });
    for (const reviewer of request.reviewers) addMember(data, projectId, person(reviewer), 64);
  }
}
