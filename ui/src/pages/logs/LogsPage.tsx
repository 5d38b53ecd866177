import { useEffect, useState } from 'react';
import { searchLogs, services } from '../../api/endpoints';
import type { LogRecord } from '../../api/types';
import { useApi } from '../../api/useApi';
import { AttributeTable } from '../../components/AttributeTable';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { TimeRangePicker } from '../../components/TimeRangePicker';
import { Link, navigate, useLocation, withParams } from '../../router';
import { formatNanosTime } from '../../time/format';
import { apiSeconds, describe, type RangeText, rangeFrom, resolve } from '../../time/range';
import { LogBody, Severity } from './LogBody';
import { hasTrace, traceOfLog } from './logLinks';
import { LogVolume } from './LogVolume';
import { useLiveTail } from './useLiveTail';

const SEVERITIES = ['', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

interface LogForm {
  service: string;
  minSeverity: string;
  contains: string;
  traceId: string;
  range: RangeText;
}

function formFrom(p: URLSearchParams): LogForm {
  return {
    service: p.get('service') ?? '', minSeverity: p.get('minSeverity') ?? '', contains: p.get('contains') ?? '',
    traceId: p.get('traceId') ?? '', range: rangeFrom(p),
  };
}

/** Log search: time range, service, minimum severity, text (highlighted), trace id; newest first. */
export function LogsPage() {
  const { params, href } = useLocation();
  const form = formFrom(params);
  const focusSpan = params.get('span') ?? '';
  const result = useApi(href, async (signal) => {
    const r = resolve(form.range);
    const query = {
      service: form.service || undefined, minSeverity: form.minSeverity || undefined, contains: form.contains || undefined,
      traceId: form.traceId.trim() || undefined, start: apiSeconds(r.startMs), end: apiSeconds(r.endMs), limit: 200,
    };
    return { query, ...r, page: await searchLogs(query, signal) };
  });
  const live = params.get('live') === 'true';
  const newest = result.data?.page.items[0];
  const since = newest ? BigInt(newest.timeUnixNano !== '0' ? newest.timeUnixNano : newest.observedTimeUnixNano)
    : BigInt(result.data?.endMs ?? 0) * 1_000_000n;
  const tail = useLiveTail(result.data?.query ?? {}, since, live && !!result.data);
  const setLive = (on: boolean) => navigate(withParams('/logs', { ...Object.fromEntries(params), live: on && 'true' }), { replace: true });
  const [more, setMore] = useState<{ logs: LogRecord[]; cursor: string | null }>({ logs: [], cursor: null });
  const [moreError, setMoreError] = useState<Error>();
  useEffect(() => setMore({ logs: [], cursor: result.data?.page.nextCursor ?? null }), [result.data]);
  const logs = [...tail.tailed, ...(result.data?.page.items ?? []), ...more.logs];
  return (
    <div className="page">
      <LogSearchForm key={href} initial={form} onSearch={(f) => {
        const to = withParams('/logs', {
          service: f.service, minSeverity: f.minSeverity, contains: f.contains, traceId: f.traceId.trim(),
          from: f.range.from, to: f.range.to,
        });
        if (to === href) result.reload();
        else navigate(to);
      }} />
      {result.error && <ErrorMessage error={result.error} />}
      {result.data && !result.error && (
        <LogVolume filter={{ ...form, startMs: result.data.startMs, endMs: result.data.endMs }} onZoom={(fromMs, toMs) => navigate(withParams('/logs',
          { ...Object.fromEntries(params), live: false, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() }))} />
      )}
      <label className="check live-toggle">
        <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Live tail (new records every 2 s)
      </label>
      {tail.error && <ErrorMessage error={tail.error} />}
      {result.loading && !result.data && <Loading what="logs" />}
      {result.data && !result.error && (logs.length === 0
        ? <Empty>No log records match in {describe(form.range).toLowerCase()}.</Empty>
        : (
          <>
            <p className="summary">{logs.length} log records, newest first{more.cursor ? ' (more available)' : ''}
              {live && <span className="live-badge" role="status">live: {tail.tailed.length} new</span>}</p>
            <table className="list logs" aria-label="Log records">
              <thead><tr><th>Time</th><th>Severity</th><th>Service</th><th>Body</th><th>Trace</th></tr></thead>
              <tbody>
                {logs.map((l, i) => <LogRow key={i} log={l} term={form.contains} focus={focusSpan !== '' && l.spanId === focusSpan} />)}
              </tbody>
            </table>
            {moreError && <ErrorMessage error={moreError} />}
            {more.cursor && (
              <button type="button" onClick={async () => {
                try {
                  const next = await searchLogs({ ...result.data!.query, cursor: more.cursor! });
                  setMore({ logs: [...more.logs, ...next.items], cursor: next.nextCursor });
                } catch (e) {
                  setMoreError(e as Error);
                }
              }}>Load more</button>
            )}
          </>
        ))}
    </div>
  );
}

function LogSearchForm({ initial, onSearch }: { initial: LogForm; onSearch: (f: LogForm) => void }) {
  const [f, setF] = useState(initial);
  const known = useApi('services', services);
  const set = (patch: Partial<LogForm>) => setF((old) => ({ ...old, ...patch }));
  return (
    <form className="search-form" aria-label="Log search" onSubmit={(e) => { e.preventDefault(); onSearch(f); }}>
      <label className="grow">
        <span>Text</span>
        <input aria-label="Text" type="search" placeholder="words in the body" value={f.contains}
          onChange={(e) => set({ contains: e.target.value })} />
      </label>
      <label>
        <span>Service</span>
        <select aria-label="Service" value={f.service} onChange={(e) => set({ service: e.target.value })}>
          <option value="">All services</option>
          {(known.data ?? (f.service ? [f.service] : [])).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        <span>Severity at least</span>
        <select aria-label="Minimum severity" value={f.minSeverity} onChange={(e) => set({ minSeverity: e.target.value })}>
          {SEVERITIES.map((s) => <option key={s} value={s}>{s || 'Any'}</option>)}
        </select>
      </label>
      <label>
        <span>Trace id</span>
        <input aria-label="Trace id filter" className="mono" size={34} value={f.traceId} onChange={(e) => set({ traceId: e.target.value })} />
      </label>
      <TimeRangePicker value={f.range} onChange={(range) => set({ range })} />
      <button type="submit" className="primary">Search</button>
    </form>
  );
}

function LogRow({ log, term, focus }: { log: LogRecord; term: string; focus: boolean }) {
  const [open, setOpen] = useState(focus);
  return (
    <>
      <tr className={`log-row${focus ? ' focus' : ''}`} onClick={() => setOpen(!open)} aria-expanded={open}>
        <td className="nowrap">{formatNanosTime(log.timeUnixNano !== '0' ? log.timeUnixNano : log.observedTimeUnixNano)}</td>
        <td><Severity log={log} /></td>
        <td>{log.service}</td>
        <td><LogBody log={log} term={term} /></td>
        <td>{hasTrace(log.traceId)
          ? <Link to={traceOfLog(log.traceId, log.spanId)} onClick={(e) => e.stopPropagation()}>View trace</Link>
          : <span className="muted">—</span>}</td>
      </tr>
      {open && (
        <tr className="log-details">
          <td colSpan={5}>
            <div className="two-col">
              <div><h3>Attributes</h3><AttributeTable label="Log attributes" attributes={log.attributes} dropped={log.droppedAttributesCount} /></div>
              <div><h3>Resource</h3><AttributeTable label="Resource attributes" attributes={log.resource.attributes} /></div>
            </div>
            {hasTrace(log.traceId) && <p className="small mono">trace {log.traceId} span {log.spanId}</p>}
          </td>
        </tr>
      )}
    </>
  );
}
