import type { LogRecord } from '../../api/types';
import { formatNanosTime } from '../../time/format';
import { LogBody, Severity } from '../logs/LogBody';
import type { TraceTree } from './spanTree';

/** The trace's log records in time order; a click selects the span that wrote one. */
export function TraceLogs({ logs, tree, onSelectSpan }: { logs: LogRecord[]; tree: TraceTree; onSelectSpan: (id: string) => void }) {
  if (logs.length === 0) return <div className="state empty">No log records carry this trace's id.</div>;
  return (
    <table className="list logs" aria-label="Logs of this trace">
      <thead><tr><th>Time</th><th>Severity</th><th>Service</th><th>Span</th><th>Body</th></tr></thead>
      <tbody>
        {logs.map((l, i) => {
          const span = tree.byId.get(l.spanId);
          return (
            <tr key={i}>
              <td className="nowrap">{formatNanosTime(l.timeUnixNano)}</td>
              <td><Severity log={l} /></td>
              <td>{l.service}</td>
              <td>{span ? <button type="button" className="link" onClick={() => onSelectSpan(l.spanId)}>{span.span.name}</button> : '—'}</td>
              <td><LogBody log={l} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
