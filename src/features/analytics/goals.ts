import type { EventName } from './payload.ts';
import type { BreakdownRow } from './queries/breakdowns.ts';
import { percent } from './report-figures.ts';

/**
 * The goals: every event the site sends besides page views, in the dashboard's order, with the
 * words staff read. The one list of event definitions: the goals table reads it, and the funnel's
 * steps that are events (form started, request sent) are named from it.
 */
export const GOALS = [
  { event: 'phone_click', label: 'Tapped the phone number' },
  { event: 'request_click', label: 'Clicked to the request form' },
  { event: 'form_start', label: 'Started the form' },
  { event: 'form_error', label: 'Saw a form error' },
  { event: 'form_submitted', label: 'Sent a request' },
  { event: 'language_switch', label: 'Switched language' },
  { event: 'self_check_start', label: 'Started the self-check' },
  { event: 'self_check_urgent', label: 'Self-check result: urgent' },
  { event: 'self_check_worth_asking', label: 'Self-check result: worth asking' },
  { event: 'self_check_doctor_first', label: 'Self-check result: see a doctor first' },
  { event: 'self_check_other_first', label: 'Self-check result: other care first' },
] as const satisfies readonly { event: Exclude<EventName, 'pageview'>; label: string }[];

export type GoalEvent = (typeof GOALS)[number]['event'];

/** A goal over a range: how often it happened, by how many visitors, and their share of all visitors (percent). */
export type GoalRow = {
  goal: GoalEvent;
  label: string;
  count: number;
  visitors: number;
  conversionRate: number;
};

export const goalLabel = (event: GoalEvent): string => GOALS.find((g) => g.event === event)?.label ?? event;

/**
 * Every goal, in GOALS' order, from the event breakdown rows (zero when it did not happen).
 * @example goalRows([{ value: 'phone_click', events: 3, visitors: 2, … }], 10)[0] // { goal: 'phone_click', count: 3, visitors: 2, conversionRate: 20, … }
 */
export function goalRows(events: BreakdownRow[], visitors: number): GoalRow[] {
  return GOALS.map(({ event, label }) => {
    const row = events.find((r) => r.value === event);
    const reached = row?.visitors ?? 0;
    return {
      goal: event,
      label,
      count: row?.events ?? 0,
      visitors: reached,
      conversionRate: percent(reached, visitors),
    };
  });
}
