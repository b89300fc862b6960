/** Demo categories (in the account's language), their use on the demo projects, and a locked project. */
import type { AccountData } from '../accountData';
import { assignCategory } from '../entities/category';

const CATEGORIES = {
  marketing: { en: 'Marketing', de: 'Marketing' },
  it: { en: 'IT', de: 'IT' },
  internal: { en: 'Internal', de: 'Intern' },
  customers: { en: 'Customers', de: 'Kunden' },
} as const;

type CategoryKey = keyof typeof CATEGORIES;

/** Categories of the demo projects, by project name. */
const ASSIGNED: Record<string, CategoryKey[]> = {
  'Website Relaunch': ['marketing', 'it'],
  'Messestand Hannover 2026': ['marketing'],
  'ERP-Einführung': ['it', 'internal'],
  'Customer Onboarding Q1': ['customers'],
};

const LOCKED_PROJECT = {
  en: { name: 'Annual Report 2025', description: '<p>Closed and locked after the audit.</p>' },
  de: { name: 'Jahresabschluss 2025', description: '<p>Nach der Prüfung abgeschlossen und gesperrt.</p>' },
};

export function seedProjectExtras(data: AccountData, projectIds: Map<string, string>, start: string, end: string) {
  const language = data.profile.language;
  const ids = new Map<CategoryKey, string>();
  for (const [key, names] of Object.entries(CATEGORIES) as [CategoryKey, { en: string; de: string }][])
    ids.set(key, data.create('Category', { Name: names[language] }).CategoryId as string);
  for (const [name, keys] of Object.entries(ASSIGNED)) {
    const projectId = projectIds.get(name);
    if (projectId) for (const key of keys) assignCategory(data, projectId, ids.get(key)!);
  }
  const locked = LOCKED_PROJECT[language];
  const project = data.create('Project', {
    Name: locked.name,
    StartDate: start,
    EndDate: end,
    DescriptionHTML: locked.description,
    LockMode: 1,
  });
  assignCategory(data, project.ProjectId as string, ids.get('internal')!);
}
