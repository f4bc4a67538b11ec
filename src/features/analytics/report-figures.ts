import type { BreakdownRow } from './queries/breakdowns.ts';
import type { RangeTotals } from './queries/totals.ts';

/** The headline figures, as the dashboard shows them and `clinic report` prints them. */
export type Kpis = {
  visitors: number;
  visits: number;
  pageviews: number;
  /** Visits with one page view and nothing else, in percent of visits (one decimal). */
  bounceRate: number;
  /** Average visit length in whole seconds (first to last event of the visit). */
  visitDurationSeconds: number;
};

export const FUNNEL_STEPS = ['landing', 'education', 'request_page', 'form_started', 'request_sent'] as const;
export type FunnelStep = { step: (typeof FUNNEL_STEPS)[number]; visits: number; percentOfLanding: number };
export type ConversionRow = { value: string; visits: number; conversions: number; conversionRate: number };

/** Percent with one decimal; 0 when there is nothing to divide by. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** Headline figures from the summed totals. */
export function kpisFrom(totals: RangeTotals): Kpis {
  return {
    visitors: totals.visitors,
    visits: totals.visits,
    pageviews: totals.pageviews,
    bounceRate: percent(totals.bounces, totals.visits),
    visitDurationSeconds: totals.visits > 0 ? Math.round(totals.durationSeconds / totals.visits) : 0,
  };
}

/**
 * The funnel: visits that reached each step (a visit may skip a step, such as one that lands
 * on the request page straight from an advertisement), and each as a percent of all visits.
 */
export function funnelFrom(totals: RangeTotals): FunnelStep[] {
  const counts = [
    totals.visits,
    totals.educationVisits,
    totals.requestPageVisits,
    totals.formStartedVisits,
    totals.submittedVisits,
  ];
  return FUNNEL_STEPS.map((step, i) => ({
    step,
    visits: counts[i] ?? 0,
    percentOfLanding: percent(counts[i] ?? 0, totals.visits),
  }));
}

/** Visits and requests sent per value (source, campaign, language), with the conversion rate. */
export function conversionRows(rows: BreakdownRow[]): ConversionRow[] {
  return rows.map((r) => ({
    value: r.value,
    visits: r.visits,
    conversions: r.conversions,
    conversionRate: percent(r.conversions, r.visits),
  }));
}

/** Change from the previous period in percent (one decimal); null when there was nothing before. */
export function change(current: number, previous: number): number | null {
  return previous > 0 ? Math.round(((current - previous) / previous) * 1000) / 10 : null;
}
