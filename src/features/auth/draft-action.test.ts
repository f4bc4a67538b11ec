import { describe, expect, it } from 'vitest';
import { describeDraftAction } from './draft-action.ts';

describe('describeDraftAction', () => {
  it('says in words what a kept form does before it is sent again', () => {
    const id = '5f0c7a52-9d6e-4c1b-8a3e-2b7d4f6e1a90';
    expect(describeDraftAction(`/staff/staff/${id}/disable`)).toBe(
      "Disable a staff member's account: they are signed out at once.",
    );
    expect(describeDraftAction(`/staff/requests/${id}/notes`)).toBe('Add a note to a request.');
    expect(describeDraftAction('/staff/something-new')).toBe('Send a form to this page of the staff area.');
  });
});
