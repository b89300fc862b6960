/** The figures the throttle and scale-out benchmarks judge by: calls in a sliding window, and write-order inversions. */
import { describe, expect, it } from 'vitest';
import { inversions, maxInWindow } from '../../bench/throttle';

describe('maxInWindow', () => {
  it('counts the most timestamps inside any window of the given length', () => {
    expect(maxInWindow([], 2000)).toBe(0);
    expect(maxInWindow([0, 100, 200], 2000)).toBe(3);
    // 0..1999 is one window; 2000 starts the next (InLoox's sliding window is half-open).
    expect(maxInWindow([0, 1999, 2000, 2001], 2000)).toBe(3);
    expect(maxInWindow([5000, 0, 4000, 1000, 3999], 2000)).toBe(3);
    expect(maxInWindow([0, 2000, 4000, 6000], 2000)).toBe(1);
  });
});

describe('inversions', () => {
  it('is zero for the order fired and counts every pair out of order', () => {
    expect(inversions([0, 1, 2, 3])).toBe(0);
    expect(inversions([1, 0, 2, 3])).toBe(1);
    expect(inversions([3, 2, 1, 0])).toBe(6);
  });
});
