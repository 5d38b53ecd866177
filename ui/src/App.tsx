import { lazy, Suspense, useEffect, useState } from 'react';
import { ApiError, onUnauthorized } from './api/client';
import { whoami } from './api/dashboards';
import { session as loadSession } from './api/endpoints';
import { useApi } from './api/useApi';
import { canFrom, PermissionsContext } from './components/permissions';
import type { Session } from './api/types';
import { SettingsDialog } from './components/SettingsDialog';
import { TraceIdBox } from './components/TraceIdBox';
import { applyTheme, initialTheme, type Theme } from './components/theme';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { LogsPage } from './pages/logs/LogsPage';
import { TracePage } from './pages/trace/TracePage';
import { TraceSearchPage } from './pages/traces/TraceSearchPage';
import { Link, navigate, useLocation } from './router';
import { Loading } from './components/States';

// uPlot comes with the Metrics page only, so the other pages load less
const MetricsPage = lazy(() => import('./pages/metrics/MetricsPage').then((m) => ({ default: m.MetricsPage })));
const ServicesPage = lazy(() => import('./pages/services/ServicesPage').then((m) => ({ default: m.ServicesPage })));

const ComparePage = lazy(() => import('./pages/compare/ComparePage').then((m) => ({ default: m.ComparePage })));
const AdminPage = lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const DashboardsPage = lazy(() => import('./pages/dashboards/DashboardsPage').then((m) => ({ default: m.DashboardsPage })));

/** The pages, each with the permission its data needs: a caller without it does not see the page in the bar. */
const PAGES = [
  { path: '/traces', label: 'Traces', needs: 'read:traces' },
  { path: '/compare', label: 'Compare', needs: 'read:traces' },
  { path: '/services', label: 'Services', needs: 'read:metrics' },
  { path: '/logs', label: 'Logs', needs: 'read:logs' },
  { path: '/query', label: 'Metrics', needs: 'read:metrics' },
  { path: '/dashboards', label: 'Dashboards', needs: 'read:metrics' },
  { path: '/alerts', label: 'Alerts', needs: 'read:metrics' },
  { path: '/admin', label: 'Admin', needs: 'admin:system' },
];

export function App() {
  const location = useLocation();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [loginAvailable, setLoginAvailable] = useState(false);
  const [denied, setDenied] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0); // bumped when the credentials change, to reload the page
  const me = useApi(`whoami ${generation}`, whoami);
  const can = canFrom(me.data?.permissions);

  useEffect(() => applyTheme(theme, false), [theme]);
  useEffect(() => onUnauthorized(setDenied), []);
  useEffect(() => {
    loadSession().then((s) => {
      setSession(s);
      setLoginAvailable(s !== null);
    }, (e: ApiError) => {
      setSession(null);
      setLoginAvailable(e.status === 401); // login exists, nobody is logged in
    });
  }, [generation]);
  useEffect(() => {
    if (location.path === '/') navigate('/traces', { replace: true });
  }, [location.path]);

  const here = location.href;
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/traces" className="brand" aria-label="Sightline home">
          <img src="/favicon.svg" alt="" width={22} height={22} /> Sightline
        </Link>
        <nav aria-label="Pages">
          {PAGES.filter((p) => !me.data || can(p.needs)).map((p) => (
            <Link key={p.path} to={p.path} aria-current={location.path.startsWith(p.path) ? 'page' : undefined}>
              {p.label}
            </Link>
          ))}
        </nav>
        <div className="spacer" />
        <TraceIdBox />
        {session && <span className="user" title={`role ${session.role}, tenant ${session.tenant}`}>{session.name}</span>}
        <button type="button" className="icon" aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          onClick={() => { const next = theme === 'dark' ? 'light' : 'dark'; setTheme(next); applyTheme(next, true); }}>
          {theme === 'dark' ? '☀' : '☾'}
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)}>Settings</button>
      </header>
      {denied && (
        <div className="auth-banner" role="alert">
          <span>Not allowed: {denied.message}.</span>
          {loginAvailable && <a className="button primary" href={`/auth/login?redirect=${encodeURIComponent(here)}`}>Log in</a>}
          <button type="button" onClick={() => setSettingsOpen(true)}>Use an API key</button>
          <button type="button" className="link" onClick={() => setDenied(null)}>Dismiss</button>
        </div>
      )}
      <main key={generation}>
        <PermissionsContext.Provider value={can}>
          <Suspense fallback={<Loading what="the page" />}>
            <Page path={location.path} />
          </Suspense>
        </PermissionsContext.Provider>
      </main>
      {settingsOpen && (
        <SettingsDialog session={session} loginAvailable={loginAvailable} onClose={(changed) => {
          setSettingsOpen(false);
          if (changed) {
            setDenied(null);
            setGeneration((g) => g + 1);
          }
        }} />
      )}
    </div>
  );
}

function Page({ path }: { path: string }) {
  const trace = /^\/traces\/([^/]+)$/.exec(path);
  if (trace) return <TracePage traceId={decodeURIComponent(trace[1])} />;
  if (path === '/traces') return <TraceSearchPage />;
  if (path === '/compare') return <ComparePage />;
  if (path === '/services') return <ServicesPage />;
  if (path === '/logs') return <LogsPage />;
  if (path === '/query') return <MetricsPage />;
  if (path === '/alerts') return <AlertsPage />;
  if (path === '/admin') return <AdminPage />;
  if (path === '/dashboards' || path.startsWith('/dashboards/')) {
    return <DashboardsPage id={decodeURIComponent(path.slice('/dashboards/'.length))} />;
  }
  if (path === '/') return null;
  return <div className="state empty">There is no page at {path}. <Link to="/traces">Search traces</Link>.</div>;
}
