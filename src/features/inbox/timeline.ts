import type { CallOutcome, ContactChannel, History, Status } from '../requests/index.ts';

/** One line of a request's history, whatever its kind. */
export type TimelineEntry =
  | { kind: 'status'; id: string; at: Date; by: string | null; from: Status; to: Status }
  | {
      kind: 'call';
      id: string;
      at: Date;
      by: string;
      channel: ContactChannel;
      outcome: CallOutcome;
      followUpAt: Date | null;
    }
  | { kind: 'note'; id: string; at: Date; by: string; text: string | null };

/**
 * The history as one list, newest first (ties: notes, then calls, then status changes, so a note
 * written right after a call reads above it).
 * @example buildTimeline(history, new Map([[noteId, 'Called, left message']]))
 */
export function buildTimeline(history: History, noteTexts: Map<string, string | null>): TimelineEntry[] {
  const order = { note: 0, call: 1, status: 2 } as const;
  const entries: TimelineEntry[] = [
    ...history.changes.map((c) => ({ kind: 'status' as const, ...c })),
    ...history.calls.map((c) => ({ kind: 'call' as const, ...c })),
    ...history.notes.map((n) => ({
      kind: 'note' as const,
      id: n.id,
      at: n.at,
      by: n.by,
      text: noteTexts.get(n.id) ?? null,
    })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || order[a.kind] - order[b.kind]);
}
