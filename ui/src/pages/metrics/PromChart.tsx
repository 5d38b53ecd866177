import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MatrixSeries } from '../../api/types';
import { serviceColor } from '../../components/serviceColor';
import { seriesName } from './seriesName';

interface Props {
  series: MatrixSeries[];
  height?: number;
  /** each series drawn as an area on top of those before it; the legend keeps each one's own value */
  stacked?: boolean;
}

/** The series of a range query as lines or stacked areas (uPlot), with a legend of their labels and values at the cursor. */
export function PromChart({ series, height = 320, stacked = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const times = [...new Set(series.flatMap((s) => s.values.map((v) => v[0])))].sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const own = series.map((s) => {
      const ys: (number | null)[] = new Array(times.length).fill(null);
      for (const [t, v] of s.values) ys[index.get(t)!] = Number(v);
      return ys;
    });
    const drawn = stacked ? stack(own) : own;
    const css = getComputedStyle(document.documentElement);
    const text = css.getPropertyValue('--text-muted').trim() || '#666';
    const grid = css.getPropertyValue('--border').trim() || '#ddd';
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: el.clientWidth,
      height,
      series: [{}, ...series.map((s, k) => {
        const name = seriesName(s.metric);
        const color = serviceColor(name);
        return {
          label: name, stroke: color, width: 1.5, spanGaps: false, points: { show: false },
          ...(stacked ? { fill: `${color}66`, value: (_u: uPlot, _v: number | null, _s: number, i: number | null) => fmt(i === null ? null : own[k][i]) } : {}),
        };
      })],
      // stacked: each area fills down to the one below it
      bands: stacked ? series.slice(1).map((_, k) => ({ series: [k + 2, k + 1] as [number, number] })) : undefined,
      axes: [axis, { ...axis, size: 70 }],
      legend: { show: true, live: true },
      cursor: { focus: { prox: 16 } },
      focus: { alpha: 0.3 },
    };
    const plot = new uPlot(opts, [times, ...drawn] as uPlot.AlignedData, el);
    const observer = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [series, height, stacked]);
  return <div className={`prom-chart${stacked ? ' stacked' : ''}`} ref={box} role="img"
    aria-label={`${stacked ? 'Stacked chart' : 'Chart'} of ${series.length} series`} />;
}

/** Running sums across the series at each time; a missing value adds nothing. */
function stack(columns: (number | null)[][]): (number | null)[][] {
  const sums = columns.map((c) => [...c]);
  for (let k = 1; k < sums.length; k++) {
    sums[k] = sums[k].map((v, i) => (v === null && sums[k - 1][i] === null ? null : (v ?? 0) + (sums[k - 1][i] ?? 0)));
  }
  return sums;
}

function fmt(v: number | null): string {
  return v === null || !Number.isFinite(v) ? '—' : String(Math.round(v * 1000) / 1000);
}
