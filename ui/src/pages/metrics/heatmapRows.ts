// The rows of a heatmap: a histogram's buckets (series with an "le" label, cumulative as
// Prometheus keeps them) become one row per bucket with the counts that fell in it; any other
// series is a row of its own values.
import type { MatrixSeries } from '../../api/types';
import { seriesName } from './seriesName';

export interface HeatmapData {
  times: number[];
  rows: { label: string; values: (number | null)[] }[];
  max: number;
}

export function heatmapRows(series: MatrixSeries[]): HeatmapData {
  const times = [...new Set(series.flatMap((s) => s.values.map((v) => v[0])))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const column = (s: MatrixSeries) => {
    const out: (number | null)[] = new Array(times.length).fill(null);
    s.values.forEach(([t, v]) => { out[index.get(t)!] = Number(v); });
    return out;
  };
  const histogram = series.length > 0 && series.every((s) => s.metric.le !== undefined);
  let rows: HeatmapData['rows'];
  if (histogram) {
    // one histogram per other label set would need a heatmap each; the buckets of all are summed
    const byLe = new Map<string, (number | null)[]>();
    series.forEach((s) => {
      const values = column(s);
      const sum = byLe.get(s.metric.le) ?? new Array(times.length).fill(null);
      byLe.set(s.metric.le, sum.map((x, i) => (values[i] === null ? x : (x ?? 0) + values[i]!)));
    });
    const bound = (le: string) => (le === '+Inf' ? Infinity : Number(le));
    const les = [...byLe.keys()].sort((a, b) => bound(a) - bound(b));
    rows = les.map((le, i) => {
      const below = i > 0 ? byLe.get(les[i - 1])! : null;
      return {
        label: i > 0 ? `${les[i - 1]} – ${le}` : `≤ ${le}`,
        values: byLe.get(le)!.map((v, j) => (v === null ? null : Math.max(0, v - (below?.[j] ?? 0)))),
      };
    });
  } else {
    rows = series.map((s) => ({ label: seriesName(s.metric), values: column(s) }));
  }
  const max = Math.max(0, ...rows.flatMap((r) => r.values.filter((v): v is number => v !== null && Number.isFinite(v))));
  return { times, rows, max };
}
