// A trace's spans as a tree with times relative to the trace's start, the rows a waterfall shows
// with some subtrees collapsed, and the critical path.
import type { LogRecord, Span } from '../../api/types';

export interface SpanNode {
  span: Span;
  /** nanoseconds from the trace's start */
  start: number;
  end: number;
  depth: number;
  children: SpanNode[];
  /** log records of this span, by their offset from the trace's start */
  logOffsets: number[];
}

export interface TraceTree {
  roots: SpanNode[];
  byId: Map<string, SpanNode>;
  startNanos: bigint;
  duration: number;
  services: string[];
  errors: number;
  criticalPath: Set<string>;
}

export function buildTree(spans: Span[], logs: LogRecord[] = []): TraceTree {
  let startNanos = BigInt(spans[0]?.startTimeUnixNano ?? 0);
  for (const s of spans) {
    const t = BigInt(s.startTimeUnixNano);
    if (t < startNanos) startNanos = t;
  }
  const byId = new Map<string, SpanNode>();
  let duration = 0;
  for (const s of spans) {
    const start = Number(BigInt(s.startTimeUnixNano) - startNanos);
    const node: SpanNode = { span: s, start, end: start + Math.max(0, s.durationNanos), depth: 0, children: [], logOffsets: [] };
    duration = Math.max(duration, node.end);
    if (!byId.has(s.spanId)) byId.set(s.spanId, node);
  }
  const roots: SpanNode[] = [];
  for (const node of byId.values()) {
    const parent = node.span.parentSpanId ? byId.get(node.span.parentSpanId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a: SpanNode, b: SpanNode) => a.start - b.start || a.span.name.localeCompare(b.span.name);
  roots.sort(byStart);
  // depths, and spans whose parent chain loops back become roots so that every span shows once
  const seen = new Set<SpanNode>();
  const stack: SpanNode[] = roots.map((r) => r).reverse();
  while (stack.length) {
    const n = stack.pop()!;
    seen.add(n);
    n.children.sort(byStart);
    for (let i = n.children.length - 1; i >= 0; i--) {
      n.children[i].depth = n.depth + 1;
      stack.push(n.children[i]);
    }
  }
  for (const node of byId.values()) {
    if (!seen.has(node)) {
      roots.push(node);
      seen.add(node);
    }
  }
  for (const log of logs) {
    const node = byId.get(log.spanId);
    const time = log.timeUnixNano !== '0' ? log.timeUnixNano : log.observedTimeUnixNano;
    if (node) node.logOffsets.push(Number(BigInt(time) - startNanos));
  }
  const services = [...new Set(spans.map((s) => s.service))].sort();
  const errors = spans.filter((s) => s.status.code === 'ERROR').length;
  return { roots, byId, startNanos, duration: Math.max(duration, 1), services, errors, criticalPath: criticalPath(roots) };
}

/** The rows shown: every span whose ancestors are all expanded, in tree order. */
export function visibleRows(tree: TraceTree, collapsed: Set<string>): SpanNode[] {
  const rows: SpanNode[] = [];
  const stack = [...tree.roots].reverse();
  const seen = new Set<SpanNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    rows.push(n);
    if (!collapsed.has(n.span.spanId)) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return rows;
}

/**
 * The spans the trace's end waited on: from each root, the child that finished last, then the
 * one that finished last before that child started, and so on down (as Jaeger computes it).
 */
export function criticalPath(roots: SpanNode[]): Set<string> {
  const path = new Set<string>();
  const root = roots.reduce<SpanNode | undefined>((best, r) => (!best || r.end - r.start > best.end - best.start ? r : best), undefined);
  const work: { node: SpanNode; until: number }[] = root ? [{ node: root, until: root.end }] : [];
  while (work.length) {
    const { node } = work.pop()!;
    if (path.has(node.span.spanId)) continue;
    path.add(node.span.spanId);
    let cursor = node.end;
    const byEnd = [...node.children].sort((a, b) => b.end - a.end);
    for (const child of byEnd) {
      if (child.end <= cursor && child.end > node.start) {
        work.push({ node: child, until: cursor });
        cursor = child.start;
      }
    }
  }
  return path;
}

/** Every span with descendants: collapse all. */
export function parents(tree: TraceTree): Set<string> {
  const ids = new Set<string>();
  for (const n of tree.byId.values()) if (n.children.length) ids.add(n.span.spanId);
  return ids;
}
