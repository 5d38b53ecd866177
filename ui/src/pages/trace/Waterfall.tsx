import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { serviceColor } from '../../components/serviceColor';
import { formatDuration } from '../../time/format';
import { Minimap } from './Minimap';
import { parents, type SpanNode, type TraceTree, visibleRows } from './spanTree';

const ROW = 26;
const OVERSCAN = 12;
const MAX_INDENT_DEPTH = 24;
/** Traces with more rows than this get a minimap. */
const MINIMAP_ROWS = 60;

interface Props {
  tree: TraceTree;
  selected: string | null;
  onSelect: (spanId: string) => void;
}

/**
 * The spans as a collapsible tree beside their bars on the trace's time axis. Only the rows in
 * view (and a few around) are in the DOM, so traces of tens of thousands of spans scroll smoothly.
 * Keys: ↑/↓ move, ←/→ collapse/expand, Enter toggles.
 */
export function Waterfall({ tree, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // keep the selected row in view (selection by keys, or from the URL)
  useEffect(() => {
    const el = scroller.current;
    const i = rows.findIndex((r) => r.span.spanId === selected);
    if (!el || i < 0) return;
    if (i * ROW < el.scrollTop) el.scrollTop = i * ROW;
    else if ((i + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (i + 1) * ROW - el.clientHeight;
  }, [selected, rows]);

  const toggle = (id: string, collapse?: boolean) => setCollapsed((old) => {
    const next = new Set(old);
    if (collapse ?? !next.has(id)) next.add(id);
    else next.delete(id);
    return next;
  });

  const onKey = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.span.spanId === selected);
    const node = rows[i];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const j = Math.min(rows.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
      if (rows[j]) onSelect(rows[j].span.spanId);
    } else if (node && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Enter') && node.children.length) {
      toggle(node.span.spanId, e.key === 'ArrowLeft' ? true : e.key === 'ArrowRight' ? false : undefined);
    } else {
      return;
    }
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="waterfall">
      <div className="wf-header">
        <div className="wf-name">
          <span>{rows.length} of {tree.byId.size} spans shown</span>
          <button type="button" className="link" onClick={() => setCollapsed(new Set())}>Expand all</button>
          <button type="button" className="link" onClick={() => setCollapsed(parents(tree))}>Collapse all</button>
        </div>
        <div className="wf-axis">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${t * 100}%` }} className={t === 1 ? 'last' : ''}>{formatDuration(t * tree.duration)}</span>
          ))}
        </div>
      </div>
      {rows.length > MINIMAP_ROWS && (
        <Minimap tree={tree} rows={rows} rowHeight={ROW} scrollTop={scrollTop} viewHeight={height}
          onScrollTo={(top) => { if (scroller.current) scroller.current.scrollTop = top; }} />
      )}
      <div className="wf-scroll" id="waterfall-rows" ref={scroller} tabIndex={0} role="tree" aria-label="Spans"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKey}>
        <div style={{ height: rows.length * ROW, position: 'relative' }}>
          {rows.slice(first, last).map((node, k) => (
            <Row key={node.span.spanId} node={node} top={(first + k) * ROW} tree={tree}
              collapsed={collapsed.has(node.span.spanId)} selected={node.span.spanId === selected}
              onSelect={onSelect} onToggle={toggle} />
          ))}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  node: SpanNode;
  top: number;
  tree: TraceTree;
  collapsed: boolean;
  selected: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}

function Row({ node, top, tree, collapsed, selected, onSelect, onToggle }: RowProps) {
  const s = node.span;
  const color = serviceColor(s.service);
  const pct = (ns: number) => `${(100 * ns) / tree.duration}%`;
  const error = s.status.code === 'ERROR';
  const critical = tree.criticalPath.has(s.spanId);
  return (
    <div className={`wf-row${selected ? ' selected' : ''}${error ? ' error' : ''}`} role="treeitem"
      aria-selected={selected} aria-expanded={node.children.length ? !collapsed : undefined} aria-level={node.depth + 1}
      data-span-id={s.spanId} style={{ top, height: ROW }} onClick={() => onSelect(s.spanId)}>
      <div className="wf-name" style={{ paddingLeft: 6 + Math.min(node.depth, MAX_INDENT_DEPTH) * 14 }}>
        {node.children.length > 0 ? (
          <button type="button" className="toggle" aria-label={collapsed ? 'Expand' : 'Collapse'}
            onClick={(e) => { e.stopPropagation(); onToggle(s.spanId); }}>{collapsed ? '▸' : '▾'}</button>
        ) : <span className="toggle" />}
        <span className="svc-mark" style={{ background: color }} />
        <span className="svc">{s.service}</span>
        <span className="op" title={s.name}>{s.name}</span>
        {collapsed && <span className="muted small">+{node.children.length}</span>}
        {error && <span className="badge error">error</span>}
      </div>
      <div className="wf-track">
        <div className={`wf-bar${critical ? ' critical' : ''}`} title={critical ? 'on the critical path' : undefined}
          style={{ left: pct(node.start), width: `max(2px, ${pct(node.end - node.start)})`, background: color }} />
        {s.events.map((ev, i) => (
          <span key={`e${i}`} className="wf-event" title={`event: ${ev.name}`}
            style={{ left: pct(Number(BigInt(ev.timeUnixNano) - tree.startNanos)) }} />
        ))}
        {node.logOffsets.map((t, i) => <span key={`l${i}`} className="wf-log" title="log record" style={{ left: pct(t) }} />)}
        <span className="wf-dur" style={{ left: `calc(${pct(node.end)} + 4px)` }}>
          {formatDuration(s.durationNanos)}
        </span>
      </div>
    </div>
  );
}
