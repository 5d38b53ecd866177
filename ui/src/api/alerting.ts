// Alerting beyond the Prometheus shapes: the notification history and backtests (docs/alerting.md).
import { getJson, sendText } from './client';
import type { Labels } from './types';

type Prom<T> = { status: 'success'; data: T };

export interface Notification {
  at: string;
  receiver: string;
  channel: string;
  groupKey: string;
  status: string;
  outcome: string;
  attempts: number;
  alerts: { labels: Labels }[];
}

export async function alertHistory(signal?: AbortSignal): Promise<Notification[]> {
  return (await getJson<Prom<{ notifications: Notification[] }>>('/api/v1/alerts/history', {}, signal)).data.notifications;
}

export interface Firing {
  labels: Labels;
  activeAt: string;
  firedAt?: string;
  resolvedAt?: string;
}

export interface Backtest {
  evaluations: number;
  firings: Firing[];
  errors: string[];
}

/** When the rules of a file (YAML, or JSON which is YAML too) would have fired between two times. */
export async function backtest(ruleFile: string, startMs: number, endMs: number, signal?: AbortSignal): Promise<Backtest> {
  return (await sendText<Prom<Backtest>>('POST', '/api/v1/rules/backtest',
    { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() }, ruleFile, 'application/yaml', signal)).data;
}

/** Stores a rule file of the API (validated first: a bad rule answers 400 with file, line and reason). */
export async function saveRuleFile(name: string, ruleFile: string): Promise<void> {
  await sendText('PUT', `/api/v1/rules/files/${encodeURIComponent(name)}`, {}, ruleFile, 'application/yaml');
}
