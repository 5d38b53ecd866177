import { type PointerEvent, useEffect, useRef } from 'react';
import { sharpContext } from '../../components/canvas';
import { serviceColor } from '../../components/serviceColor';
import type { SpanNode, TraceTree } from './spanTree';

const HEIGHT = 64;

interface Props {
  tree: TraceTree;
  rows: SpanNode[];
  rowHeight: number;
  scrollTop: number;
  viewHeight: number;
  onScrollTo: (top: number) => void;
}

/**
 * Every shown span of a large trace squeezed into a strip (one canvas, drawn once per tree shape),
 * with the part the waterfall shows framed; a click or drag scrolls the waterfall there.
 */
export function Minimap({ tree, rows, rowHeight, scrollTop, viewHeight, onScrollTo }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const drawing = sharpContext(canvas.current, HEIGHT);
    if (!drawing) return;
    const { g, width } = drawing;
    g.clearRect(0, 0, width, HEIGHT);
    const perRow = HEIGHT / rows.length;
    rows.forEach((n, i) => {
      const critical = tree.criticalPath.has(n.span.spanId);
      g.fillStyle = n.span.status.code === 'ERROR' ? '#c62828' : serviceColor(n.span.service);
      g.globalAlpha = critical ? 1 : 0.55;
      g.fillRect((n.start / tree.duration) * width, i * perRow, Math.max(1, ((n.end - n.start) / tree.duration) * width),
        Math.max(1, perRow));
    });
  }, [tree, rows]);

  const total = rows.length * rowHeight;
  const scrollFrom = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    onScrollTo(((e.clientY - box.top) / box.height) * total - viewHeight / 2);
  };
  return (
    <div className="minimap" role="scrollbar" aria-label="Trace overview" aria-controls="waterfall-rows"
      aria-valuemin={0} aria-valuemax={Math.max(0, total - viewHeight)} aria-valuenow={Math.round(scrollTop)}
      aria-orientation="vertical"
      onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); scrollFrom(e); }}
      onPointerMove={(e) => { if (e.buttons === 1) scrollFrom(e); }}>
      <canvas ref={canvas} />
      <div className="minimap-view" style={{ top: `${(100 * scrollTop) / total}%`, height: `${Math.min(100, (100 * viewHeight) / total)}%` }} />
    </div>
  );
}
