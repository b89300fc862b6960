import type { EntityModule } from '../accountData';
import { category } from './category';
import { contact } from './contact';
import { customField } from './customField';
import { customFieldDefinition } from './customFieldDefinition';
import { customFieldList } from './customFieldList';
import { customFieldPermission } from './customFieldPermission';
import { customFieldSection } from './customFieldSection';
import { dynamicProject } from './dynamicProject';
import { dynamicTaskItem } from './dynamicTaskItem';
import { project } from './project';
import { projectContactRelation } from './projectContactRelation';
import { projectNote } from './projectNote';
import { task } from './task';
import { taskStatus } from './taskStatus';
import { timeEntry } from './timeEntry';
import { userInfoSet } from './userInfo';
import { userStopwatch } from './userStopwatch';

/** Every entity set of the service, in the order of the service document. A new set: its module plus one line here. */
export const ENTITY_MODULES: readonly EntityModule[] = [
  project,
  task,
  contact,
  userInfoSet,
  projectNote,
  taskStatus,
  customFieldDefinition,
  customFieldSection,
  customFieldList,
  customFieldPermission,
  customField,
  projectContactRelation,
  dynamicProject,
  dynamicTaskItem,
  timeEntry,
  userStopwatch,
  category,
];

export const ENTITY_SETS: ReadonlyMap<string, EntityModule> = new Map(ENTITY_MODULES.map((m) => [m.set.name, m]));

/** Fields the store indexes per collection, gathered from the modules. */
export const INDEXED_FIELDS: Record<string, string[]> = Object.assign(
  {},
  ...ENTITY_MODULES.map((m) => m.indexes ?? {}),
);
