import { useState } from 'react';
import { type ChartKind, type Dashboard, type DashboardDraft, deleteDashboard, saveDashboard } from '../../api/dashboards';
import { ErrorMessage } from '../../components/States';
import { navigate } from '../../router';

const CHARTS: ChartKind[] = ['lines', 'stacked', 'heatmap', 'table'];

/** Edits a dashboard's title, range, variables and panels; Save replaces it on the server. */
export function DashboardEditor({ dashboard, onDone }: { dashboard: Dashboard; onDone: (saved: boolean) => void }) {
  const [draft, setDraft] = useState<DashboardDraft>({ title: dashboard.title, from: dashboard.from, to: dashboard.to,
    variables: dashboard.variables, panels: dashboard.panels });
  const [problem, setProblem] = useState<Error>();
  const set = (patch: Partial<DashboardDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const at = <T,>(list: T[], i: number, patch: Partial<T>) => list.map((x, j) => (j === i ? { ...x, ...patch } : x));
  const save = async () => {
    try {
      await saveDashboard(dashboard.id, draft);
      onDone(true);
    } catch (e) {
      setProblem(e as Error);
    }
  };
  return (
    <form className="dashboard-editor" aria-label="Edit dashboard" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <div className="search-form">
        <label className="grow"><span>Title</span><input aria-label="Dashboard title" value={draft.title} onChange={(e) => set({ title: e.target.value })} /></label>
        <label><span>From</span><input aria-label="Default from" value={draft.from} onChange={(e) => set({ from: e.target.value })} /></label>
        <label><span>To</span><input aria-label="Default to" value={draft.to} onChange={(e) => set({ to: e.target.value })} /></label>
      </div>
      <h3>Variables</h3>
      {draft.variables.map((v, i) => (
        <div className="search-form" key={i}>
          <label><span>Name ($name in queries)</span><input aria-label={`Variable ${i + 1} name`} value={v.name}
            onChange={(e) => set({ variables: at(draft.variables, i, { name: e.target.value }) })} /></label>
          <label><span>Values of label</span><input aria-label={`Variable ${i + 1} label`} value={v.label}
            onChange={(e) => set({ variables: at(draft.variables, i, { label: e.target.value }) })} /></label>
          <label><span>Of metric (optional)</span><input aria-label={`Variable ${i + 1} metric`} value={v.metric}
            onChange={(e) => set({ variables: at(draft.variables, i, { metric: e.target.value }) })} /></label>
          <button type="button" onClick={() => set({ variables: draft.variables.filter((_, j) => j !== i) })}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => set({ variables: [...draft.variables, { name: '', label: '', metric: '' }] })}>Add variable</button>
      <h3>Panels</h3>
      {draft.panels.map((p, i) => (
        <div className="search-form" key={i}>
          <label><span>Title</span><input aria-label={`Panel ${i + 1} title`} value={p.title}
            onChange={(e) => set({ panels: at(draft.panels, i, { title: e.target.value }) })} /></label>
          <label className="grow"><span>PromQL</span><input aria-label={`Panel ${i + 1} query`} className="mono" value={p.query}
            onChange={(e) => set({ panels: at(draft.panels, i, { query: e.target.value }) })} /></label>
          <label><span>Chart</span>
            <select aria-label={`Panel ${i + 1} chart`} value={p.chart}
              onChange={(e) => set({ panels: at(draft.panels, i, { chart: e.target.value as ChartKind }) })}>
              {CHARTS.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <button type="button" onClick={() => set({ panels: draft.panels.filter((_, j) => j !== i) })}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => set({ panels: [...draft.panels, { title: '', query: '', chart: 'lines' }] })}>Add panel</button>
      {problem && <ErrorMessage error={problem} />}
      <div className="editor-actions">
        <button type="submit" className="primary">Save</button>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
        <button type="button" className="danger" onClick={async () => {
          try {
            await deleteDashboard(dashboard.id);
            navigate('/dashboards');
          } catch (e) {
            setProblem(e as Error);
          }
        }}>Delete dashboard</button>
      </div>
    </form>
  );
}
