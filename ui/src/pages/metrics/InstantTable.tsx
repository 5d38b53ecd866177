import type { InstantData, MatrixSeries, VectorSample } from '../../api/types';
import { Empty } from '../../components/States';
import { seriesName } from './seriesName';

/** An instant query's answer as rows of series and values. */
export function InstantTable({ data }: { data: InstantData }) {
  if (data.resultType === 'scalar' || data.resultType === 'string') {
    return <table className="list" aria-label="Result"><tbody><tr><th>{data.resultType}</th><td>{data.result[1]}</td></tr></tbody></table>;
  }
  if (data.result.length === 0) return <Empty>The query returned no series at this time.</Empty>;
  const rows = data.resultType === 'vector'
    ? (data.result as VectorSample[]).map((s) => ({ metric: s.metric, value: s.value[1] }))
    : (data.result as MatrixSeries[]).map((s) => ({ metric: s.metric, value: s.values.map((v) => v[1]).join(', ') }));
  return (
    <table className="list" aria-label="Result">
      <thead><tr><th>Series</th><th className="num">Value</th></tr></thead>
      <tbody>
        {rows.map((r, i) => <tr key={i}><td className="mono">{seriesName(r.metric)}</td><td className="num">{r.value}</td></tr>)}
      </tbody>
    </table>
  );
}
