// Time ranges as the URL holds them: "now-1h" .. "now" (relative) or two RFC 3339 times (absolute).

export interface RangeText {
  from: string;
  to: string;
}

export interface Resolved {
  startMs: number;
  endMs: number;
}

export const DEFAULT_RANGE: RangeText = { from: 'now-1h', to: 'now' };

export const PRESETS: { label: string; from: string }[] = [
  { label: 'Last 5 minutes', from: 'now-5m' },
  { label: 'Last 15 minutes', from: 'now-15m' },
  { label: 'Last 1 hour', from: 'now-1h' },
  { label: 'Last 6 hours', from: 'now-6h' },
  { label: 'Last 24 hours', from: 'now-24h' },
  { label: 'Last 7 days', from: 'now-7d' },
];

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function rangeFrom(params: URLSearchParams): RangeText {
  return { from: params.get('from') || DEFAULT_RANGE.from, to: params.get('to') || DEFAULT_RANGE.to };
}

/** Turns one end of a range into milliseconds; throws an Error naming the field and the forms it takes. */
export function resolveTime(field: string, text: string, nowMs: number): number {
  const t = text.trim();
  if (t === 'now') return nowMs;
  const relative = /^now-(\d+(?:\.\d+)?)([smhdw])$/.exec(t);
  if (relative) return nowMs - Number(relative[1]) * UNIT_MS[relative[2]];
  if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new Error(`${field}: '${text}' is not a time; use now, now-15m, now-2h, now-7d or 2026-01-01T10:00:00Z`);
}

export function resolve(range: RangeText, nowMs = Date.now()): Resolved {
  const startMs = resolveTime('from', range.from, nowMs);
  const endMs = resolveTime('to', range.to, nowMs);
  if (endMs <= startMs) throw new Error(`the range ends (${range.to}) before it starts (${range.from})`);
  return { startMs, endMs };
}

/** Unix seconds, as the API's start and end take them. */
export function apiSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function isRelative(range: RangeText): boolean {
  return range.from.startsWith('now') && range.to.startsWith('now');
}

export function describe(range: RangeText): string {
  const preset = PRESETS.find((p) => p.from === range.from && range.to === 'now');
  return preset ? preset.label : `${range.from} → ${range.to}`;
}
