/** Demo time bookings of the account's own user in the current and the last week, in the account's language. */
import type { AccountData } from '../accountData';

export interface SeedTimeTask {
  taskId: string;
  projectId: string;
  name: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const NOTES = {
  en: ['Preparation and first draft', 'Review with the team', 'Follow-up and documentation'],
  de: ['Vorbereitung und erster Entwurf', 'Abstimmung im Team', 'Nacharbeit und Dokumentation'],
};

/** `base` is today 00:00 UTC; entries lie on the last days, so "my time" has a week to show. */
export function seedMyTime(data: AccountData, base: number, tasks: SeedTimeTask[]): void {
  const notes = NOTES[data.profile.language];
  const plan: Array<[dayOffset: number, startHour: number, minutes: number]> = [
    [0, 8, 45],
    [-1, 9, 90],
    [-1, 13, 30],
    [-2, 10, 120],
    [-8, 9, 60],
  ];
  plan.forEach(([offset, hour, minutes], index) => {
    const task = tasks[index % tasks.length];
    if (!task) return;
    const start = base + offset * DAY + hour * HOUR;
    data.create('TimeEntry', {
      DisplayName: task.name,
      ProjectId: task.projectId,
      TaskItemId: task.taskId,
      StartDateTime: new Date(start).toISOString(),
      EndDateTime: new Date(start + minutes * 60_000).toISOString(),
      DurationMinutes: minutes,
      IsBillable: index % 2 === 0,
      DescriptionHTML: `<p>${notes[index % notes.length]!}</p>`,
    });
  });
}
