import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../requests/index.ts';
import { buildTimeline } from './timeline.ts';
import { isOverdue } from './workflow.ts';

describe('isOverdue', () => {
  const deadline = new Date('2026-11-25T16:00:00Z');
  it('flags a new request past its deadline only', () => {
    expect(isOverdue('new', deadline, new Date('2026-11-25T16:01:00Z'))).toBe(true);
    expect(isOverdue('new', deadline, new Date('2026-11-25T15:59:00Z'))).toBe(false);
    expect(isOverdue('contacted', deadline, new Date('2026-11-26T00:00:00Z'))).toBe(false);
  });
});

describe('retentionCutoff', () => {
  it('counts whole days back from now and refuses a nonsense period', () => {
    expect(retentionCutoff(new Date('2026-11-25T00:00:00Z'), 30)).toEqual(new Date('2026-10-26T00:00:00Z'));
    expect(() => retentionCutoff(new Date(), 0)).toThrow(RangeError);
    expect(() => retentionCutoff(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('buildTimeline', () => {
  it('merges changes, calls and notes newest first, with a note above a call at the same time', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m));
    const timeline = buildTimeline(
      {
        changes: [{ id: 's1', at: at(1), by: 'a@x.test', from: 'new', to: 'contacted' }],
        calls: [
          { id: 'c1', at: at(5), by: 'a@x.test', channel: 'phone', outcome: 'reached', followUpAt: null },
        ],
        notes: [{ id: 'n1', at: at(5), by: 'a@x.test', sealed: new Uint8Array() }],
      },
      new Map([['n1', 'text']]),
    );
    expect(timeline.map((e) => e.id)).toEqual(['n1', 'c1', 's1']);
    expect(timeline[0]).toMatchObject({ kind: 'note', text: 'text' });
  });
});
