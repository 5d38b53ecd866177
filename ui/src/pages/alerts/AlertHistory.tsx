import { alertHistory } from '../../api/alerting';
import { useApi } from '../../api/useApi';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { LabelChips } from './LabelChips';

/** The notifications sent or failed, newest first: when, to whom, firing or resolved, and for which alerts. */
export function AlertHistory() {
  const history = useApi('alert-history', alertHistory);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {history.error && <ErrorMessage error={history.error} />}
      {!history.data && !history.error && <Loading what="the notification history" />}
      {history.data && (history.data.length === 0
        ? <Empty>No notification has been sent yet (docs/alerting.md says how to route alerts to receivers).</Empty>
        : (
          <table className="list" aria-label="Notification history">
            <thead><tr><th>At</th><th>Status</th><th>Receiver</th><th>Outcome</th><th>Alerts</th></tr></thead>
            <tbody>
              {history.data.map((n, i) => (
                <tr key={i} className={n.outcome !== 'sent' ? 'has-error' : ''}>
                  <td className="nowrap">{new Date(n.at).toLocaleString()}</td>
                  <td><span className={`state-badge ${n.status}`}>{n.status}</span></td>
                  <td>{n.receiver} <span className="muted small">{n.channel}</span></td>
                  <td>{n.outcome}{n.attempts > 1 ? ` after ${n.attempts} attempts` : ''}</td>
                  <td>{n.alerts.map((a, j) => <div key={j}><LabelChips labels={a.labels} /></div>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
