/**
 * InLoox calls per user action may not grow: each action is performed once through the real app over HTTP and the
 * sandbox's request log is counted. The budget (bench/calls-per-action.ts) is the fewest calls the API allows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CALL_BUDGET, measureCallsPerAction, type ActionCalls } from '../../bench/calls-per-action';

let measured: ActionCalls[];

beforeAll(async () => {
  measured = await measureCallsPerAction();
}, 60_000);

describe('InLoox calls per action', () => {
  it('measures every budgeted action', () => {
    expect(measured.map((m) => m.action).sort()).toEqual(Object.keys(CALL_BUDGET).sort());
  });

  it.each(Object.entries(CALL_BUDGET))('%s stays at its budget', (action, budget) => {
    const result = measured.find((m) => m.action === action)!;
    expect(result.requests, `${action}: ${result.requests.join(' | ')}`).toHaveLength(budget.budget ?? budget.minimum);
    expect(
      result.requests.every((line) => /→ 2\d\d$/.test(line)),
      result.requests.join(' | '),
    ).toBe(true);
  });

  it('reads each entity only once per action', () => {
    for (const result of measured) {
      const lines = result.requests.map((line) => line.replace(/ → \d+$/, ''));
      expect(new Set(lines).size, `${result.action}: ${lines.join(' | ')}`).toBe(lines.length);
    }
  });

  it('writes exactly once when creating a task, as POST Task', () => {
    for (const action of ['create task', 'email to task']) {
      const writes = measured.find((m) => m.action === action)!.requests.filter((line) => !line.startsWith('GET '));
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/^POST Task → 201$/);
    }
  });
});
