import { getDashboard, type Variable } from '../../api/dashboards';
import { labelValues } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { useCan } from '../../components/permissions';
import { ErrorMessage, Loading } from '../../components/States';
import { TimeRangePicker } from '../../components/TimeRangePicker';
import { Link, navigate, useLocation, withParams } from '../../router';
import { resolve, type RangeText } from '../../time/range';
import { DashboardEditor } from './DashboardEditor';
import { PanelView } from './PanelView';
import { pickedValues, substitute } from './variables';

/** A dashboard: its variables, one time range for every panel, the panels; ?edit=true edits it (with write:reports). */
export function DashboardView({ id }: { id: string }) {
  const { params } = useLocation();
  const can = useCan();
  const loaded = useApi(`dashboard ${id}`, (signal) => getDashboard(id, signal));
  const d = loaded.data;
  const options = useApi(d ? JSON.stringify(d.variables) : null, async (signal) => {
    const all = await Promise.all((d?.variables ?? []).map((v) => labelValues(v.label, v.metric, signal)));
    return Object.fromEntries((d?.variables ?? []).map((v, i) => [v.name, all[i]]));
  });
  if (loaded.error) return <div className="page"><ErrorMessage error={loaded.error} action={<Link to="/dashboards">All dashboards</Link>} /></div>;
  if (!d) return <div className="page"><Loading what="the dashboard" /></div>;
  const range: RangeText = { from: params.get('from') ?? d.from, to: params.get('to') ?? d.to };
  const values = pickedValues(d.variables, params, options.data ?? {});
  const go = (patch: Record<string, string | undefined>) =>
    navigate(withParams(`/dashboards/${id}`, { ...Object.fromEntries(params), ...patch }), { replace: true });
  if (params.get('edit') === 'true' && can('write:reports')) {
    return <div className="page"><DashboardEditor dashboard={d} onDone={(saved) => { go({ edit: undefined }); if (saved) loaded.reload(); }} /></div>;
  }
  let resolved: { startMs: number; endMs: number } | undefined;
  let rangeError: Error | undefined;
  try {
    resolved = resolve(range);
  } catch (e) {
    rangeError = e as Error;
  }
  return (
    <div className="page dashboard-page">
      <div className="section-head">
        <h1><Link to="/dashboards">Dashboards</Link> / {d.title}</h1>
        {can('write:reports') && <button type="button" onClick={() => go({ edit: 'true' })}>Edit</button>}
      </div>
      <div className="search-form dashboard-controls">
        {d.variables.map((v) => (
          <VariablePicker key={v.name} variable={v} value={values[v.name] ?? ''} options={options.data?.[v.name] ?? []}
            onPick={(value) => go({ [`var-${v.name}`]: value })} />
        ))}
        <TimeRangePicker value={range} onChange={(r) => go({ from: r.from, to: r.to })} />
      </div>
      {options.error && <ErrorMessage error={options.error} />}
      {rangeError && <ErrorMessage error={rangeError} />}
      {resolved && (
        <div className="panels">
          {d.panels.map((p, i) => (
            <PanelView key={i} panel={p} query={substitute(p.query, values)} startMs={resolved.startMs} endMs={resolved.endMs} />
          ))}
        </div>
      )}
    </div>
  );
}

function VariablePicker({ variable, value, options, onPick }: { variable: Variable; value: string; options: string[]; onPick: (v: string) => void }) {
  return (
    <label>
      <span>${variable.name}</span>
      <select aria-label={`Variable ${variable.name}`} value={value} onChange={(e) => onPick(e.target.value)}>
        {[...new Set([value, ...options])].filter(Boolean).map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </label>
  );
}

