/** The demo data every seeded account starts with: a mixed German/English team and its projects. */

export interface SeedPerson {
  FirstName: string;
  LastName: string;
  Email: string;
  CompanyName?: string;
  Position?: string;
}

/** Colleagues every seeded account has next to its user (a mixed German/English team). */
export const COLLEAGUES: SeedPerson[] = [
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

export interface SeedTask {
  name: string;
  assignee: number;
  start: number;
  end: number;
  hours: number;
  done?: boolean;
  description?: string;
  /** Custom field values by column; list values in English (the seed translates them). */
  custom?: Record<string, string>;
}

export interface SeedProject {
  name: string;
  priority: 0 | 1 | 2;
  start: number;
  end: number;
  description: string;
  members: Array<[number, number]>;
  tasks: SeedTask[];
  notes: string[];
  custom: Record<string, string>;
  /** A favorite of the account's own user. */
  favorite?: boolean;
}

/** Person index -1 is the account's own user; 0.. are COLLEAGUES. */
export const PROJECTS: SeedProject[] = [
  {
    name: 'Website Relaunch',
    favorite: true,
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
      {
        name: 'Design mockups',
        assignee: 1,
        start: -14,
        end: -2,
        hours: 24,
        done: true,
        custom: { Category: 'Design', Billable: 'true', TicketNumber: '311', HourlyRate: '95' },
      },
      {
        name: 'Set up CMS',
        assignee: 3,
        start: -3,
        end: 10,
        hours: 16,
        custom: { Category: 'Development', Billable: 'true', CustomerDeadline: '2026-03-02T12:00:00Z' },
      },
      { name: 'Write content for product pages', assignee: -1, start: 1, end: 14, hours: 12 },
      { name: 'Go-live checklist', assignee: 2, start: 30, end: 40, hours: 4 },
    ],
    notes: ['<p>Kick-off done. Mockups are <em>approved</em>.</p>'],
    custom: {
      Budget: '25000',
      Region: 'EMEA',
      CustomerNumber: 'C-1042',
      Kickoff: '2026-01-12T09:00:00Z',
      RiskLevel: 'Medium',
      LegacyId: 'WR-88',
      TeamSize: '4',
      Margin: '18.5',
      CostCentre: '4711',
      ContractSigned: 'true',
      ContractNumber: 'V-2026-017',
    },
  },
  {
    name: 'Messestand Hannover 2026',
    favorite: true,
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
    custom: {
      Budget: '48000',
      Region: 'DACH',
      RiskLevel: 'High',
      TeamSize: '8',
      Margin: '12.25',
      ContractSigned: 'false',
    },
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
    custom: {
      Budget: '120000',
      Region: 'DACH',
      CustomerNumber: 'K-20931',
      TeamSize: '12',
      ExtraStaffing: '2 × SAP',
      ContractSigned: 'true',
      ContractNumber: 'V-2025-233',
    },
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

export interface SeedRequest {
  name: string;
  start: number;
  end: number;
  description: string;
  /** Who asked (person index as in PROJECTS). */
  askedBy: number;
  client?: number;
  /** Project request reviewers (role 64). */
  reviewers: number[];
}

/** Open project requests: the account's user and the colleagues with a key of their own (Jonas, Emily) review them. */
export const REQUESTS: SeedRequest[] = [
  {
    name: 'Mobile App Pilot',
    start: 14,
    end: 100,
    description: '<p>Pilot of a field-service app with two customers, including offline check lists.</p>',
    askedBy: 4,
    client: 4,
    reviewers: [-1, 0, 2],
  },
  {
    name: 'Kundenportal 2.0',
    start: 30,
    end: 150,
    description: '<p>Neues Self-Service-Portal für Bestandskunden mit Rechnungsarchiv.</p>',
    askedBy: 1,
    reviewers: [-1, 0, 2],
  },
];
