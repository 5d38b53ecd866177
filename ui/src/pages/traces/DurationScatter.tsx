import type { TraceSummary } from '../../api/types';
import { formatDuration, formatTime, nanosToMillis } from '../../time/format';
import { navigate } from '../../router';

const W = 1000;
const H = 180;
const PAD = { left: 64, right: 12, top: 10, bottom: 24 };

/** Each trace as a point: start time across, duration up; red when it has errors. Click opens it. */
export function DurationScatter({ traces, startMs, endMs }: { traces: TraceSummary[]; startMs: number; endMs: number }) {
  const maxDuration = Math.max(1, ...traces.map((t) => t.durationNanos));
  const x = (ms: number) => PAD.left + ((ms - startMs) / Math.max(1, endMs - startMs)) * (W - PAD.left - PAD.right);
  const y = (ns: number) => H - PAD.bottom - (ns / maxDuration) * (H - PAD.top - PAD.bottom);
  const yTicks = [0, 0.5, 1].map((f) => f * maxDuration);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => startMs + f * (endMs - startMs));
  return (
    <svg className="scatter" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Trace durations over time">
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
          <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="axis">{formatDuration(v)}</text>
        </g>
      ))}
      {xTicks.map((v, i) => (
        <text key={`x${v}`} x={x(v)} y={H - 6} textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'} className="axis">
          {formatTime(v).slice(11, 19)}
        </text>
      ))}
      {traces.map((t) => (
        <circle key={t.traceId} data-trace-id={t.traceId} className={t.errorCount > 0 ? 'point error' : 'point'}
          cx={x(nanosToMillis(t.startTimeUnixNano))} cy={y(t.durationNanos)} r={5}
          onClick={() => navigate(`/traces/${t.traceId}`)}>
          <title>{`${t.rootService}: ${t.rootName}\n${formatDuration(t.durationNanos)}, ${t.spanCount} spans`
            + `${t.errorCount ? `, ${t.errorCount} errors` : ''}\n${formatTime(nanosToMillis(t.startTimeUnixNano))}`}</title>
        </circle>
      ))}
    </svg>
  );
}
