// How the UI writes durations and times.

export function formatDuration(nanos: number): string {
  const abs = Math.abs(nanos);
  if (abs < 1_000) return `${Math.round(nanos)} ns`;
  if (abs < 1_000_000) return `${trim(nanos / 1_000)} µs`;
  if (abs < 1_000_000_000) return `${trim(nanos / 1_000_000)} ms`;
  const seconds = nanos / 1_000_000_000;
  if (Math.abs(seconds) < 60) return `${trim(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.round(seconds - minutes * 60)}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

function trim(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** Unix nanoseconds, as the API writes them (decimal strings), to milliseconds. */
export function nanosToMillis(nanos: string): number {
  return Number(BigInt(nanos) / 1_000_000n) + Number(BigInt(nanos) % 1_000_000n) / 1e6;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time to the millisecond: 2026-01-02 10:11:12.345 */
export function formatTime(millis: number): string {
  const d = new Date(millis);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatNanosTime(nanos: string): string {
  return formatTime(nanosToMillis(nanos));
}
