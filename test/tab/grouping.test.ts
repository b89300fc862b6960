import { describe, expect, it } from 'vitest';
import type { TabTask } from '../../tab/api-types';
import { dueBucket, endOfWeek, groupByDue, groupByProject, projectsOf } from '../../tab/web/grouping';

function task(id: string, due: string | null, project?: [string, string], name = id): TabTask {
  return {
    id,
    name,
    projectId: project?.[0] ?? null,
    projectName: project?.[1] ?? null,
    start: null,
    due,
    done: false,
    link: `https://app.inloox.com/task/${id}`,
  };
}

// Wednesday, 12 March 2025, local time.
const WEDNESDAY = new Date(2025, 2, 12, 10, 30);

describe('due buckets', () => {
  it('weeks end on Sunday, whatever weekday today is', () => {
    expect(endOfWeek(WEDNESDAY)).toBe('2025-03-16');
    expect(endOfWeek(new Date(2025, 2, 16, 23, 0))).toBe('2025-03-16'); // Sunday itself
    expect(endOfWeek(new Date(2025, 2, 17, 0, 5))).toBe('2025-03-23'); // Monday starts a new week
  });

  it.each([
    ['2025-03-11T17:00:00Z', 'overdue'],
    ['2025-03-12T17:00:00Z', 'thisWeek'],
    ['2025-03-16T17:00:00Z', 'thisWeek'],
    ['2025-03-17T08:00:00Z', 'later'],
    [null, 'noDue'],
  ])('due %s is %s', (due, bucket) => {
    expect(dueBucket({ due }, WEDNESDAY)).toBe(bucket);
  });

  it('groups in the order overdue, this week, later, no due date, leaving out empty groups, earliest first', () => {
    const groups = groupByDue(
      [
        task('later', '2025-04-01T17:00:00Z'),
        task('none', null),
        task('week-b', '2025-03-14T17:00:00Z'),
        task('overdue', '2025-03-01T17:00:00Z'),
        task('week-a', '2025-03-13T17:00:00Z'),
      ],
      WEDNESDAY,
    );
    expect(groups.map((g) => g.key)).toEqual(['overdue', 'thisWeek', 'later', 'noDue']);
    expect(groups[1]!.tasks.map((t) => t.id)).toEqual(['week-a', 'week-b']);
    expect(groupByDue([task('x', '2025-04-01T17:00:00Z')], WEDNESDAY).map((g) => g.key)).toEqual(['later']);
  });
});

describe('project groups and filter', () => {
  const tasks = [
    task('1', '2025-03-20T17:00:00Z', ['p-z', 'Zeppelin']),
    task('2', null),
    task('3', '2025-03-10T17:00:00Z', ['p-a', 'Alpha']),
    task('4', '2025-03-09T17:00:00Z', ['p-z', 'Zeppelin']),
  ];

  it('groups by project name, tasks without a project last', () => {
    const groups = groupByProject(tasks);
    expect(groups.map((g) => [g.key, g.label])).toEqual([
      ['p-a', 'Alpha'],
      ['p-z', 'Zeppelin'],
      ['', undefined],
    ]);
    expect(groups[1]!.tasks.map((t) => t.id)).toEqual(['4', '1']);
  });

  it('offers each project once, sorted by name', () => {
    expect(projectsOf(tasks)).toEqual([
      { id: 'p-a', name: 'Alpha' },
      { id: 'p-z', name: 'Zeppelin' },
    ]);
  });
});
