// Where the service map draws each service: columns by how many calls lie between a service and
// the callers nobody calls (the "user" node of the service graph first), rows in name order.
import type { Dependency } from '../../api/endpoints';

export interface Placed {
  name: string;
  column: number;
  row: number;
}

export function layout(edges: Dependency[]): { nodes: Placed[]; columns: number; rows: number } {
  const names = [...new Set(edges.flatMap((e) => [e.parent, e.child]))].sort();
  const callers = new Map<string, string[]>(names.map((n) => [n, []]));
  edges.forEach((e) => { if (e.parent !== e.child) callers.get(e.child)!.push(e.parent); });
  const column = new Map<string, number>();
  // longest path from a source; a cycle stops at the names already on the path
  const depth = (name: string, path: Set<string>): number => {
    const known = column.get(name);
    if (known !== undefined) return known;
    const next = new Set(path).add(name);
    const d = Math.max(0, ...callers.get(name)!.filter((c) => !next.has(c)).map((c) => depth(c, next) + 1));
    column.set(name, d);
    return d;
  };
  names.forEach((n) => depth(n, new Set()));
  const perColumn = new Map<number, number>();
  const nodes = names.map((name) => {
    const c = column.get(name)!;
    const row = perColumn.get(c) ?? 0;
    perColumn.set(c, row + 1);
    return { name, column: c, row };
  });
  return { nodes, columns: Math.max(0, ...nodes.map((n) => n.column)) + 1, rows: Math.max(0, ...perColumn.values()) };
}
