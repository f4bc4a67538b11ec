import type { CsvCell } from '../csv.ts';
import { RANGE_KINDS, type RangeKind } from '../range.ts';
import { change } from '../report-figures.ts';
import type { TableSpec } from './tables.ts';
import { FILTER_LABELS, filterParams, type FilterKey, type Filters } from '../filters.ts';

const RANGE_LABELS: Record<RangeKind, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '12m': 'Last 12 months',
  custom: 'Custom dates',
};

const formatCell = (cell: CsvCell) =>
  typeof cell === 'number' ? cell.toLocaleString('en-US') : (cell ?? '—');

/** The range picker: a plain GET form, so it works without JavaScript. */
export function RangeForm({
  kind,
  from,
  to,
  filters,
}: {
  kind: RangeKind;
  from: string;
  to: string;
  filters: Filters;
}) {
  return (
    <form method="get" action="/staff/analytics" class="range-form">
      {/* The filters in force stay when the period changes. */}
      {filterParams(filters).map(([key, value]) => (
        <input type="hidden" name={key} value={value} />
      ))}
      <label for="range">Period</label>
      <select id="range" name="range">
        {RANGE_KINDS.map((k) => (
          <option value={k} selected={k === kind}>
            {RANGE_LABELS[k]}
          </option>
        ))}
      </select>
      <label for="from">From (custom)</label>
      <input id="from" name="from" type="date" value={from} />
      <label for="to">To (custom)</label>
      <input id="to" name="to" type="date" value={to} />
      <button type="submit">Show</button>
    </form>
  );
}

export type Kpi = { key: string; label: string; value: number; previous: number; unit?: string };

/** Headline figures with the previous period and the change, in words (not colour alone). */
export function KpiList({ items }: { items: Kpi[] }) {
  return (
    <dl class="kpis">
      {items.map((k) => {
        const delta = change(k.value, k.previous);
        const previous = `${k.previous.toLocaleString('en-US')}${k.unit ?? ''}`;
        const words =
          delta === null
            ? 'nothing in the previous period'
            : delta === 0
              ? `no change from the previous period (${previous})`
              : `${delta > 0 ? 'up' : 'down'} ${Math.abs(delta)}% from the previous period (${previous})`;
        return (
          <div>
            <dt>{k.label}</dt>
            <dd>
              <span class="kpi-value" data-metric={k.key}>
                {`${k.value.toLocaleString('en-US')}${k.unit ?? ''}`}
              </span>
              <span class="kpi-change">{words}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * The filters in force as chips, each a plain link that removes it, and one that removes all.
 * `without(key)` is the page's URL without that filter.
 */
export function FilterChips({
  filters,
  without,
  clear,
}: {
  filters: Filters;
  without: (key: FilterKey) => string;
  clear: string;
}) {
  const given = filterParams(filters);
  if (given.length === 0) return null;
  return (
    <nav class="filter-chips" aria-label="Filters">
      <p>Showing only visits with:</p>
      <ul>
        {given.map(([key, value]) => (
          <li>
            <a href={without(key)} data-filter={key}>
              {`${FILTER_LABELS[key]}: ${value}`}
              <span class="visually-hidden"> (remove this filter)</span>
              <span aria-hidden="true"> ×</span>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href={clear}>Remove all filters</a>
      </p>
    </nav>
  );
}

/**
 * One dashboard table with its caption and a link to the same rows as CSV. A row's first cell is
 * a plain link adding its filter (`filterHref`), when the table has row filters.
 */
export function DataTable({
  table,
  csvHref,
  filterHref,
}: {
  table: TableSpec;
  csvHref: string;
  filterHref?: (filters: Filters) => string;
}) {
  return (
    <section class="data" aria-labelledby={`t-${table.id}`} id={table.id}>
      <h2 id={`t-${table.id}`}>{table.title}</h2>
      {table.rows.length === 0 ? (
        <p>Nothing counted in this period.</p>
      ) : (
        <div class="table-scroll">
          <table data-table={table.id}>
            <caption class="visually-hidden">{table.title}</caption>
            <thead>
              <tr>
                {table.header.map((h, i) => (
                  <th scope="col" class={i > 0 ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th scope="row">
                        {filterHref && table.rowFilters?.[r] ? (
                          <a href={filterHref(table.rowFilters[r])}>{formatCell(cell)}</a>
                        ) : (
                          formatCell(cell)
                        )}
                      </th>
                    ) : (
                      <td class="num">{formatCell(cell)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={csvHref} download>{`Download “${table.title}” as CSV`}</a>
      </p>
    </section>
  );
}
