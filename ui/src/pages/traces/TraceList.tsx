import type { TraceSummary } from '../../api/types';
import { serviceColor } from '../../components/serviceColor';
import { formatDuration, formatNanosTime } from '../../time/format';
import { Link } from '../../router';

interface Props {
  traces: TraceSummary[];
  /** trace ids picked for comparison */
  picked: Set<string>;
  onPick: (traceId: string, picked: boolean) => void;
}

export function TraceList({ traces, picked, onPick }: Props) {
  const longest = Math.max(1, ...traces.map((t) => t.durationNanos));
  return (
    <table className="list traces" aria-label="Traces">
      <thead>
        <tr><th aria-label="Compare" /><th>Trace</th><th>Services</th><th className="num">Spans</th><th className="num">Duration</th><th>Start</th></tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr key={t.traceId} className={t.errorCount ? 'has-error' : ''}>
            <td>
              <input type="checkbox" aria-label={`Pick ${t.traceId} to compare`} checked={picked.has(t.traceId)}
                onChange={(e) => onPick(t.traceId, e.target.checked)} />
            </td>
            <td>
              <Link to={`/traces/${t.traceId}`} className="trace-link">
                <span className="svc" style={{ color: serviceColor(t.rootService) }}>{t.rootService}</span>: {t.rootName}
              </Link>
              <div className="muted mono small">{t.traceId}</div>
            </td>
            <td>{t.services.map((s) => <span key={s} className="chip" style={{ borderColor: serviceColor(s) }}>{s}</span>)}</td>
            <td className="num">
              {t.spanCount}
              {t.errorCount > 0 && <span className="badge error" title="spans with status ERROR">{t.errorCount} err</span>}
            </td>
            <td className="num">
              <div className="duration-bar" aria-hidden="true"><div style={{ width: `${(100 * t.durationNanos) / longest}%` }} /></div>
              {formatDuration(t.durationNanos)}
            </td>
            <td className="nowrap">{formatNanosTime(t.startTimeUnixNano)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
