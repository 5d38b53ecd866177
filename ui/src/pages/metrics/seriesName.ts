import type { Labels } from '../../api/types';

/** A series as PromQL writes it: name{label="value", ...}. */
export function seriesName(metric: Labels): string {
  const { __name__: name = '', ...rest } = metric;
  const labels = Object.keys(rest).sort().map((k) => `${k}="${rest[k]}"`).join(', ');
  return labels ? `${name}{${labels}}` : name || '{}';
}

/** A step that keeps a range query near 300 points, at least one second. */
export function autoStep(startMs: number, endMs: number): number {
  return Math.max(1, Math.ceil((endMs - startMs) / 1000 / 300));
}
