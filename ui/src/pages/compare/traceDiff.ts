// Two groups of traces (one trace each, or a search's error traces against the rest) compared by
// service and operation: which spans only one side has, and which got slower or faster.
import type { Span, TraceDetail } from '../../api/types';

export type Change = 'added' | 'missing' | 'slower' | 'faster' | 'same';

export interface SideStats {
  /** spans per trace of the group */
  perTrace: number;
  /** mean duration in nanoseconds; 0 when the side has no such span */
  meanNanos: number;
}

export interface OperationDiff {
  service: string;
  operation: string;
  a: SideStats;
  b: SideStats;
  change: Change;
  /** meanNanos of b minus a (0 for added and missing) */
  deltaNanos: number;
}

export interface ServiceDiff {
  service: string;
  operations: OperationDiff[];
  counts: Record<Change, number>;
}

/** A mean counts as changed when it moved by more than this share and this many nanoseconds. */
const RELATIVE = 0.1;
const ABSOLUTE_NANOS = 100_000;

interface Sum {
  count: number;
  nanos: number;
}

function sums(traces: TraceDetail[]): Map<string, Sum> {
  const out = new Map<string, Sum>();
  for (const t of traces) {
    for (const s of t.spans) {
      const k = key(s);
      const sum = out.get(k) ?? { count: 0, nanos: 0 };
      sum.count++;
      sum.nanos += s.durationNanos;
      out.set(k, sum);
    }
  }
  return out;
}

function key(s: Span): string {
  return `${s.service}\u0000${s.name}`;
}

function stats(sum: Sum | undefined, traces: number): SideStats {
  return sum ? { perTrace: sum.count / Math.max(1, traces), meanNanos: sum.nanos / sum.count } : { perTrace: 0, meanNanos: 0 };
}

export function classify(a: SideStats, b: SideStats): Change {
  if (a.perTrace === 0) return 'added';
  if (b.perTrace === 0) return 'missing';
  const delta = b.meanNanos - a.meanNanos;
  if (Math.abs(delta) <= ABSOLUTE_NANOS || Math.abs(delta) <= RELATIVE * a.meanNanos) return 'same';
  return delta > 0 ? 'slower' : 'faster';
}

/** Every (service, operation) of either side, grouped by service; the biggest changes first. */
export function compareTraces(a: TraceDetail[], b: TraceDetail[]): ServiceDiff[] {
  const sa = sums(a);
  const sb = sums(b);
  const byService = new Map<string, OperationDiff[]>();
  for (const k of new Set([...sa.keys(), ...sb.keys()])) {
    const [service, operation] = k.split('\u0000');
    const x = stats(sa.get(k), a.length);
    const y = stats(sb.get(k), b.length);
    const change = classify(x, y);
    const diff: OperationDiff = { service, operation, a: x, b: y, change,
      deltaNanos: change === 'added' || change === 'missing' ? 0 : y.meanNanos - x.meanNanos };
    byService.set(service, [...(byService.get(service) ?? []), diff]);
  }
  const rank: Record<Change, number> = { added: 0, missing: 1, slower: 2, faster: 3, same: 4 };
  return [...byService.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([service, operations]) => {
    operations.sort((x, y) => rank[x.change] - rank[y.change] || Math.abs(y.deltaNanos) - Math.abs(x.deltaNanos)
      || x.operation.localeCompare(y.operation));
    const counts: Record<Change, number> = { added: 0, missing: 0, slower: 0, faster: 0, same: 0 };
    operations.forEach((o) => counts[o.change]++);
    return { service, operations, counts };
  });
}
