// The trace search as the URL holds it, and as the API takes it.
import type { TraceSearch } from '../../api/endpoints';
import { apiSeconds, type RangeText, rangeFrom, resolve } from '../../time/range';

export interface TraceSearchForm {
  service: string;
  operation: string;
  attrs: string[];
  minDuration: string;
  maxDuration: string;
  errors: boolean;
  range: RangeText;
  limit: string;
}

export function formFrom(params: URLSearchParams): TraceSearchForm {
  return {
    service: params.get('service') ?? '',
    operation: params.get('operation') ?? '',
    attrs: params.getAll('attr'),
    minDuration: params.get('minDuration') ?? '',
    maxDuration: params.get('maxDuration') ?? '',
    errors: params.get('errors') === 'true',
    range: rangeFrom(params),
    limit: params.get('limit') ?? '',
  };
}

export function urlParams(f: TraceSearchForm): Record<string, string | string[] | false> {
  return {
    service: f.service, operation: f.service ? f.operation : '', attr: f.attrs.map((a) => a.trim()).filter(Boolean),
    minDuration: f.minDuration.trim(), maxDuration: f.maxDuration.trim(), errors: f.errors && 'true',
    from: f.range.from, to: f.range.to, limit: f.limit.trim(),
  };
}

/** The API query; throws an Error naming a field the form got wrong before the server is asked. */
export function apiQuery(f: TraceSearchForm, nowMs = Date.now()): { query: TraceSearch; startMs: number; endMs: number } {
  f.attrs.filter((a) => a.trim() !== '').forEach((a) => {
    if (a.indexOf('=') <= 0) throw new Error(`attribute filter '${a}' is not of the form key=value`);
  });
  const r = resolve(f.range, nowMs);
  return {
    startMs: r.startMs,
    endMs: r.endMs,
    query: {
      service: f.service || undefined,
      operation: (f.service && f.operation) || undefined,
      attr: f.attrs.map((a) => a.trim()).filter(Boolean),
      minDuration: f.minDuration.trim() || undefined,
      maxDuration: f.maxDuration.trim() || undefined,
      errors: f.errors || undefined,
      start: apiSeconds(r.startMs),
      end: apiSeconds(r.endMs),
      limit: f.limit.trim() ? Number(f.limit) : 100,
    },
  };
}
