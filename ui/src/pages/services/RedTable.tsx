import { serviceColor } from '../../components/serviceColor';
import { Link, withParams } from '../../router';
import type { RangeText } from '../../time/range';
import { formatMillis, formatRate, formatRatio } from './format';
import { QUANTILES, type RedRow } from './redMetrics';

interface Props {
  rows: RedRow[];
  /** per operation of one service, or per service */
  byOperation: boolean;
  range: RangeText;
}

/** Rate, error rate and latency quantiles; a service links to its overview, an operation to its latency over time and its traces. */
export function RedTable({ rows, byOperation, range }: Props) {
  return (
    <table className="list red" aria-label={byOperation ? 'Operations' : 'Services'}>
      <thead>
        <tr>
          <th>{byOperation ? 'Operation' : 'Service'}</th><th className="num">Rate</th><th className="num">Errors</th>
          {QUANTILES.map((q) => <th key={q} className="num">p{Math.round(q * 100)}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.service}/${r.operation}`} className={r.errors > 0 ? 'has-error' : ''}>
            <td>
              {byOperation
                ? (
                  <>
                    <Link to={withParams('/services', { service: r.service, operation: r.operation, from: range.from, to: range.to })}
                      title="its latency over time">{r.operation}</Link>
                    {' '}<Link className="small" to={withParams('/traces', { service: r.service, operation: r.operation, from: range.from, to: range.to })}>traces</Link>
                  </>
                )
                : (
                  <Link to={withParams('/services', { service: r.service, from: range.from, to: range.to })}>
                    <span className="svc-mark" style={{ background: serviceColor(r.service) }} /> {r.service}
                  </Link>
                )}
            </td>
            <td className="num">{formatRate(r.rate)}</td>
            <td className={`num${r.errors > 0 ? ' error-text' : ''}`}>{r.rate > 0 ? formatRatio(r.errors / r.rate) : '—'}</td>
            {QUANTILES.map((q) => <td key={q} className="num">{formatMillis(r.latency[q])}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
