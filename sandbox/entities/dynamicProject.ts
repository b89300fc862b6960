import type { AccountData, EntityModule } from '../accountData';
import type { Row } from '../odata/metadata';
import { customColumnLookup, customColumns } from './customField';
import { define, type EntitySetDefinition } from './define';
import { projectView } from './project';

const set = define('DynamicProject', {});

/** Copies a project view into a Dynamic* row: Project_<Name> columns and the ProjectPermission_* ones. */
export function copyProjectColumns(dynamic: EntitySetDefinition, project: Row, row: Row): void {
  for (const [name, value] of Object.entries(project)) {
    if (dynamic.type.properties.has(`Project_${name}`)) row[`Project_${name}`] = value;
    else if (name.startsWith('ProjectPermission_') && dynamic.type.properties.has(name)) row[name] = value;
  }
}

function dynamicProjects(data: AccountData, only?: string[]): Row[] {
  const projects = only ? only.map((id) => data.rawOne('Project', id)!).filter(Boolean) : data.raw('Project');
  return projects.map((stored) => {
    const project = projectView(data, stored);
    const row = data.withDefaults(set, {});
    copyProjectColumns(set, project, row);
    row.Project_ListItemId = project.ProjectId;
    row.Project_NotesCount = data.where('ProjectNote', 'ProjectId', project.ProjectId).length;
    Object.assign(row, customColumns(data, 'Project', project.ProjectId as string));
    return row;
  });
}

/** Read-only view of projects with their custom fields as columns. */
export const dynamicProject: EntityModule = {
  set,
  lookup: (data) => customColumnLookup(data, set, 'Project'),
  list: (data) => dynamicProjects(data),
  get: (data, id) => (data.rawOne('Project', id) ? dynamicProjects(data, [id])[0] : undefined),
};
