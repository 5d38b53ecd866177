import { createDashboard, listDashboards } from '../../api/dashboards';
import { useApi } from '../../api/useApi';
import { useCan } from '../../components/permissions';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { Link, navigate } from '../../router';
import { DashboardView } from './DashboardView';
import { useState } from 'react';

/** The saved dashboards of the tenant, or one of them (/dashboards/<id>). */
export function DashboardsPage({ id }: { id: string }) {
  if (id) return <DashboardView id={id} />;
  return <DashboardList />;
}

function DashboardList() {
  const can = useCan();
  const list = useApi('dashboards', listDashboards);
  const [problem, setProblem] = useState<Error>();
  const create = async () => {
    try {
      const d = await createDashboard({ title: 'New dashboard', from: 'now-1h', to: 'now', variables: [],
        panels: [{ title: 'Up', query: 'up', chart: 'lines' }] });
      navigate(`/dashboards/${d.id}?edit=true`);
    } catch (e) {
      setProblem(e as Error);
    }
  };
  return (
    <div className="page">
      <div className="section-head">
        <h1>Dashboards</h1>
        {can('write:reports') && <button type="button" className="primary" onClick={create}>New dashboard</button>}
      </div>
      {problem && <ErrorMessage error={problem} />}
      {list.error && <ErrorMessage error={list.error} />}
      {!list.data && !list.error && <Loading what="dashboards" />}
      {list.data && (list.data.length === 0
        ? <Empty>No dashboards saved yet{can('write:reports') ? '; create one with New dashboard' : ''}.</Empty>
        : (
          <table className="list" aria-label="Dashboards">
            <thead><tr><th>Title</th><th className="num">Panels</th><th>Changed</th></tr></thead>
            <tbody>
              {list.data.map((d) => (
                <tr key={d.id}><td><Link to={`/dashboards/${d.id}`}>{d.title}</Link></td><td className="num">{d.panels}</td>
                  <td className="nowrap">{d.updatedAt}</td></tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
