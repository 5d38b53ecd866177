import { queryInstant, queryRange } from '../../api/endpoints';
import type { Panel } from '../../api/dashboards';
import { useApi } from '../../api/useApi';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { Heatmap } from '../metrics/Heatmap';
import { InstantTable } from '../metrics/InstantTable';
import { PromChart } from '../metrics/PromChart';
import { autoStep } from '../metrics/seriesName';

/** One panel: its query (variables already substituted) over the dashboard's range, drawn as the panel says. */
export function PanelView({ panel, query, startMs, endMs }: { panel: Panel; query: string; startMs: number; endMs: number }) {
  const result = useApi(`${panel.chart} ${query} ${startMs} ${endMs}`, async (signal) => {
    if (panel.chart === 'table') return { table: await queryInstant(query, endMs / 1000, signal) };
    const step = autoStep(startMs, endMs);
    return { series: (await queryRange(query, Math.floor(startMs / 1000), Math.ceil(endMs / 1000), step, signal)).result };
  });
  return (
    <section className="panel" aria-label={`Panel ${panel.title || query}`}>
      <h3 title={query}>{panel.title || query}</h3>
      {result.error && <ErrorMessage error={result.error} />}
      {!result.data && !result.error && <Loading what="the panel" />}
      {result.data?.table && <InstantTable data={result.data.table} />}
      {result.data?.series && (result.data.series.length === 0
        ? <Empty>No series in this range.</Empty>
        : panel.chart === 'heatmap'
          ? <Heatmap series={result.data.series} />
          : <PromChart series={result.data.series} stacked={panel.chart === 'stacked'} height={220} />)}
    </section>
  );
}
