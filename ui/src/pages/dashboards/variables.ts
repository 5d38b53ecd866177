// Template variables: $name (or ${name}) in a panel's query takes the value picked for it, kept
// in the URL as var-<name>=<value> so a view with its picks is a link.
import type { Variable } from '../../api/dashboards';

export function substitute(query: string, values: Record<string, string>): string {
  return query.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    return name in values ? values[name] : whole;
  });
}

/** The picked values from the URL; a variable not picked yet takes {@code fallback}'s first value. */
export function pickedValues(variables: Variable[], params: URLSearchParams, options: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of variables) {
    const picked = params.get(`var-${v.name}`);
    const first = options[v.name]?.[0];
    if (picked !== null) out[v.name] = picked;
    else if (first !== undefined) out[v.name] = first;
  }
  return out;
}
