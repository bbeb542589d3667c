/** The 工作台's bar charts: the value axis ends on a round tick at or above the tallest bar, in whole numbers. */
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../src/components/charts/StackedBars';

describe('niceTicks', () => {
  it('covers the tallest bar with about five round, whole steps', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(71)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(140)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(1399)).toEqual([0, 500, 1000, 1500]);
    for (const max of [1, 7, 12, 99, 100, 101, 2345, 53860]) {
      const t = niceTicks(max);
      expect(t[t.length - 1]! >= max && t.every(Number.isInteger) && t.length <= 12, `${max}: ${t.join(',')}`).toBe(true);
    }
  });
});
