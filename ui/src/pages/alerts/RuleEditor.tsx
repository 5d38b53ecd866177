import { type FormEvent, useState } from 'react';
import { backtest, type Backtest, saveRuleFile } from '../../api/alerting';
import type { Rule } from '../../api/types';
import { ErrorMessage, Loading } from '../../components/States';
import { PRESETS, resolve } from '../../time/range';
import { useCan } from '../../components/permissions';
import { LabelChips } from './LabelChips';
import { type RuleDraft, ruleFile, uiFileName } from './ruleFile';

const PREVIEW_EVALUATIONS = 360;

/**
 * Edits an alerting rule and previews it: the backtest evaluates it over stored data at the times
 * live evaluation would (every group interval, or coarser over a long range), and lists when it
 * would have fired. With write:rules, Save stores it as the API rule file ui-<alert>.yml.
 */
export function RuleEditor({ rule, intervalSeconds, onClose, onSaved }:
  { rule?: Rule; intervalSeconds: number; onClose: () => void; onSaved: () => void }) {
  const can = useCan();
  const [saved, setSaved] = useState<string>();
  const [draft, setDraft] = useState<RuleDraft>({
    name: rule?.name ?? '', expr: rule?.query ?? '', forText: rule?.duration ? `${rule.duration}s` : '',
    labels: Object.entries(rule?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', '),
  });
  const [over, setOver] = useState('now-1h');
  const [state, setState] = useState<{ loading?: boolean; result?: Backtest; error?: Error }>({});
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const preview = async (e: FormEvent) => {
    e.preventDefault();
    setState({ loading: true });
    try {
      const r = resolve({ from: over, to: 'now' });
      // at the group's interval, but no more than PREVIEW_EVALUATIONS times, so that a preview answers in moments
      const every = Math.max(intervalSeconds, Math.ceil((r.endMs - r.startMs) / 1000 / PREVIEW_EVALUATIONS));
      setState({ result: await backtest(ruleFile(draft, 'preview', every), r.startMs, r.endMs) });
    } catch (err) {
      setState({ error: err as Error });
    }
  };
  return (
    <form className="rule-editor" aria-label="Rule preview" onSubmit={preview}>
      <div className="section-head"><h3>{rule ? `Edit ${rule.name}` : 'New rule'}: backtest preview</h3>
        <button type="button" className="link" onClick={onClose}>Close</button></div>
      <div className="search-form">
        <label><span>Alert</span><input aria-label="Alert name" value={draft.name} onChange={(e) => set({ name: e.target.value })} /></label>
        <label className="grow"><span>Expression</span><input aria-label="Rule expression" className="mono" value={draft.expr}
          onChange={(e) => set({ expr: e.target.value })} /></label>
        <label><span>For</span><input aria-label="For" size={6} placeholder="5m" value={draft.forText} onChange={(e) => set({ forText: e.target.value })} /></label>
        <label><span>Labels</span><input aria-label="Rule labels" placeholder="severity=warning" value={draft.labels}
          onChange={(e) => set({ labels: e.target.value })} /></label>
        <label><span>Over</span>
          <select aria-label="Backtest range" value={over} onChange={(e) => setOver(e.target.value)}>
            {PRESETS.map((p) => <option key={p.from} value={p.from}>{p.label}</option>)}
          </select>
        </label>
        <button type="submit" className="primary">Preview</button>
        {can('write:rules') && (
          <button type="button" title={`stores ${uiFileName(draft.name)} through the API; rules of other files stay as they are`}
            onClick={async () => {
              try {
                await saveRuleFile(uiFileName(draft.name), ruleFile(draft, draft.name.trim(), intervalSeconds));
                setSaved(uiFileName(draft.name));
                onSaved();
              } catch (err) {
                setState({ error: err as Error });
              }
            }}>Save as {uiFileName(draft.name)}</button>
        )}
      </div>
      {saved && <div className="state" role="status">Saved as rule file api/{saved}; it is evaluated every {intervalSeconds}s.</div>}
      {state.loading && <Loading what="the backtest" />}
      {state.error && <ErrorMessage error={state.error} />}
      {state.result && <BacktestResult result={state.result} />}
    </form>
  );
}

function BacktestResult({ result }: { result: Backtest }) {
  return (
    <div className="backtest" role="region" aria-label="Backtest result">
      <p className="summary">{result.evaluations} evaluations, {result.firings.length} firing{result.firings.length === 1 ? '' : 's'}</p>
      {result.errors.map((e) => <div key={e} className="state warning">{e}</div>)}
      {result.firings.length > 0 && (
        <table className="list" aria-label="Backtest firings">
          <thead><tr><th>Labels</th><th>Pending from</th><th>Firing from</th><th>Resolved</th></tr></thead>
          <tbody>
            {result.firings.map((f, i) => (
              <tr key={i}>
                <td><LabelChips labels={f.labels} /></td>
                <td className="nowrap">{new Date(f.activeAt).toLocaleString()}</td>
                <td className="nowrap">{f.firedAt ? new Date(f.firedAt).toLocaleString() : '—'}</td>
                <td className="nowrap">{f.resolvedAt ? new Date(f.resolvedAt).toLocaleString() : 'still firing'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
