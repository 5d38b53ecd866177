import { useState } from 'react';
import { ApiError } from '../../api/client';
import { queryInstant, queryRange } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { TimeRangePicker } from '../../components/TimeRangePicker';
import { navigate, useLocation, withParams } from '../../router';
import { rangeFrom, resolve, type RangeText } from '../../time/range';
import { InstantTable } from './InstantTable';
import { PromChart } from './PromChart';
import { Heatmap } from './Heatmap';
import { PromQLInput } from './PromQLInput';
import { autoStep } from './seriesName';

const CHARTS = [{ id: 'lines', label: 'Lines' }, { id: 'stacked', label: 'Stacked' }, { id: 'heatmap', label: 'Heatmap' }];

/** PromQL over the Prometheus API: a graph of query_range, or a table of query at the range's end. */
export function MetricsPage() {
  const { params, href } = useLocation();
  const query = params.get('q') ?? '';
  const range = rangeFrom(params);
  const view = params.get('view') === 'table' ? 'table' : 'graph';
  const chart = CHARTS.find((c) => c.id === params.get('chart'))?.id ?? 'lines';
  const key = query ? href : null;
  const result = useApi(key, async (signal) => {
    const r = resolve(range);
    if (view === 'table') return { table: await queryInstant(query, r.endMs / 1000, signal) };
    const step = autoStep(r.startMs, r.endMs);
    return { graph: await queryRange(query, Math.floor(r.startMs / 1000), Math.ceil(r.endMs / 1000), step, signal), step };
  });
  const go = (patch: { q?: string; range?: RangeText; view?: string; chart?: string }) => {
    const r = patch.range ?? range;
    const c = patch.chart ?? chart;
    const to = withParams('/query', { q: patch.q ?? query, from: r.from, to: r.to, view: (patch.view ?? view) === 'table' && 'table',
      chart: c !== 'lines' && c });
    if (to === href) result.reload();
    else navigate(to);
  };
  return (
    <div className="page">
      <QueryForm key={href} initialQuery={query} initialRange={range} error={queryError(result.error)}
        onRun={(q, r) => go({ q, range: r })} />
      {result.error && !queryError(result.error) && <ErrorMessage error={result.error} />}
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={view === 'graph'} onClick={() => go({ view: 'graph' })}>Graph</button>
        <button type="button" role="tab" aria-selected={view === 'table'} onClick={() => go({ view: 'table' })}>Table</button>
        {view === 'graph' && (
          <div className="chart-kinds" role="radiogroup" aria-label="Chart">
            {CHARTS.map((c) => (
              <label key={c.id}><input type="radio" name="chart" checked={chart === c.id} onChange={() => go({ chart: c.id })} /> {c.label}</label>
            ))}
          </div>
        )}
      </div>
      {!query && <Empty>Type a PromQL query, for example <code>rate(http_server_request_duration_seconds_count[5m])</code>, and run it.</Empty>}
      {result.loading && <Loading what="the query" />}
      {!result.error && result.data?.graph && (result.data.graph.result.length === 0
        ? <Empty>The query returned no series in this range.</Empty>
        : (
          <>
            {result.data.graph.warnings.map((w) => <div key={w} className="state warning">{w}</div>)}
            <p className="summary">{result.data.graph.result.length} series, step {result.data.step}s</p>
            {chart === 'heatmap'
              ? <Heatmap series={result.data.graph.result} />
              : <PromChart series={result.data.graph.result} stacked={chart === 'stacked'} />}
          </>
        ))}
      {!result.error && result.data?.table && <InstantTable data={result.data.table} />}
    </div>
  );
}

/** A 400 is the engine refusing the query: its message belongs under the input. */
function queryError(error: Error | undefined): string | undefined {
  return error instanceof ApiError && error.status === 400 ? `HTTP 400: ${error.message}` : undefined;
}

function QueryForm({ initialQuery, initialRange, error, onRun }:
  { initialQuery: string; initialRange: RangeText; error?: string; onRun: (q: string, r: RangeText) => void }) {
  const [q, setQ] = useState(initialQuery);
  const [range, setRange] = useState(initialRange);
  return (
    <form className="search-form" aria-label="PromQL query" onSubmit={(e) => { e.preventDefault(); onRun(q.trim(), range); }}>
      <label className="grow">
        <span>PromQL</span>
        <PromQLInput value={q} onChange={setQ} invalid={!!error} error={error} />
      </label>
      <TimeRangePicker value={range} onChange={setRange} />
      <button type="submit" className="primary">Run</button>
    </form>
  );
}
