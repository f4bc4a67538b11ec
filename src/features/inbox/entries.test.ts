import { describe, expect, it } from 'vitest';
import { NOTE_MAX, parseCall, parseNote, parseStatusChoice } from './entries.ts';

const LA = 'America/Los_Angeles';
const now = new Date('2026-11-25T23:12:00Z');
const context = { now, timeZone: LA, receivedAt: new Date('2026-11-24T18:00:00Z') };

describe('parseNote', () => {
  it('keeps line breaks and drops surrounding blank space', () => {
    expect(parseNote('  Called.\r\nWill try Monday.\n ')).toEqual({
      ok: true,
      value: 'Called.\nWill try Monday.',
    });
  });

  it('refuses an empty note and a note that is too long, saying how long it is', () => {
    expect(parseNote('   ')).toMatchObject({ ok: false, field: 'note' });
    expect(parseNote(undefined)).toMatchObject({ ok: false, field: 'note' });
    expect(parseNote('ñ'.repeat(NOTE_MAX))).toMatchObject({ ok: true });
    expect(parseNote('ñ'.repeat(NOTE_MAX + 1))).toMatchObject({
      ok: false,
      message: expect.stringContaining('2001'),
    });
  });
});

describe('parseStatusChoice', () => {
  it('takes a work status and refuses purged or anything else', () => {
    expect(parseStatusChoice('contacted')).toEqual({ ok: true, value: 'contacted' });
    expect(parseStatusChoice('purged')).toMatchObject({ ok: false, field: 'status' });
    expect(parseStatusChoice(null)).toMatchObject({ ok: false });
  });
});

describe('parseCall', () => {
  it('takes the outcome and the clinic-time of the call, or now when none is given', () => {
    expect(parseCall({ outcome: 'voicemail', calledAt: '2026-11-25T14:50' }, context)).toEqual({
      ok: true,
      value: { outcome: 'voicemail', calledAt: new Date('2026-11-25T22:50:00Z') },
    });
    expect(parseCall({ outcome: 'reached', calledAt: '' }, context)).toEqual({
      ok: true,
      value: { outcome: 'reached', calledAt: now },
    });
  });

  it('refuses an unknown outcome, a time in the future and a time before the request', () => {
    expect(parseCall({ outcome: 'busy', calledAt: '' }, context)).toMatchObject({
      ok: false,
      field: 'outcome',
    });
    expect(parseCall({ outcome: 'reached', calledAt: '2026-11-25T21:00' }, context)).toMatchObject({
      ok: false,
      field: 'called-at',
      message: expect.stringMatching(/future/),
    });
    expect(parseCall({ outcome: 'reached', calledAt: '2026-11-23T09:00' }, context)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/before the request/),
    });
    expect(parseCall({ outcome: 'reached', calledAt: 'yesterday' }, context)).toMatchObject({ ok: false });
  });
});
