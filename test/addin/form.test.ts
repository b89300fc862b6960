import { describe, expect, it } from 'vitest';
import {
  defaultTaskValues,
  parseEffort,
  taskNameFromSubject,
  toCreateTaskRequest,
  validateTaskForm,
  type TaskFormValues,
} from '../../addin/web/form';
import type { MailItem } from '../../addin/web/office';

const today = new Date(2025, 3, 8, 10, 30); // 8 April 2025, local time
const me = { id: '6f1d1a4e-3a8b-4d71-9a34-8d1f0c6b2a10', label: 'Dev (me)' };

function item(overrides: Partial<MailItem> = {}): MailItem {
  return { subject: 'AW: RE: Budget 2025', to: [], cc: [], attachments: [], ...overrides };
}

function valid(overrides: Partial<TaskFormValues> = {}): TaskFormValues {
  return {
    name: 'Budget 2025',
    project: { id: '0b6f3c1e-5d2a-4c1b-8e7f-9a0b1c2d3e4f', label: 'Website' },
    startDate: '2025-04-08',
    endDate: '2025-04-15',
    effort: '1,5',
    assignee: me,
    trimQuoted: true,
    ...overrides,
  };
}

describe('task form', () => {
  it('takes the name from the subject without reply and forward prefixes', () => {
    expect(taskNameFromSubject('RE: AW: Fwd: WG:  Budget   2025 ')).toBe('Budget 2025');
    expect(taskNameFromSubject('Re[2]: Angebot')).toBe('Angebot');
    expect(taskNameFromSubject('Review: not a prefix')).toBe('Review: not a prefix');
    expect(taskNameFromSubject('見積書の送付')).toBe('見積書の送付');
  });

  it('defaults to today until a week later, assigned to me', () => {
    expect(defaultTaskValues(item(), today, me)).toEqual({
      name: 'Budget 2025',
      project: undefined,
      startDate: '2025-04-08',
      endDate: '2025-04-15',
      effort: '',
      assignee: me,
      trimQuoted: true,
    });
  });

  it("uses the email's own due date when it has one in the future", () => {
    expect(defaultTaskValues(item({ dueDate: new Date(2025, 3, 30, 15) }), today, me).endDate).toBe('2025-04-30');
    expect(defaultTaskValues(item({ dueDate: new Date(2025, 2, 1) }), today, me).endDate).toBe('2025-04-15');
  });

  it('handles a missing item and very long subjects', () => {
    expect(defaultTaskValues(undefined, today, undefined).name).toBe('');
    expect(defaultTaskValues(item({ subject: 'x'.repeat(400) }), today, me).name).toHaveLength(255);
  });

  it('reads effort in English and German notation', () => {
    expect(parseEffort('')).toBe(0);
    expect(parseEffort('2')).toBe(2);
    expect(parseEffort('1.5')).toBe(1.5);
    expect(parseEffort('1,25')).toBe(1.25);
    expect(parseEffort('-1')).toBeNaN();
    expect(parseEffort('two')).toBeNaN();
  });

  it('accepts valid values', () => {
    expect(validateTaskForm(valid())).toEqual({});
  });

  it('names every invalid field', () => {
    const errors = validateTaskForm(
      valid({ name: '  ', project: undefined, startDate: '2025-02-30', endDate: '', effort: '10001' }),
    );
    expect(errors).toEqual({
      name: { key: 'required' },
      project: { key: 'chooseFromList' },
      startDate: { key: 'invalidDate' },
      endDate: { key: 'required' },
      effort: { key: 'invalidEffort', params: { max: 10000 } },
    });
    expect(validateTaskForm(valid({ startDate: '2025-04-10', endDate: '2025-04-09' }))).toEqual({
      endDate: { key: 'endBeforeStart' },
    });
    expect(validateTaskForm(valid({ name: 'n'.repeat(256) })).name?.key).toBe('nameTooLong');
  });

  it('turns the values into the create request with local working hours', () => {
    const request = toCreateTaskRequest(valid(), '<p>desc</p>');
    expect(request).toEqual({
      name: 'Budget 2025',
      projectId: '0b6f3c1e-5d2a-4c1b-8e7f-9a0b1c2d3e4f',
      startDateTime: new Date(2025, 3, 8, 8).toISOString(),
      endDateTime: new Date(2025, 3, 15, 17).toISOString(),
      workAmount: 1.5,
      assigneeId: me.id,
      descriptionHtml: '<p>desc</p>',
    });
    expect(toCreateTaskRequest(valid({ assignee: undefined }), '').assigneeId).toBeUndefined();
  });
});
