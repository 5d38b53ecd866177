// The server endpoints the UI reads, one function each.
import { getJson, postJson, type QueryValue } from './client';
import type {
  ActiveAlert, InstantData, LogRecord, MatrixSeries, Page, RuleGroup, Session, Silence, TraceDetail, TraceSummary,
} from './types';

type Prom<T> = { status: 'success'; data: T; warnings?: string[] };

export async function services(signal?: AbortSignal): Promise<string[]> {
  return (await getJson<{ services: string[] }>('/api/v1/services', {}, signal)).services;
}

export async function operations(service: string, signal?: AbortSignal): Promise<string[]> {
  const r = await getJson<{ operations: { name: string }[] }>(
    `/api/v1/services/${encodeURIComponent(service)}/operations`, {}, signal);
  return [...new Set(r.operations.map((o) => o.name))].sort();
}

export interface TraceSearch {
  service?: string;
  operation?: string;
  attr?: string[];
  minDuration?: string;
  maxDuration?: string;
  errors?: boolean;
  start: string;
  end: string;
  limit?: number;
  cursor?: string;
}

export async function searchTraces(q: TraceSearch, signal?: AbortSignal): Promise<Page<TraceSummary>> {
  const r = await getJson<{ traces: TraceSummary[]; nextCursor: string | null }>('/api/v1/traces',
    q as unknown as Record<string, QueryValue>, signal);
  return { items: r.traces, nextCursor: r.nextCursor };
}

export function trace(traceId: string, signal?: AbortSignal): Promise<TraceDetail> {
  return getJson<TraceDetail>(`/api/v1/traces/${encodeURIComponent(traceId)}`, {}, signal);
}

export interface LogSearch {
  service?: string;
  minSeverity?: string;
  contains?: string;
  traceId?: string;
  start?: string;
  end?: string;
  limit?: number;
  cursor?: string;
}

export async function searchLogs(q: LogSearch, signal?: AbortSignal): Promise<Page<LogRecord>> {
  const r = await getJson<{ logs: LogRecord[]; nextCursor: string | null }>('/api/v1/logs',
    q as unknown as Record<string, QueryValue>, signal);
  return { items: r.logs, nextCursor: r.nextCursor };
}

export async function queryRange(query: string, start: number, end: number, step: number, signal?: AbortSignal)
  : Promise<{ result: MatrixSeries[]; warnings: string[] }> {
  const r = await getJson<Prom<{ resultType: 'matrix'; result: MatrixSeries[] }>>('/api/v1/query_range',
    { query, start, end, step }, signal);
  return { result: r.data.result, warnings: r.warnings ?? [] };
}

export async function queryInstant(query: string, time: number, signal?: AbortSignal): Promise<InstantData> {
  return (await getJson<Prom<InstantData>>('/api/v1/query', { query, time }, signal)).data;
}

export async function metricNames(signal?: AbortSignal): Promise<string[]> {
  return (await getJson<Prom<string[]>>('/api/v1/label/__name__/values', {}, signal)).data;
}

export async function ruleGroups(signal?: AbortSignal): Promise<RuleGroup[]> {
  return (await getJson<Prom<{ groups: RuleGroup[] }>>('/api/v1/rules', {}, signal)).data.groups;
}

export async function alerts(signal?: AbortSignal): Promise<ActiveAlert[]> {
  return (await getJson<Prom<{ alerts: ActiveAlert[] }>>('/api/v1/alerts', {}, signal)).data.alerts;
}

export async function silences(signal?: AbortSignal): Promise<Silence[]> {
  return (await getJson<Prom<{ silences: Silence[] }>>('/api/v1/silences', {}, signal)).data.silences;
}

export interface NewSilence {
  matchers: string[];
  endsAt: string;
  createdBy: string;
  comment: string;
}

export async function createSilence(s: NewSilence): Promise<string> {
  return (await postJson<Prom<{ silenceID: string }>>('/api/v1/silences', s)).data.silenceID;
}

/** Who is logged in; null when the server has no UI login (404). Throws 401 when nobody is. */
export async function session(signal?: AbortSignal): Promise<Session | null> {
  try {
    return await getJson<Session>('/auth/session', {}, signal);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

export interface Dependency {
  parent: string;
  child: string;
  callCount: number;
  errorCount?: number;
}

/** Calls between services in the window, from the service graph (the Zipkin dependencies API). */
export function dependencies(endMs: number, lookbackMs: number, signal?: AbortSignal): Promise<Dependency[]> {
  return getJson<Dependency[]>('/zipkin/api/v2/dependencies', { endTs: Math.round(endMs), lookback: Math.round(lookbackMs) }, signal);
}

/** A LogQL metric query over the Loki API (docs/api.md), e.g. counts of records per step. */
export async function logQueryRange(query: string, startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal)
  : Promise<MatrixSeries[]> {
  const r = await getJson<Prom<{ resultType: string; result: MatrixSeries[] }>>('/loki/api/v1/query_range',
    { query, start: (startMs / 1000).toFixed(3), end: (endMs / 1000).toFixed(3), step: stepSeconds }, signal);
  return r.data.resultType === 'matrix' ? r.data.result : [];
}

/** Label names, of the series of {@code metric} when given. */
export async function labelNames(metric: string, signal?: AbortSignal): Promise<string[]> {
  return (await getJson<Prom<string[]>>('/api/v1/labels', { 'match[]': metric || undefined }, signal)).data;
}

/** Values of one label, among the series of {@code metric} when given. */
export async function labelValues(label: string, metric: string, signal?: AbortSignal): Promise<string[]> {
  return (await getJson<Prom<string[]>>(`/api/v1/label/${encodeURIComponent(label)}/values`,
    { 'match[]': metric || undefined }, signal)).data;
}
