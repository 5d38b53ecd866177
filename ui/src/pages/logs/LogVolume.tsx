import { logQueryRange } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { ErrorMessage } from '../../components/States';
import { formatTime } from '../../time/format';

const BARS = 60;
const HEIGHT = 70;
/** Stack order, bottom first, and the colours of the severity badges (styles.css .sev-*). */
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'other'];
const RANKS: Record<string, number> = { trace: 1, debug: 5, info: 9, warn: 13, warning: 13, error: 17, fatal: 21 };

export interface VolumeFilter {
  service: string;
  minSeverity: string;
  contains: string;
  startMs: number;
  endMs: number;
}

/** The LogQL of the records per step and level that the search would list (all but the trace id filter). */
export function volumeQuery(f: VolumeFilter, stepSeconds: number): string {
  const selector = f.service ? `service_name="${escape(f.service)}"` : 'service_name=~".+"';
  const min = RANKS[f.minSeverity.toLowerCase()] ?? 0;
  const levels = Object.keys(RANKS).filter((l) => RANKS[l] >= min).join('|');
  const level = min > 0 ? ` | level=~"${levels}"` : '';
  const text = f.contains ? ` |~ "(?i)${escape(f.contains.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))}"` : '';
  return `sum by (level) (count_over_time({${selector}}${text}${level} [${stepSeconds}s]))`;
}

function escape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

function levelOf(name: string | undefined): string {
  const l = (name ?? '').toLowerCase();
  return l === 'warning' ? 'warn' : LEVELS.includes(l) ? l : 'other';
}

/** Records per step as bars stacked by severity; a click on a bar narrows the range to it. */
export function LogVolume({ filter, onZoom }: { filter: VolumeFilter; onZoom: (fromMs: number, toMs: number) => void }) {
  const step = Math.max(1, Math.ceil((filter.endMs - filter.startMs) / 1000 / BARS));
  const result = useApi(JSON.stringify(filter), (signal) => logQueryRange(volumeQuery(filter, step), filter.startMs, filter.endMs, step, signal));
  if (result.error) return <ErrorMessage error={result.error} />;
  if (!result.data) return <div className="log-volume" aria-busy="true" />;
  const bars = new Map<number, Record<string, number>>();
  for (const s of result.data ?? []) {
    const level = levelOf(s.metric.level);
    for (const [t, v] of s.values) {
      const bar = bars.get(t) ?? {};
      bar[level] = (bar[level] ?? 0) + Number(v);
      bars.set(t, bar);
    }
  }
  const highest = Math.max(1, ...[...bars.values()].map((b) => Object.values(b).reduce((x, y) => x + y, 0)));
  const width = 1000;
  const barWidth = width / BARS;
  const x = (t: number) => ((t * 1000 - filter.startMs) / (filter.endMs - filter.startMs)) * width;
  const total = [...bars.values()].reduce((n, b) => n + Object.values(b).reduce((x, y) => x + y, 0), 0);
  return (
    <div className="log-volume-box">
      <svg className="log-volume" viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img"
        aria-label={`Log volume: ${total} records by severity`}>
        {[...bars.entries()].map(([t, bar]) => {
          let y = HEIGHT;
          return (
            <g key={t} className="bar" onClick={() => onZoom((t - step) * 1000, t * 1000)}>
              <title>{`${formatTime((t - step) * 1000)} – ${step}s: ${LEVELS.filter((l) => bar[l]).map((l) => `${bar[l]} ${l}`).join(', ')}`}</title>
              {LEVELS.filter((l) => bar[l]).map((l) => {
                const h = (bar[l] / highest) * (HEIGHT - 4);
                y -= h;
                return <rect key={l} className={`vol-${l}`} data-level={l} x={x(t) - barWidth} y={y} width={Math.max(1, barWidth - 1)} height={h} />;
              })}
            </g>
          );
        })}
      </svg>
      <div className="heatmap-foot small muted">
        <span>{formatTime(filter.startMs)}</span>
        <span>{step}s a bar, at most {highest} records; a click narrows the range to a bar</span>
        <span>{formatTime(filter.endMs)}</span>
      </div>
    </div>
  );
}
