import { describe, expect, it } from 'vitest';
import { describeSeries, gridLines, labelIndexes, niceMax } from './chart-scale.ts';

describe('chart scale', () => {
  it('rounds the top of the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 230, 501].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 500, 1000]);
    expect(gridLines(20)).toEqual([0, 5, 10, 15, 20]);
  });

  it('labels at most six points, always the first and the last', () => {
    expect(labelIndexes(3)).toEqual([0, 1, 2]);
    expect(labelIndexes(30)).toEqual([0, 6, 12, 17, 23, 29]);
  });

  it('summarises a series in one sentence for the chart description', () => {
    expect(describeSeries('Visitors', ['2025-03-01', '2025-03-02', '2025-03-03'], [3, 1200, 4])).toBe(
      'Visitors from 2025-03-01 to 2025-03-03: 1,207 in all; highest 1,200 on 2025-03-02.',
    );
    expect(describeSeries('Visitors', [], [])).toBe('Visitors: no data.');
  });
});
