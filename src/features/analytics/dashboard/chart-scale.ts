/** The smallest "round" number (1, 2 or 5 times a power of ten) at or above `value`; at least 1. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

/** Four evenly spaced grid values from 0 to `max`. */
export function gridLines(max: number): number[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f * 100) / 100);
}

/** Which x labels to print: at most `count`, always the first and the last. */
export function labelIndexes(length: number, count = 6): number[] {
  if (length <= count) return [...Array(length).keys()];
  const step = (length - 1) / (count - 1);
  return [...new Set([...Array(count).keys()].map((i) => Math.round(i * step)))];
}

/**
 * A one-sentence summary of a series for a chart's <desc>: total, and the highest point.
 * @example describeSeries('Visitors', ['2025-03-01', '2025-03-02'], [3, 5]) // 'Visitors from 2025-03-01 to 2025-03-02: 8 in all; highest 5 on 2025-03-02.'
 */
export function describeSeries(name: string, labels: string[], values: number[]): string {
  if (labels.length === 0) return `${name}: no data.`;
  const total = values.reduce((a, b) => a + b, 0);
  const top = values.reduce((best, v, i) => (v > (values[best] ?? 0) ? i : best), 0);
  const span = labels.length === 1 ? `on ${labels[0]}` : `from ${labels[0]} to ${labels[labels.length - 1]}`;
  return `${name} ${span}: ${total.toLocaleString('en-US')} in all; highest ${(values[top] ?? 0).toLocaleString('en-US')} on ${labels[top]}.`;
}
