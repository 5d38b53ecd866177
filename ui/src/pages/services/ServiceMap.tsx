import type { Dependency } from '../../api/endpoints';
import { serviceColor } from '../../components/serviceColor';
import { formatRate, formatRatio } from './format';
import { layout } from './serviceGraph';

const NODE_W = 150;
const NODE_H = 34;
const COL_W = 260;
const ROW_H = 70;

interface Props {
  edges: Dependency[];
  /** the window the counts are of, to turn them into rates */
  windowSeconds: number;
  selected: string | null;
  onSelect: (service: string) => void;
}

/** Services as boxes, calls as arrows labelled with their rate and error ratio; a click selects a service. */
export function ServiceMap({ edges, windowSeconds, selected, onSelect }: Props) {
  const { nodes, columns, rows } = layout(edges);
  const at = new Map(nodes.map((n) => [n.name, { x: 20 + n.column * COL_W, y: 20 + n.row * ROW_H }]));
  const width = 40 + (columns - 1) * COL_W + NODE_W;
  const height = 40 + (rows - 1) * ROW_H + NODE_H;
  return (
    <svg className="service-map" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img"
      aria-label={`Service map of ${nodes.length} services and ${edges.length} calls`}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
        </marker>
      </defs>
      {edges.map((e) => {
        const from = at.get(e.parent)!;
        const to = at.get(e.child)!;
        const x1 = from.x + NODE_W;
        const y1 = from.y + NODE_H / 2;
        const x2 = to.x;
        const y2 = to.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        const errors = e.errorCount ?? 0;
        const label = `${formatRate(e.callCount / windowSeconds)}${errors ? ` · ${formatRatio(errors / e.callCount)} err` : ''}`;
        return (
          <g key={`${e.parent}>${e.child}`} className={`edge${errors ? ' failing' : ''}`} data-edge={`${e.parent}>${e.child}`}>
            <title>{`${e.parent} → ${e.child}: ${e.callCount} calls, ${errors} failed`}</title>
            <path d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} markerEnd="url(#arrow)" />
            <text x={mid} y={(y1 + y2) / 2 - 6} textAnchor="middle">{label}</text>
          </g>
        );
      })}
      {nodes.map((n) => {
        const p = at.get(n.name)!;
        return (
          <g key={n.name} className={`node${n.name === selected ? ' selected' : ''}`} transform={`translate(${p.x} ${p.y})`}
            role="button" tabIndex={0} aria-label={`Service ${n.name}`} onClick={() => onSelect(n.name)}
            onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(n.name); } }}>
            <rect width={NODE_W} height={NODE_H} rx={6} style={{ stroke: serviceColor(n.name) }} />
            <text x={NODE_W / 2} y={NODE_H / 2 + 4} textAnchor="middle">{n.name}</text>
          </g>
        );
      })}
    </svg>
  );
}
