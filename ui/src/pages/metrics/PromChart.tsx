import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MatrixSeries } from '../../api/types';
import { serviceColor } from '../../components/serviceColor';
import { seriesName } from './seriesName';

/** The series of a range query as lines (uPlot), with a legend of their labels and values at the cursor. */
export function PromChart({ series }: { series: MatrixSeries[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const times = [...new Set(series.flatMap((s) => s.values.map((v) => v[0])))].sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const columns = series.map((s) => {
      const ys: (number | null)[] = new Array(times.length).fill(null);
      for (const [t, v] of s.values) ys[index.get(t)!] = Number(v);
      return ys;
    });
    const css = getComputedStyle(document.documentElement);
    const text = css.getPropertyValue('--text-muted').trim() || '#666';
    const grid = css.getPropertyValue('--border').trim() || '#ddd';
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: el.clientWidth,
      height: 320,
      series: [{}, ...series.map((s) => {
        const name = seriesName(s.metric);
        return { label: name, stroke: serviceColor(name), width: 1.5, spanGaps: false, points: { show: false } };
      })],
      axes: [axis, { ...axis, size: 70 }],
      legend: { show: true, live: true },
      cursor: { focus: { prox: 16 } },
      focus: { alpha: 0.3 },
    };
    const plot = new uPlot(opts, [times, ...columns] as uPlot.AlignedData, el);
    const observer = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 320 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [series]);
  return <div className="prom-chart" ref={box} role="img" aria-label={`Chart of ${series.length} series`} />;
}
