import { useState } from 'react';
import { apiKey, setApiKey } from '../api/client';
import type { Session } from '../api/types';

interface Props {
  session: Session | null | undefined;
  loginAvailable: boolean;
  onClose: (changed: boolean) => void;
}

/** Who the UI acts as: the login session, or an API key kept for this browser tab only. */
export function SettingsDialog({ session, loginAvailable, onClose }: Props) {
  const [key, setKey] = useState(apiKey() ?? '');
  const here = window.location.pathname + window.location.search;
  return (
    <div className="overlay" role="presentation" onClick={(e) => e.target === e.currentTarget && onClose(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        {session && <p>Logged in as <strong>{session.name}</strong> (role {session.role}, tenant {session.tenant}).</p>}
        {loginAvailable && !session && (
          <p><a className="button primary" href={`/auth/login?redirect=${encodeURIComponent(here)}`}>Log in</a></p>
        )}
        <form onSubmit={(e) => {
          e.preventDefault();
          setApiKey(key.trim() || null);
          onClose(true);
        }}>
          <label className="stack">
            <span>API key</span>
            <input type="password" autoComplete="off" aria-label="API key" value={key}
              placeholder="sl_…" onChange={(e) => setKey(e.target.value)} />
          </label>
          <p className="muted small">Sent as <code>Authorization: Bearer</code> with every request; kept in this tab's
            session storage and forgotten when the tab closes.</p>
          <div className="buttons">
            <button type="submit" className="primary">Save</button>
            <button type="button" onClick={() => { setApiKey(null); setKey(''); onClose(true); }}>Forget key</button>
            <button type="button" onClick={() => onClose(false)}>Close</button>
          </div>
        </form>
      </div>
    </div>
  );
}
