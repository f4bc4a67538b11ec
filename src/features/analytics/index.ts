/**
 * First-party, cookieless analytics: the collector (POST /api/event), its batch writer and
 * upkeep jobs, the report over daily rollups, and the staff dashboard's route factory.
 */
export { collectorRoutes, COLLECT_PATH, type CollectorDeps } from './collect.ts';
export { createAnalyticsIngest, type AnalyticsIngest, type IngestOptions } from './ingest.ts';
export { createAnalyticsJobs, DEFAULT_RETENTION_DAYS, type AnalyticsJobs } from './jobs.ts';
export { buildPageDirectory, type PageDirectory } from './page-directory.ts';
export { buildReport, PAGE_ROWS, type AnalyticsReport, type CampaignFunnel } from './report.ts';
export { FILTER_KEYS, filtersFrom, type FilterKey, type Filters } from './filters.ts';
export { readReportQuery, reportFor, reportForDays, type ReportQuery } from './report-query.ts';
export { resolveRange, type ReportRange } from './range.ts';
export { rollupDirtyDays } from './queries/rollup.ts';
export { createVisitFinder, type VisitEntry, type VisitorAt } from './visit-entry.ts';
export {
  statsApiRoutes,
  DEFAULT_STATS_API_POLICY,
  STATS_PATH,
  type StatsApiPolicy,
} from './stats-api/api-route.ts';
export { statsTokenRoutes } from './stats-api/token-routes.tsx';
export { analyticsDashboardRoutes, type DashboardDeps } from './dashboard/routes.tsx';

/** The tracker's asset name: pages pass publicSite.assets.url(TRACKER_SCRIPT) first in Layout's `scripts`. */
export const TRACKER_SCRIPT = 'analytics.js';
