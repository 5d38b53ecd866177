import { type FormEvent, useState } from 'react';
import { trace as loadTrace } from '../../api/endpoints';
import type { TraceDetail } from '../../api/types';
import { useApi } from '../../api/useApi';
import { serviceColor } from '../../components/serviceColor';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { Link, navigate, useLocation, withParams } from '../../router';
import { formatDuration } from '../../time/format';
import { type Change, compareTraces, type OperationDiff } from './traceDiff';

const CHANGES: Change[] = ['added', 'missing', 'slower', 'faster', 'same'];

/** Two traces, or two groups of traces (?a=…&a=…&b=…), compared by service and operation. */
export function ComparePage() {
  const { params, href } = useLocation();
  const a = params.getAll('a').filter(Boolean);
  const b = params.getAll('b').filter(Boolean);
  const ready = a.length > 0 && b.length > 0;
  const result = useApi(ready ? href : null, (signal) => Promise.all([
    Promise.all(a.map((id) => loadTrace(id, signal))),
    Promise.all(b.map((id) => loadTrace(id, signal))),
  ]));
  return (
    <div className="page compare-page">
      <h1>Compare traces</h1>
      <CompareForm key={href} a={a} b={b} />
      {!ready && <Empty>Give a trace id on each side, or pick two traces in the <Link to="/traces">trace search</Link>.</Empty>}
      {result.error && <ErrorMessage error={result.error} />}
      {ready && !result.data && !result.error && <Loading what={`${a.length + b.length} traces`} />}
      {result.data && !result.error && <Comparison a={result.data[0]} b={result.data[1]} />}
    </div>
  );
}

function CompareForm({ a, b }: { a: string[]; b: string[] }) {
  const [left, setLeft] = useState(a.join(' '));
  const [right, setRight] = useState(b.join(' '));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ids = (s: string) => s.split(/[\s,]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
    navigate(withParams('/compare', { a: ids(left), b: ids(right) }));
  };
  return (
    <form className="search-form" onSubmit={submit}>
      <label className="grow"><span>Trace A (ids, space-separated)</span>
        <input aria-label="Trace A" className="mono" value={left} onChange={(e) => setLeft(e.target.value)} /></label>
      <label className="grow"><span>Trace B (ids, space-separated)</span>
        <input aria-label="Trace B" className="mono" value={right} onChange={(e) => setRight(e.target.value)} /></label>
      <button type="submit" className="primary">Compare</button>
    </form>
  );
}

function side(traces: TraceDetail[]): string {
  return traces.length === 1 ? `${traces[0].spans.length} spans` : `${traces.length} traces`;
}

function Comparison({ a, b }: { a: TraceDetail[]; b: TraceDetail[] }) {
  const services = compareTraces(a, b);
  const total = (c: Change) => services.reduce((n, s) => n + s.counts[c], 0);
  return (
    <>
      <p className="summary">
        A: {a.length === 1 ? <Link to={`/traces/${a[0].traceId}`} className="mono">{a[0].traceId}</Link> : null} {side(a)}
        {' · '}B: {b.length === 1 ? <Link to={`/traces/${b[0].traceId}`} className="mono">{b[0].traceId}</Link> : null} {side(b)}
      </p>
      <div className="change-summary" aria-label="Changes">
        {CHANGES.map((c) => <span key={c} className={`change ${c}`}>{total(c)} {c}</span>)}
      </div>
      <table className="list compare" aria-label="Span comparison">
        <thead>
          <tr><th>Service / operation</th><th className="num">Spans A</th><th className="num">Spans B</th>
            <th className="num">Mean A</th><th className="num">Mean B</th><th className="num">Change</th><th /></tr>
        </thead>
        <tbody>
          {services.flatMap((s) => [
            <tr key={s.service} className="service-row">
              <td colSpan={7}>
                <span className="svc-mark" style={{ background: serviceColor(s.service) }} /> <strong>{s.service}</strong>
                {CHANGES.filter((c) => c !== 'same' && s.counts[c] > 0).map((c) => (
                  <span key={c} className={`change ${c}`}>{s.counts[c]} {c}</span>))}
              </td>
            </tr>,
            ...s.operations.map((o) => <OperationRow key={`${s.service}/${o.operation}`} diff={o} />),
          ])}
        </tbody>
      </table>
    </>
  );
}

function OperationRow({ diff }: { diff: OperationDiff }) {
  const count = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const mean = (n: number, present: boolean) => (present ? formatDuration(n) : '—');
  const pct = diff.a.meanNanos > 0 ? ` (${diff.deltaNanos > 0 ? '+' : ''}${Math.round((100 * diff.deltaNanos) / diff.a.meanNanos)}%)` : '';
  return (
    <tr className={`op-row ${diff.change}`} data-change={diff.change}>
      <td className="indent">{diff.operation}</td>
      <td className="num">{count(diff.a.perTrace)}</td>
      <td className="num">{count(diff.b.perTrace)}</td>
      <td className="num">{mean(diff.a.meanNanos, diff.a.perTrace > 0)}</td>
      <td className="num">{mean(diff.b.meanNanos, diff.b.perTrace > 0)}</td>
      <td className="num">{diff.deltaNanos !== 0 ? `${diff.deltaNanos > 0 ? '+' : '−'}${formatDuration(Math.abs(diff.deltaNanos))}${pct}` : ''}</td>
      <td><span className={`change ${diff.change}`}>{diff.change}</span></td>
    </tr>
  );
}
