import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Kept in step with src/db/migrations/0005_create_analytics.sql (src/db/migrate.db.test.ts checks).

/** One random salt per clinic-local day; yesterday's is deleted when the day turns. */
export const analyticsSalts = pgTable('analytics_salts', {
  day: date('day', { mode: 'string' }).primaryKey(),
  salt: text('salt').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Raw events, kept for the retention period; never an address, a cookie or a typed value. */
export const analyticsEvents = pgTable('analytics_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  visitorId: text('visitor_id').notNull(),
  name: text('name').notNull(),
  path: text('path').notNull(),
  pageKind: text('page_kind').notNull(),
  locale: text('locale'),
  referrer: text('referrer'),
  utmSource: text('utm_source'),
  utmMedium: text('utm_medium'),
  utmCampaign: text('utm_campaign'),
  utmTerm: text('utm_term'),
  utmContent: text('utm_content'),
  browser: text('browser').notNull(),
  os: text('os').notNull(),
  device: text('device').notNull(),
  fields: text('fields'),
});

/** Days whose rollups must be recomputed; `version` changes with every batch written. */
export const analyticsDirtyDays = pgTable('analytics_dirty_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});

/** Per-day totals and funnel steps, kept for good. */
export const analyticsDailyTotals = pgTable('analytics_daily_totals', {
  day: date('day', { mode: 'string' }).primaryKey(),
  visitors: integer('visitors').notNull(),
  visits: integer('visits').notNull(),
  pageviews: integer('pageviews').notNull(),
  bounces: integer('bounces').notNull(),
  durationSeconds: bigint('duration_seconds', { mode: 'number' }).notNull(),
  educationVisits: integer('education_visits').notNull(),
  requestPageVisits: integer('request_page_visits').notNull(),
  formStartedVisits: integer('form_started_visits').notNull(),
  submittedVisits: integer('submitted_visits').notNull(),
  rolledUpAt: timestamp('rolled_up_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Per-day figures by dimension and value (page, entry page, source, campaign, device, …), kept for good. */
export const analyticsDailyBreakdowns = pgTable(
  'analytics_daily_breakdowns',
  {
    day: date('day', { mode: 'string' }).notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    visitors: integer('visitors').notNull(),
    visits: integer('visits').notNull(),
    pageviews: integer('pageviews').notNull(),
    bounces: integer('bounces').notNull(),
    durationSeconds: bigint('duration_seconds', { mode: 'number' }).notNull(),
    conversions: integer('conversions').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.dimension, t.value] })],
);
