import { type FormEvent, useState } from 'react';
import { deleteJson, getJson, postJson } from '../../api/client';
import { whoami } from '../../api/dashboards';
import { useApi } from '../../api/useApi';
import { useCan } from '../../components/permissions';
import { Empty, ErrorMessage, Loading } from '../../components/States';

interface ApiKey {
  id: string;
  name: string;
  tenant: string;
  role: string;
  createdAt: string;
  revokedAt?: string;
}

const ROLES = ['viewer', 'analyst', 'operator', 'admin'];

/** Who you are and what you may do; with admin:system the API keys: create (the secret shown once) and revoke. */
export function AdminPage() {
  const can = useCan();
  const me = useApi('whoami', whoami);
  const admin = can('admin:system');
  const keys = useApi(admin ? 'keys' : null, (signal) => getJson<{ keys: ApiKey[] }>('/api/v1/keys', {}, signal));
  const [created, setCreated] = useState<string>();
  const [problem, setProblem] = useState<Error>();
  const act = async (work: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await work();
      keys.reload();
    } catch (e) {
      setProblem(e as Error);
    }
  };
  return (
    <div className="page admin-page">
      <h1>Administration</h1>
      <section aria-label="You">
        <h3>You</h3>
        {me.error && <ErrorMessage error={me.error} />}
        {me.data && (
          <p>
            <strong>{me.data.name}</strong> in tenant <code>{me.data.tenant}</code>
            {me.data.role && <> with role <code>{me.data.role}</code></>}
            {!me.data.authentication && <span className="muted"> (authentication is off: everybody may do everything)</span>}
            <br /><span className="muted small">permissions: </span>
            {me.data.permissions.map((p) => <span key={p} className="chip label">{p}</span>)}
          </p>
        )}
      </section>
      {!admin ? (
        me.data && <Empty>API keys and roles need <code>admin:system</code>, which your role does not grant.</Empty>
      ) : (
        <section aria-label="API keys">
          <h3>API keys</h3>
          <NewKeyForm onCreate={(k) => act(async () => {
            setCreated((await postJson<{ key: string }>('/api/v1/keys', k)).key);
          })} />
          {created && (
            <div className="state warning" role="status">
              New key, shown only now: <code className="secret">{created}</code>
              <button type="button" className="link" onClick={() => setCreated(undefined)}>Done</button>
            </div>
          )}
          {problem && <ErrorMessage error={problem} />}
          {keys.error && <ErrorMessage error={keys.error} />}
          {!keys.data && !keys.error && <Loading what="API keys" />}
          {keys.data && (
            <table className="list" aria-label="API keys">
              <thead><tr><th>Name</th><th>Id</th><th>Tenant</th><th>Role</th><th>Created</th><th /></tr></thead>
              <tbody>
                {keys.data.keys.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? 'muted' : ''}>
                    <td>{k.name}</td><td className="mono">{k.id}</td><td>{k.tenant}</td><td>{k.role}</td>
                    <td className="nowrap">{k.createdAt}</td>
                    <td>{k.revokedAt ? `revoked ${k.revokedAt}` : (
                      <button type="button" onClick={() => act(() => deleteJson(`/api/v1/keys/${encodeURIComponent(k.id)}`))}>Revoke</button>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

function NewKeyForm({ onCreate }: { onCreate: (k: { name: string; role: string; tenant?: string }) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [tenant, setTenant] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onCreate({ name: name.trim(), role, tenant: tenant.trim() || undefined });
    setName('');
  };
  return (
    <form className="search-form" aria-label="New API key" onSubmit={submit}>
      <label><span>Name</span><input aria-label="Key name" value={name} required onChange={(e) => setName(e.target.value)} /></label>
      <label><span>Role</span>
        <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label><span>Tenant (default: yours)</span><input aria-label="Key tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} /></label>
      <button type="submit" className="primary">Create key</button>
    </form>
  );
}
