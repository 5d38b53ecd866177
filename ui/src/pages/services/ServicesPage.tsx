import { dependencies } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { TimeRangePicker } from '../../components/TimeRangePicker';
import { Link, navigate, useLocation, withParams } from '../../router';
import { rangeFrom, resolve, type RangeText } from '../../time/range';
import { RedCharts } from './RedCharts';
import { loadRed, redOverTime, redRows } from './redMetrics';
import { RedTable } from './RedTable';
import { ServiceMap } from './ServiceMap';

/**
 * Every service's rate, error rate and latency (from span metrics) and the map of calls between
 * them; with ?service= one service's operations and its charts over time.
 */
export function ServicesPage() {
  const { params, href } = useLocation();
  const range = rangeFrom(params);
  const service = params.get('service');
  const operation = params.get('operation') ?? undefined;
  const result = useApi(href, async (signal) => {
    const r = resolve(range);
    const windowSeconds = (r.endMs - r.startMs) / 1000;
    const [raw, edges] = await Promise.all([
      loadRed(service, r.startMs, r.endMs, signal),
      dependencies(r.endMs, r.endMs - r.startMs, signal),
    ]);
    const step = Math.max(60, Math.ceil(windowSeconds / 60));
    return { rows: redRows(raw, !!service, r.startMs, r.endMs), series: service ? redOverTime(raw, r.startMs, r.endMs, step, operation) : null,
      edges, windowSeconds };
  });
  const go = (patch: { service?: string | null; range?: RangeText }) => {
    const r = patch.range ?? range;
    const s = patch.service === undefined ? service : patch.service;
    navigate(withParams('/services', { service: s ?? undefined, operation: s === service ? operation : undefined, from: r.from, to: r.to }));
  };
  return (
    <div className="page services-page">
      <div className="section-head">
        <h1>{service ? <><Link to={withParams('/services', { from: range.from, to: range.to })}>Services</Link> / {service}</> : 'Services'}</h1>
        <TimeRangePicker value={range} onChange={(r) => go({ range: r })} />
      </div>
      {result.error && <ErrorMessage error={result.error} />}
      {!result.data && !result.error && <Loading what="the services' metrics" />}
      {result.data && !result.error && (
        <>
          <section aria-label="Service map">
            <h3>Service map</h3>
            {result.data.edges.length === 0
              ? <Empty>No calls between services in this range.</Empty>
              : <ServiceMap edges={result.data.edges} windowSeconds={result.data.windowSeconds} selected={service}
                  onSelect={(s) => go({ service: s })} />}
          </section>
          <section>
            <h3>{service ? `Operations of ${service}` : 'Services'}, over the whole range (from span metrics)</h3>
            {result.data.rows.length === 0
              ? <Empty>No span metrics in this range{service ? ` for ${service}` : ''}.</Empty>
              : <RedTable rows={result.data.rows} byOperation={!!service} range={range} />}
          </section>
          {result.data.series && <RedCharts series={result.data.series} operation={operation} />}
        </>
      )}
    </div>
  );
}
