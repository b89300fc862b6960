import { addDays, isoToDateInput, toDateInputValue } from '../../ui/dates';
import type { TabTask } from '../api-types';

export type DueBucket = 'overdue' | 'thisWeek' | 'later' | 'noDue';
export const DUE_BUCKETS: DueBucket[] = ['overdue', 'thisWeek', 'later', 'noDue'];

/** The day InLoox stores the due date on (yyyy-mm-dd), or undefined. */
export function dueDay(task: Pick<TabTask, 'due'>): string | undefined {
  return isoToDateInput(task.due);
}

/** Last day (Sunday) of the week `today` is in: weeks run Monday to Sunday, as in Germany and the UK. */
export function endOfWeek(today: Date): string {
  const daysToSunday = (7 - today.getDay()) % 7;
  return addDays(toDateInputValue(today), daysToSunday);
}

/** overdue: due before today; thisWeek: today … Sunday; later: after that; noDue: no due date. */
export function dueBucket(task: Pick<TabTask, 'due'>, today: Date): DueBucket {
  const day = dueDay(task);
  if (!day) return 'noDue';
  const todayValue = toDateInputValue(today);
  if (day < todayValue) return 'overdue';
  return day <= endOfWeek(today) ? 'thisWeek' : 'later';
}

function byDueThenName(a: TabTask, b: TabTask): number {
  const dayA = dueDay(a) ?? '9999-99-99';
  const dayB = dueDay(b) ?? '9999-99-99';
  return dayA < dayB ? -1 : dayA > dayB ? 1 : a.name.localeCompare(b.name);
}

export interface TaskGroup<K extends string = string> {
  key: K;
  /** Display name for project groups; bucket groups are labelled by the view. */
  label?: string;
  tasks: TabTask[];
}

/** Groups in the fixed order overdue, this week, later, no due date; empty groups are left out. */
export function groupByDue(tasks: TabTask[], today: Date): TaskGroup<DueBucket>[] {
  const groups = new Map<DueBucket, TabTask[]>(DUE_BUCKETS.map((bucket) => [bucket, []]));
  for (const task of tasks) groups.get(dueBucket(task, today))!.push(task);
  return DUE_BUCKETS.map((key) => ({ key, tasks: groups.get(key)!.sort(byDueThenName) })).filter(
    (group) => group.tasks.length > 0,
  );
}

/** One group per project, by project name; tasks without a project come last (key ""). */
export function groupByProject(tasks: TabTask[]): TaskGroup[] {
  const groups = new Map<string, TaskGroup>();
  for (const task of tasks) {
    const key = task.projectId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { key, label: task.projectName ?? undefined, tasks: [] };
      groups.set(key, group);
    }
    group.tasks.push(task);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, tasks: group.tasks.sort(byDueThenName) }))
    .sort((a, b) => {
      if (!a.key !== !b.key) return a.key ? -1 : 1;
      return (a.label ?? '').localeCompare(b.label ?? '');
    });
}

/** Projects that have tasks in the list, for the project filter. */
export function projectsOf(tasks: TabTask[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const task of tasks)
    if (task.projectId && !seen.has(task.projectId)) seen.set(task.projectId, task.projectName ?? task.projectId);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
