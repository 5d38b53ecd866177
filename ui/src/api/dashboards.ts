// Saved dashboards (docs/api.md#dashboards) and who the caller is (/api/v1/whoami).
import { deleteJson, getJson, postJson, putJson } from './client';

export type ChartKind = 'lines' | 'stacked' | 'heatmap' | 'table';

export interface Variable {
  name: string;
  label: string;
  metric: string;
}

export interface Panel {
  title: string;
  query: string;
  chart: ChartKind;
}

export interface Dashboard {
  id: string;
  title: string;
  from: string;
  to: string;
  variables: Variable[];
  panels: Panel[];
  updatedAt: string;
}

export type DashboardDraft = Omit<Dashboard, 'id' | 'updatedAt'>;

export interface DashboardSummary {
  id: string;
  title: string;
  panels: number;
  updatedAt: string;
}

const BASE = '/api/v1/dashboards';

export async function listDashboards(signal?: AbortSignal): Promise<DashboardSummary[]> {
  return (await getJson<{ dashboards: DashboardSummary[] }>(BASE, {}, signal)).dashboards;
}

export function getDashboard(id: string, signal?: AbortSignal): Promise<Dashboard> {
  return getJson<Dashboard>(`${BASE}/${encodeURIComponent(id)}`, {}, signal);
}

export function createDashboard(d: DashboardDraft): Promise<Dashboard> {
  return postJson<Dashboard>(BASE, d);
}

export function saveDashboard(id: string, d: DashboardDraft): Promise<Dashboard> {
  return putJson<Dashboard>(`${BASE}/${encodeURIComponent(id)}`, d);
}

export function deleteDashboard(id: string): Promise<unknown> {
  return deleteJson(`${BASE}/${encodeURIComponent(id)}`);
}

export interface WhoAmI {
  authentication: boolean;
  name: string;
  tenant: string;
  role: string;
  permissions: string[];
}

export function whoami(signal?: AbortSignal): Promise<WhoAmI> {
  return getJson<WhoAmI>('/api/v1/whoami', {}, signal);
}
