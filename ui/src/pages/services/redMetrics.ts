// Rate, errors and duration (RED) of services and operations from the counters the spanmetrics
// processor derives from every span (docs/pipeline.md: job is the service, span_name the
// operation). The raw samples are read once and their increases summed here, as the dependency
// APIs do (ServiceDependencies): a series that begins inside a window counts from zero, so a
// service seen in one batch still shows, where PromQL's rate() needs two samples.
import { queryInstant } from '../../api/endpoints';
import type { MatrixSeries } from '../../api/types';

const CALLS = 'traces_span_metrics_calls_total';
const BUCKETS = 'traces_span_metrics_duration_milliseconds_bucket';
export const QUANTILES = [0.5, 0.95, 0.99];

export interface RedRow {
  service: string;
  operation: string;
  /** calls per second */
  rate: number;
  /** failed calls per second */
  errors: number;
  /** milliseconds by quantile */
  latency: Record<number, number | undefined>;
}

export interface RawRed {
  calls: MatrixSeries[];
  buckets: MatrixSeries[];
}

/** The samples of one service (or all) from twice the range before its end, so each window's start value is known. */
export async function loadRed(service: string | null, startMs: number, endMs: number, signal?: AbortSignal): Promise<RawRed> {
  const sel = service ? `{job="${service.replace(/["\\]/g, '\\$&')}"}` : '';
  const seconds = Math.ceil((2 * (endMs - startMs)) / 1000);
  const matrix = async (metric: string) => {
    const r = await queryInstant(`${metric}${sel}[${seconds}s]`, endMs / 1000, signal);
    return r.resultType === 'matrix' ? r.result : [];
  };
  const [calls, buckets] = await Promise.all([matrix(CALLS), matrix(BUCKETS)]);
  return { calls, buckets };
}

/** How much a counter grew in (fromMs, toMs]; a drop is a restart from zero. */
export function increase(s: MatrixSeries, fromMs: number, toMs: number): number {
  let previous = 0;
  let total = 0;
  for (const [t, text] of s.values) {
    const v = Number(text);
    const ms = t * 1000;
    if (ms > toMs) break;
    if (ms > fromMs) total += v >= previous ? v - previous : v;
    previous = v;
  }
  return total;
}

/** Prometheus' histogram_quantile over (upper bound, count) pairs: linear inside the bucket. */
export function quantile(q: number, buckets: Map<number, number>): number | undefined {
  const les = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Infinity) ?? Math.max(0, ...buckets.values());
  if (!les.length || total <= 0) return undefined;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const le of les) {
    const count = buckets.get(le)!;
    if (count >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(count - below, Number.MIN_VALUE);
    }
    lower = le;
    below = count;
  }
  return lower;
}

type Key = (labels: Record<string, string>) => string;

/** Sums per key: calls, failed calls, and the cumulative count of each bucket, over one window. */
function windowSums(raw: RawRed, key: Key, fromMs: number, toMs: number) {
  const sums = new Map<string, { calls: number; errors: number; buckets: Map<number, number> }>();
  const at = (k: string) => {
    if (!sums.has(k)) sums.set(k, { calls: 0, errors: 0, buckets: new Map() });
    return sums.get(k)!;
  };
  for (const s of raw.calls) {
    const n = increase(s, fromMs, toMs);
    const sum = at(key(s.metric));
    sum.calls += n;
    if (s.metric.status_code === 'STATUS_CODE_ERROR') sum.errors += n;
  }
  for (const s of raw.buckets) {
    const le = s.metric.le === '+Inf' ? Infinity : Number(s.metric.le);
    const b = at(key(s.metric)).buckets;
    b.set(le, (b.get(le) ?? 0) + increase(s, fromMs, toMs));
  }
  return sums;
}

const SEP = '\u0000';

/** One row per service, or per operation when {@code byOperation}, averaged over the window. */
export function redRows(raw: RawRed, byOperation: boolean, startMs: number, endMs: number): RedRow[] {
  const key: Key = (l) => `${l.job ?? ''}${SEP}${byOperation ? l.span_name ?? '' : ''}`;
  const seconds = (endMs - startMs) / 1000;
  return [...windowSums(raw, key, startMs, endMs).entries()]
    .map(([k, s]) => {
      const [service, operation] = k.split(SEP);
      const latency: Record<number, number | undefined> = {};
      QUANTILES.forEach((q) => { latency[q] = quantile(q, s.buckets); });
      return { service, operation, rate: s.calls / seconds, errors: s.errors / seconds, latency };
    })
    .filter((r) => r.service && r.rate > 0)
    .sort((a, b) => b.rate - a.rate || a.operation.localeCompare(b.operation));
}

export interface RedSeries {
  rate: MatrixSeries[];
  errors: MatrixSeries[];
  latency: MatrixSeries[];
}

/**
 * Per step: calls and failed calls per second by operation, and the latency quantiles of the whole
 * service, or of one operation when {@code operation} is given.
 */
export function redOverTime(raw: RawRed, startMs: number, endMs: number, stepSeconds: number, operation?: string): RedSeries {
  const out = { rate: new Map<string, [number, string][]>(), errors: new Map<string, [number, string][]>(),
    latency: new Map<string, [number, string][]>() };
  const push = (m: Map<string, [number, string][]>, name: string, t: number, v: number | undefined) => {
    if (v === undefined) return;
    if (!m.has(name)) m.set(name, []);
    m.get(name)!.push([t, String(v)]);
  };
  for (let t = startMs + stepSeconds * 1000; t <= endMs + 1; t += stepSeconds * 1000) {
    const from = t - stepSeconds * 1000;
    for (const [op, s] of windowSums(raw, (l) => l.span_name ?? '', from, t)) {
      push(out.rate, op, t / 1000, s.calls / stepSeconds);
      push(out.errors, op, t / 1000, s.errors / stepSeconds);
    }
    const whole = windowSums(raw, (l) => (operation === undefined || l.span_name === operation ? '' : 'other'), from, t).get('');
    QUANTILES.forEach((q) => push(out.latency, `p${Math.round(q * 100)}`, t / 1000, whole && quantile(q, whole.buckets)));
  }
  const series = (m: Map<string, [number, string][]>) =>
    [...m.entries()].map(([name, values]) => ({ metric: { __name__: name }, values }));
  return { rate: series(out.rate), errors: series(out.errors), latency: series(out.latency) };
}
