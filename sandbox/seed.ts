import type { AccountData } from './accountData';

export interface SeedPerson {
  FirstName: string;
  LastName: string;
  Email: string;
  CompanyName?: string;
  Position?: string;
}

/** Colleagues every seeded account has next to its user (a mixed German/English team). */
const COLLEAGUES: SeedPerson[] = [
  {
    FirstName: 'Jonas',
    LastName: 'Weber',
    Email: 'jonas.weber@example.de',
    CompanyName: 'Muster GmbH',
    Position: 'Projektleiter',
  },
  {
    FirstName: 'Sophie',
    LastName: 'Müller',
    Email: 'sophie.mueller@example.de',
    CompanyName: 'Muster GmbH',
    Position: 'Designerin',
  },
  {
    FirstName: 'Emily',
    LastName: 'Clarke',
    Email: 'emily.clarke@example.com',
    CompanyName: 'Example Ltd',
    Position: 'Consultant',
  },
  {
    FirstName: 'Lukas',
    LastName: 'Öztürk',
    Email: 'lukas.oeztuerk@example.de',
    CompanyName: 'Muster GmbH',
    Position: 'Entwickler',
  },
  {
    FirstName: 'Olivia',
    LastName: 'Brown',
    Email: 'olivia.brown@example.com',
    CompanyName: 'Messe Partner AG',
    Position: 'Account Manager',
  },
];

const DAY = 86_400_000;

function day(base: number, offset: number, hour = 9): string {
  const d = new Date(base + offset * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace('.000Z', 'Z');
}

interface SeedTask {
  name: string;
  assignee: number;
  start: number;
  end: number;
  hours: number;
  done?: boolean;
  description?: string;
}

interface SeedProject {
  name: string;
  priority: 0 | 1 | 2;
  start: number;
  end: number;
  description: string;
  members: Array<[number, number]>;
  tasks: SeedTask[];
  notes: string[];
  custom: Record<string, string>;
}

/** Person index -1 is the account's own user; 0.. are COLLEAGUES. */
const PROJECTS: SeedProject[] = [
  {
    name: 'Website Relaunch',
    priority: 2,
    start: -20,
    end: 40,
    description: '<p>New website with <strong>responsive design</strong> and a modern CMS.</p>',
    members: [
      [2, 4],
      [3, 4],
    ],
    tasks: [
      { name: 'Define sitemap', assignee: -1, start: -20, end: -15, hours: 6, done: true },
      { name: 'Design mockups', assignee: 1, start: -14, end: -2, hours: 24, done: true },
      { name: 'Set up CMS', assignee: 3, start: -3, end: 10, hours: 16 },
      { name: 'Write content for product pages', assignee: -1, start: 1, end: 14, hours: 12 },
      { name: 'Go-live checklist', assignee: 2, start: 30, end: 40, hours: 4 },
    ],
    notes: ['<p>Kick-off done. Mockups are <em>approved</em>.</p>'],
    custom: { Budget: '25000', Region: 'EMEA' },
  },
  {
    name: 'Messestand Hannover 2026',
    priority: 1,
    start: -5,
    end: 120,
    description: '<p>Planung und Aufbau unseres Messestands auf der Hannover Messe 2026.</p>',
    members: [
      [0, 2],
      [4, 8],
      [1, 4],
    ],
    tasks: [
      { name: 'Standfläche buchen', assignee: 0, start: -5, end: -1, hours: 2, done: true },
      { name: 'Standdesign mit Agentur abstimmen', assignee: 1, start: 0, end: 21, hours: 10 },
      {
        name: 'Flyer drucken lassen',
        assignee: -1,
        start: 60,
        end: 75,
        hours: 3,
        description: '<p>Auflage: 2.000 Stück</p>',
      },
      { name: 'Hotelzimmer reservieren', assignee: -1, start: 2, end: 7, hours: 1 },
    ],
    notes: ['<p>Standnummer: Halle 7, <b>C42</b>.</p>', '<p>Agentur-Angebot liegt vor.</p>'],
    custom: { Budget: '48000', Region: 'DACH' },
  },
  {
    name: 'ERP-Einführung',
    priority: 2,
    start: -90,
    end: 180,
    description: '<p>Einführung des neuen ERP-Systems in Vertrieb, Einkauf und Buchhaltung.</p>',
    members: [
      [3, 4],
      [0, 4],
    ],
    tasks: [
      { name: 'Anforderungen aufnehmen', assignee: 0, start: -90, end: -60, hours: 40, done: true },
      { name: 'Datenmigration testen', assignee: 3, start: -10, end: 20, hours: 32 },
      { name: 'Schulung Buchhaltung', assignee: -1, start: 30, end: 35, hours: 8 },
      { name: 'Go-Live vorbereiten', assignee: 0, start: 150, end: 180, hours: 16 },
    ],
    notes: [],
    custom: { Budget: '120000', Region: 'DACH' },
  },
  {
    name: 'Customer Onboarding Q1',
    priority: 0,
    start: -30,
    end: 60,
    description: '<p>Onboarding of new customers signed in Q1.</p>',
    members: [
      [2, 2],
      [4, 16],
    ],
    tasks: [
      { name: 'Welcome call with Contoso', assignee: 2, start: -25, end: -24, hours: 1, done: true },
      { name: 'Prepare onboarding deck', assignee: -1, start: -2, end: 3, hours: 5 },
      { name: 'Set up customer workspace', assignee: 4, start: 4, end: 9, hours: 3 },
    ],
    notes: ['<p>Contoso prefers calls on Tuesdays.</p>'],
    custom: { Region: 'UK' },
  },
];

/** Fills a fresh account with realistic demo data; idempotence is the caller's job (seed once per account). */
export function seedAccount(data: AccountData, now = Date.now()): void {
  const base = new Date(now).setUTCHours(0, 0, 0, 0);
  const colleagueIds = COLLEAGUES.map((person) => data.create('Contact', { ...person }).ContactId as string);
  const person = (index: number) => (index < 0 ? data.profile.contactId : colleagueIds[index]!);

  data.create('CustomFieldDefinition', {
    ColumnName: 'Budget',
    DisplayName: data.profile.language === 'de' ? 'Budget (EUR)' : 'Budget (EUR)',
    TableName: 'Project',
    ColumnType: 6,
    CurrencySymbol: '€',
    OrdinalPosition: 0,
  });
  data.create('CustomFieldDefinition', {
    ColumnName: 'Region',
    DisplayName: 'Region',
    TableName: 'Project',
    ColumnType: 0,
    OrdinalPosition: 1,
  });
  data.create('CustomFieldDefinition', {
    ColumnName: 'Billable',
    DisplayName: data.profile.language === 'de' ? 'Abrechenbar' : 'Billable',
    TableName: 'TaskItem',
    ColumnType: 4,
    OrdinalPosition: 0,
  });

  for (const project of PROJECTS) {
    const created = data.create('Project', {
      Name: project.name,
      Priority: project.priority,
      StartDate: day(base, project.start, 0),
      EndDate: day(base, project.end, 0),
      DescriptionHTML: project.description,
    });
    const projectId = created.ProjectId as string;
    for (const [index, role] of project.members) data.addMember(projectId, person(index), role);
    const statuses = data
      .statusesOf(projectId)
      .sort((a, b) => (a.OrdinalPosition as number) - (b.OrdinalPosition as number));
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
    for (const note of project.notes) data.addProjectNote(projectId, { htmlText: note, notificationContactIds: [] });
    const updates = Object.entries(project.custom).map(([Name, Value]) => ({ ObjectId: projectId, Name, Value }));
    if (updates.length) data.batchUpdateCustomFields(updates);
  }
  data.create('Task', {
    Name: 'Reisekostenabrechnung einreichen',
    ContactId: data.profile.contactId,
    EndDateTime: day(base, 5, 17),
    WorkAmount: 0.5,
  });
}
