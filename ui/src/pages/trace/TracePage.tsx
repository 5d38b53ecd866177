import { useEffect, useMemo, useRef } from 'react';
import { trace as loadTrace } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { serviceColor } from '../../components/serviceColor';
import { ErrorMessage, Loading } from '../../components/States';
import { Link, navigate, useLocation, withParams } from '../../router';
import { formatDuration, formatNanosTime, nanosToMillis } from '../../time/format';
import { logsOfTrace } from '../logs/logLinks';
import { SpanDetails } from './SpanDetails';
import { buildTree } from './spanTree';
import { TraceLogs } from './TraceLogs';
import { Waterfall } from './Waterfall';

/** One trace: summary, waterfall or its logs, and the selected span's details; ?span= and ?tab= are in the URL. */
export function TracePage({ traceId }: { traceId: string }) {
  const { params } = useLocation();
  const selected = params.get('span');
  const tab = params.get('tab') === 'logs' ? 'logs' : 'spans';
  const loadStarted = useRef(performance.now());
  const result = useApi(traceId, (signal) => {
    loadStarted.current = performance.now();
    return loadTrace(traceId, signal);
  });
  const tree = useMemo(() => (result.data ? buildTree(result.data.spans, result.data.logs) : undefined), [result.data]);

  useEffect(() => {
    if (tree) {
      // for the browser test's time-to-first-render figure (docs/benchmarks.md)
      performance.mark('sightline:trace-rendered', { detail: { spans: tree.byId.size, sinceLoad: performance.now() - loadStarted.current } });
    }
  }, [tree]);

  const setParam = (patch: Record<string, string | undefined>) => {
    const next = { span: selected ?? undefined, tab: tab === 'logs' ? 'logs' : undefined, ...patch };
    navigate(withParams(`/traces/${traceId}`, next), { replace: true });
  };

  if (result.error) return <div className="page"><ErrorMessage error={result.error} action={<Link to="/traces">Search traces</Link>} /></div>;
  if (!result.data || !tree) return <div className="page"><Loading what={`trace ${traceId}`} /></div>;
  const roots = tree.roots;
  const root = roots[0];
  const node = selected ? tree.byId.get(selected) : undefined;
  const startMs = nanosToMillis(root.span.startTimeUnixNano);
  return (
    <div className="page trace-page">
      <div className="trace-head">
        <h1>
          <span className="svc-mark" style={{ background: serviceColor(root.span.service) }} />
          {root.span.service}: {root.span.name}
        </h1>
        <div className="trace-facts">
          <span className="mono">{traceId}</span>
          <span>{formatNanosTime(root.span.startTimeUnixNano)}</span>
          <span>{formatDuration(tree.duration)}</span>
          <span>{tree.byId.size} spans</span>
          {tree.errors > 0 && <span className="badge error">{tree.errors} error{tree.errors === 1 ? "" : "s"}</span>}
          {roots.length > 1 && <span className="muted" title="spans whose parent is not in the trace">{roots.length} root spans</span>}
          <Link to={logsOfTrace(traceId, startMs)}>Search its logs</Link>
        </div>
        <div className="legend">
          {tree.services.map((s) => <span key={s} className="chip" style={{ borderColor: serviceColor(s) }}>{s}</span>)}
        </div>
      </div>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'spans'} onClick={() => setParam({ tab: undefined })}>Timeline</button>
        <button type="button" role="tab" aria-selected={tab === 'logs'} onClick={() => setParam({ tab: 'logs' })}>
          Logs ({result.data.logs.length})
        </button>
      </div>
      <div className={node ? 'trace-body with-details' : 'trace-body'}>
        {tab === 'spans'
          ? <Waterfall tree={tree} selected={selected} onSelect={(id) => setParam({ span: id })} />
          : <TraceLogs logs={result.data.logs} tree={tree} onSelectSpan={(id) => setParam({ span: id, tab: undefined })} />}
        {node && <SpanDetails node={node} tree={tree} logs={result.data.logs} onClose={() => setParam({ span: undefined })} />}
      </div>
    </div>
  );
}
