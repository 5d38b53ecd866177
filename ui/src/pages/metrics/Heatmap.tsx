import { type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { MatrixSeries } from '../../api/types';
import { sharpContext } from '../../components/canvas';
import { formatTime } from '../../time/format';
import { heatmapRows } from './heatmapRows';

const ROW_MAX = 28;
const HEIGHT = 320;

/** Series (or a histogram's buckets) as rows of cells whose colour is the value; the cell under the pointer is described. */
export function Heatmap({ series }: { series: MatrixSeries[] }) {
  const data = useMemo(() => heatmapRows(series), [series]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string>('');
  const rowHeight = Math.min(ROW_MAX, HEIGHT / Math.max(1, data.rows.length));

  useEffect(() => {
    const height = rowHeight * data.rows.length;
    const drawing = sharpContext(canvas.current, height);
    if (!drawing) return;
    const { g, width } = drawing;
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#1f4fd1';
    const cell = width / Math.max(1, data.times.length);
    g.fillStyle = accent;
    data.rows.forEach((row, r) => row.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v) || data.max <= 0) return;
      g.globalAlpha = 0.08 + 0.92 * (v / data.max);
      // the first row drawn at the bottom, as a histogram's smallest bucket
      g.fillRect(i * cell, height - (r + 1) * rowHeight, Math.ceil(cell), rowHeight - 1);
    }));
  }, [data, rowHeight]);

  const describe = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const i = Math.floor(((e.clientX - box.left) / box.width) * data.times.length);
    const r = data.rows.length - 1 - Math.floor((e.clientY - box.top) / rowHeight);
    const row = data.rows[r];
    const v = row?.values[i];
    setHover(row && v !== undefined && v !== null ? `${row.label} at ${formatTime(data.times[i] * 1000)}: ${v}` : '');
  };
  return (
    <div className="heatmap" role="img" aria-label={`Heatmap of ${data.rows.length} rows`}>
      <div className="heatmap-grid">
        <ol className="heatmap-labels" style={{ height: rowHeight * data.rows.length }}>
          {[...data.rows].reverse().map((row) => <li key={row.label} style={{ height: rowHeight }} className="mono small">{row.label}</li>)}
        </ol>
        <canvas ref={canvas} style={{ height: rowHeight * data.rows.length }} onMouseMove={describe} onMouseLeave={() => setHover('')} />
      </div>
      <div className="heatmap-foot small muted">
        {data.times.length > 0 && <span>{formatTime(data.times[0] * 1000)}</span>}
        <span className="heatmap-hover" role="status">{hover || `max ${data.max}`}</span>
        {data.times.length > 0 && <span>{formatTime(data.times[data.times.length - 1] * 1000)}</span>}
      </div>
    </div>
  );
}
