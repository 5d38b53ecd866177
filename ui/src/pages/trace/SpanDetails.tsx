import type { LogRecord } from '../../api/types';
import { AttributeTable } from '../../components/AttributeTable';
import { serviceColor } from '../../components/serviceColor';
import { formatDuration, formatNanosTime, nanosToMillis } from '../../time/format';
import { Link } from '../../router';
import { LogBody, Severity } from '../logs/LogBody';
import { logsOfTrace } from '../logs/logLinks';
import type { SpanNode, TraceTree } from './spanTree';

/** Everything about one span: timing, status, attributes, resource, scope, events, links, its logs. */
export function SpanDetails({ node, tree, logs, onClose }: { node: SpanNode; tree: TraceTree; logs: LogRecord[]; onClose: () => void }) {
  const s = node.span;
  const spanLogs = logs.filter((l) => l.spanId === s.spanId);
  const parent = s.parentSpanId ? tree.byId.get(s.parentSpanId) : undefined;
  return (
    <aside className="span-details" aria-label="Span details">
      <div className="details-head">
        <h2><span className="svc-mark" style={{ background: serviceColor(s.service) }} />{s.name}</h2>
        <button type="button" className="icon" aria-label="Close span details" onClick={onClose}>×</button>
      </div>
      <dl className="facts">
        <dt>Service</dt><dd>{s.service}</dd>
        <dt>Kind</dt><dd>{s.kind}</dd>
        <dt>Duration</dt><dd>{formatDuration(s.durationNanos)}</dd>
        <dt>Start</dt><dd>{formatNanosTime(s.startTimeUnixNano)} (+{formatDuration(node.start)})</dd>
        <dt>Status</dt>
        <dd className={s.status.code === 'ERROR' ? 'error-text' : ''}>{s.status.code}{s.status.message && `: ${s.status.message}`}</dd>
        <dt>Span id</dt><dd className="mono">{s.spanId}</dd>
        <dt>Parent</dt><dd className="mono">{parent ? `${parent.span.name} (${s.parentSpanId})` : s.parentSpanId || 'none (root)'}</dd>
        {tree.criticalPath.has(s.spanId) && <><dt>Critical path</dt><dd>yes: the trace's end waited on this span</dd></>}
        {s.adjustedCount !== 1 && <><dt>Sampled</dt><dd>stands for {s.adjustedCount} spans</dd></>}
      </dl>
      <section>
        <h3>Attributes</h3>
        <AttributeTable label="Span attributes" attributes={s.attributes} dropped={s.droppedAttributesCount} />
      </section>
      <section>
        <h3>Logs ({spanLogs.length})</h3>
        {spanLogs.length === 0 ? <p className="muted small">No log records of this span.</p> : (
          <ul className="span-logs">
            {spanLogs.map((l, i) => (
              <li key={i}>
                <span className="nowrap small">{formatNanosTime(l.timeUnixNano)}</span> <Severity log={l} /> <LogBody log={l} />
                {' '}<Link className="small" to={logsOfTrace(s.traceId, nanosToMillis(l.timeUnixNano), s.spanId)}>
                  Open in Logs</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>Events ({s.events.length})</h3>
        {s.events.length === 0 && <p className="muted small">No events.</p>}
        {s.events.map((e, i) => (
          <div key={i} className="event">
            <div><strong>{e.name}</strong> <span className="muted small">
              +{formatDuration(Number(BigInt(e.timeUnixNano) - tree.startNanos))}</span></div>
            <AttributeTable label={`Attributes of event ${e.name}`} attributes={e.attributes} dropped={e.droppedAttributesCount} />
          </div>
        ))}
      </section>
      <section>
        <h3>Links ({s.links.length})</h3>
        {s.links.length === 0 && <p className="muted small">No links.</p>}
        {s.links.map((l, i) => (
          <div key={i} className="event">
            <Link className="mono" to={`/traces/${l.traceId}?span=${l.spanId}`}>{l.traceId} / {l.spanId}</Link>
            <AttributeTable label="Link attributes" attributes={l.attributes} dropped={l.droppedAttributesCount} />
          </div>
        ))}
      </section>
      <section>
        <h3>Resource</h3>
        <AttributeTable label="Resource attributes" attributes={s.resource.attributes} dropped={s.resource.droppedAttributesCount} />
      </section>
      <section>
        <h3>Scope</h3>
        <p className="small">{s.scope.name || '(no name)'} {s.scope.version}</p>
        <AttributeTable label="Scope attributes" attributes={s.scope.attributes} dropped={s.scope.droppedAttributesCount} />
      </section>
    </aside>
  );
}
