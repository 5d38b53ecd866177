import { useState } from 'react';
import { alerts, ruleGroups, silences } from '../../api/endpoints';
import type { ActiveAlert, Rule } from '../../api/types';
import { useApi } from '../../api/useApi';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { Link, withParams } from '../../router';
import { useCan } from '../../components/permissions';
import { AlertHistory } from './AlertHistory';
import { LabelChips } from './LabelChips';
import { RuleEditor } from './RuleEditor';
import { SilenceForm } from './SilenceForm';

/** A sample value to six significant digits, as Prometheus's UI shows it. */
function formatValue(v: string): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(Number(n.toPrecision(6))) : v;
}

/** Pending and firing alerts, every rule with its state and health, and the silences. */
export function AlertsPage() {
  const firing = useApi('alerts', alerts);
  const groups = useApi('rules', ruleGroups);
  const muted = useApi('silences', silences);
  const [silencing, setSilencing] = useState<ActiveAlert | null>(null);
  const [editing, setEditing] = useState<{ rule?: Rule; interval: number } | null>(null);
  const can = useCan();
  return (
    <div className="page alerts-page">
      <section aria-labelledby="alerts-title">
        <div className="section-head">
          <h2 id="alerts-title">Alerts</h2>
          <button type="button" onClick={() => { firing.reload(); groups.reload(); muted.reload(); }}>Refresh</button>
        </div>
        {firing.error && <ErrorMessage error={firing.error} />}
        {firing.loading && !firing.data && <Loading what="alerts" />}
        {firing.data && (firing.data.length === 0 ? <Empty>No alert is pending or firing.</Empty> : (
          <table className="list" aria-label="Active alerts">
            <thead><tr><th>State</th><th>Alert</th><th>Labels</th><th>Since</th><th className="num">Value</th><th /></tr></thead>
            <tbody>
              {firing.data.map((a, i) => (
                <tr key={i}>
                  <td><span className={`state-badge ${a.state}`}>{a.state}</span></td>
                  <td><strong>{a.labels.alertname}</strong><div className="small muted">{a.annotations.summary}</div></td>
                  <td><LabelChips labels={a.labels} /></td>
                  <td className="nowrap">{new Date(a.activeAt).toLocaleString()}</td>
                  <td className="num" title={a.value}>{formatValue(a.value)}</td>
                  <td>{can('write:rules') && <button type="button" onClick={() => setSilencing(a)}>Silence</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        {silencing && <SilenceForm alert={silencing} author="" onDone={(created) => {
          setSilencing(null);
          if (created) muted.reload();
        }} />}
      </section>
      <section aria-labelledby="rules-title">
        <div className="section-head">
          <h2 id="rules-title">Rules</h2>
          <button type="button" onClick={() => setEditing({ interval: 60 })}>New rule preview</button>
        </div>
        {editing && <RuleEditor key={editing.rule?.name ?? ''} rule={editing.rule} intervalSeconds={editing.interval} onClose={() => setEditing(null)}
          onSaved={() => groups.reload()} />}
        {groups.error && <ErrorMessage error={groups.error} />}
        {groups.loading && !groups.data && <Loading what="rules" />}
        {groups.data && (groups.data.length === 0 ? <Empty>No rules are loaded (docs/alerting.md says how to add them).</Empty>
          : groups.data.map((g) => (
            <div key={g.file + g.name} className="rule-group">
              <h3>{g.name} <span className="muted small">{g.file}, every {g.interval}s</span></h3>
              <table className="list" aria-label={`Rules of ${g.name}`}>
                <thead><tr><th>Rule</th><th>State</th><th>Health</th><th>Query</th><th /></tr></thead>
                <tbody>
                  {g.rules.map((r) => (
                    <tr key={r.name}>
                      <td><strong>{r.name}</strong> <LabelChips labels={r.labels} /></td>
                      <td>{r.type === 'alerting'
                        ? <span className={`state-badge ${r.state}`}>{r.state}{r.alerts?.length ? ` (${r.alerts.length})` : ''}</span>
                        : <span className="muted">recording</span>}</td>
                      <td><span className={r.health === 'ok' ? 'ok-text' : r.health === 'err' ? 'error-text' : 'muted'}>{r.health}</span>
                        {r.lastError && <div className="small error-text">{r.lastError}</div>}</td>
                      <td className="mono small"><Link to={withParams('/query', { q: r.query })}>{r.query}</Link></td>
                      <td>{r.type === 'alerting' && !r.query.startsWith('anomaly{') && <button className="nowrap" type="button" onClick={() => setEditing({ rule: r, interval: g.interval })}>Edit and preview</button>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )))}
      </section>
      <AlertHistory />
      <section aria-labelledby="silences-title">
        <h2 id="silences-title">Silences</h2>
        {muted.error && <ErrorMessage error={muted.error} />}
        {muted.loading && !muted.data && <Loading what="silences" />}
        {muted.data && (muted.data.length === 0 ? <Empty>No silences.</Empty> : (
          <table className="list" aria-label="Silences">
            <thead><tr><th>State</th><th>Matchers</th><th>Ends</th><th>Created by</th><th>Comment</th></tr></thead>
            <tbody>
              {muted.data.map((s) => (
                <tr key={s.id}>
                  <td><span className={`state-badge ${s.state}`}>{s.state}</span></td>
                  <td className="mono small">{s.matchers.join(', ')}</td>
                  <td className="nowrap">{new Date(s.endsAt).toLocaleString()}</td>
                  <td>{s.createdBy}</td>
                  <td>{s.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </div>
  );
}
