/**
 * CopyProject() and GenerateProjectDescription(language=…). The API reference names neither the copy's name nor
 * what it takes along; the sandbox's choice: "<name> - Copy" ("- Kopie" in a German account), a new number with the
 * same prefix and suffix, dates, priority, client, description, categories, members and open tasks (as not done);
 * not comments, time, favorites, the lock or the archive and request state. The description generator is InLoox
 * Cloud only: the self-hosted base answers 404 as for an unknown operation.
 */
import type { BoundOperation } from '../accountData';
import { badRequest, notFound } from '../odata/errors';
import { assignCategory, assignedCategories } from './category';
import { MEMBERSHIP, addMember } from './projectContactRelation';

const COPIED = [
  'NumberPrefix',
  'NumberSuffix',
  'ClientId',
  'DivisionId',
  'Priority',
  'StartDate',
  'EndDate',
  'PlannedStartDate',
  'PlannedEndDate',
  'IsEndDateFixed',
  'BackwardScheduling',
  'PortfolioId',
  'DescriptionText',
  'DescriptionHTML',
] as const;

export const copyProject: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  handler({ data, key }) {
    const source = data.existing('Project', key);
    const suffix = data.profile.language === 'de' ? ' - Kopie' : ' - Copy';
    const body: Record<string, unknown> = { Name: `${String(source.Name ?? '')}${suffix}`.slice(0, 255) };
    for (const field of COPIED) if (source[field] !== undefined) body[field] = source[field];
    const copyId = data.transaction(() => {
      const copy = data.create('Project', body);
      const id = copy.ProjectId as string;
      for (const member of data.where(MEMBERSHIP, 'ProjectId', key))
        addMember(data, id, member.ContactId as string, member.Role as number);
      for (const category of assignedCategories(data, key)) assignCategory(data, id, category.CategoryId as string);
      for (const task of data.where('Task', 'ProjectId', key).filter((t) => t.IsDone !== true)) {
        data.create('Task', {
          Name: task.Name,
          ProjectId: id,
          ContactId: task.ContactId ?? null,
          StartDateTime: task.StartDateTime ?? null,
          EndDateTime: task.EndDateTime ?? null,
          WorkAmount: task.WorkAmount ?? 0,
          DescriptionHTML: task.DescriptionHTML ?? null,
        });
      }
      return id;
    });
    return { type: 'Edm.Guid', value: copyId };
  },
};

const LANGUAGES = new Set(['de', 'en']);

/** A plain description from what the project holds, in the asked language (the sandbox has no language model). */
export const generateProjectDescription: BoundOperation = {
  kind: 'function',
  binding: 'entity',
  parameters: { language: { type: 'Edm.String', required: true } },
  handler({ data, key, args, serviceBase }) {
    if (serviceBase?.includes('/api/v1/odata/'))
      throw notFound(`No operation 'GenerateProjectDescription' is bound to Project(…) in this service.`);
    const project = data.existing('Project', key);
    const language = String(args().language).toLowerCase().slice(0, 2);
    if (!LANGUAGES.has(language)) throw badRequest(`The language '${String(args().language)}' is not supported.`);
    const open = data
      .where('Task', 'ProjectId', key)
      .filter((t) => t.IsDone !== true)
      .map((t) => String(t.Name))
      .slice(0, 5);
    const name = String(project.Name ?? '');
    const text =
      language === 'de'
        ? `Das Projekt „${name}“ bündelt die Arbeit des Teams an einem gemeinsamen Ziel.` +
          (open.length ? ` Als Nächstes stehen an: ${open.join(', ')}.` : ' Die Aufgaben werden noch geplant.')
        : `The project "${name}" brings the team's work together towards one goal.` +
          (open.length ? ` Next up: ${open.join(', ')}.` : ' Its tasks are still being planned.');
    return { type: 'Edm.String', value: text };
  },
};
