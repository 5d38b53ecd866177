// How the service overview writes rates, ratios and latencies.

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond >= 1) return `${perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1)}/s`;
  const perMinute = perSecond * 60;
  if (perMinute < 0.1) return `${(perSecond * 3600).toFixed(1)}/h`;
  return `${perMinute >= 10 ? perMinute.toFixed(0) : perMinute.toFixed(1)}/min`;
}

export function formatRatio(r: number): string {
  return `${(100 * r).toFixed(r > 0 && r < 0.01 ? 2 : 1)}%`;
}

export function formatMillis(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms >= 10 ? ms.toFixed(0) : ms.toFixed(1)} ms`;
}
