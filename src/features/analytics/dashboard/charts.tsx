import { describeSeries, gridLines, labelIndexes, niceMax } from './chart-scale.ts';

// Colours with at least 3:1 contrast on white (WCAG 1.4.11); series also differ in the legend text.
export const SERIES_COLOURS = ['#0a4d8c', '#a34700'];
const W = 720;
const H = 260;
const PAD = { left: 48, right: 8, top: 16, bottom: 40 };

export type Series = { name: string; values: number[] };
type ChartProps = { id: string; title: string; labels: string[]; series: Series[] };

/**
 * Grouped columns over time as server-rendered SVG: role="img" with a <title> and a <desc> that
 * states the totals, so a screen reader gets the gist; the data table beside it has every value.
 */
export function ColumnChart({ id, title, labels, series }: ChartProps) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, labels.length);
  const barW = Math.max(1, (slot * 0.8) / series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const desc = series.map((s) => describeSeries(s.name, labels, s.values)).join(' ');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {gridLines(max).map((g) => (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(g)} y2={y(g)} stroke="#c9d3de" stroke-width="1" />
            <text x={PAD.left - 6} y={y(g) + 4} text-anchor="end" font-size="12" fill="#4a5360">
              {g.toLocaleString('en-US')}
            </text>
          </g>
        ))}
        {series.map((s, si) =>
          s.values.map((v, i) => (
            <rect
              x={PAD.left + i * slot + slot * 0.1 + si * barW}
              y={y(v)}
              width={barW}
              height={Math.max(0, PAD.top + plotH - y(v))}
              fill={SERIES_COLOURS[si % SERIES_COLOURS.length]}
            />
          )),
        )}
        {labelIndexes(labels.length).map((i) => (
          <text
            x={PAD.left + i * slot + slot / 2}
            y={H - PAD.bottom + 18}
            text-anchor="middle"
            font-size="12"
            fill="#4a5360"
          >
            {labels[i]}
          </text>
        ))}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((s, si) => (
            <li>
              <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={SERIES_COLOURS[si % SERIES_COLOURS.length]} />
              </svg>{' '}
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Horizontal bars with their values written beside them (the funnel). */
export function BarChart({
  id,
  title,
  labels,
  values,
}: {
  id: string;
  title: string;
  labels: string[];
  values: number[];
}) {
  const max = niceMax(Math.max(0, ...values));
  const row = 34;
  const labelW = 230;
  const height = labels.length * row + 8;
  const desc = labels.map((l, i) => `${l}: ${(values[i] ?? 0).toLocaleString('en-US')}`).join('; ');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${desc}.`}</desc>
        {labels.map((label, i) => {
          const v = values[i] ?? 0;
          const width = ((W - labelW - 80) * v) / max;
          return (
            <g>
              <text x={labelW - 8} y={i * row + 22} text-anchor="end" font-size="13" fill="#1b1f24">
                {label}
              </text>
              <rect x={labelW} y={i * row + 6} width={width} height={row - 12} fill={SERIES_COLOURS[0]} />
              <text x={labelW + width + 6} y={i * row + 22} font-size="13" fill="#1b1f24">
                {v.toLocaleString('en-US')}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
