// What the PromQL editor should offer at the cursor: metric names and functions for a word,
// label names inside a selector's braces or a by/without list, label values inside quotes.

export const FUNCTIONS = [
  'abs', 'absent', 'absent_over_time', 'avg', 'avg_over_time', 'bottomk', 'ceil', 'changes', 'clamp', 'clamp_max', 'clamp_min',
  'count', 'count_over_time', 'count_values', 'delta', 'deriv', 'exp', 'floor', 'group', 'histogram_quantile', 'holt_winters',
  'idelta', 'increase', 'irate', 'label_join', 'label_replace', 'last_over_time', 'ln', 'log10', 'log2', 'max', 'max_over_time',
  'min', 'min_over_time', 'predict_linear', 'quantile', 'quantile_over_time', 'rate', 'resets', 'round', 'scalar', 'sort',
  'sort_desc', 'sqrt', 'stddev', 'stddev_over_time', 'stdvar', 'sum', 'sum_over_time', 'time', 'timestamp', 'topk', 'vector',
];

export type Completion =
  | { kind: 'word'; prefix: string }
  | { kind: 'label'; prefix: string; metric: string }
  | { kind: 'value'; prefix: string; metric: string; label: string }
  | { kind: 'none' };

/** The completion wanted with the cursor at {@code cursor} of {@code text}. */
export function completionAt(text: string, cursor: number): Completion {
  const before = text.slice(0, cursor);
  const grouping = /\b(?:by|without)\s*\(([^()]*)$/.exec(before);
  if (grouping) {
    return { kind: 'label', prefix: /([a-zA-Z_]\w*)?$/.exec(grouping[1])![0], metric: '' };
  }
  const open = before.lastIndexOf('{');
  if (open > before.lastIndexOf('}')) {
    const metric = /([a-zA-Z_:][\w:]*)\s*$/.exec(before.slice(0, open))?.[1] ?? '';
    const matcher = before.slice(open + 1).split(',').pop()!;
    const value = /^\s*([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/.exec(matcher);
    if (value) return { kind: 'value', prefix: value[2], metric, label: value[1] };
    const name = /^\s*([a-zA-Z_]\w*)?$/.exec(matcher);
    return name ? { kind: 'label', prefix: name[1] ?? '', metric } : { kind: 'none' };
  }
  if (/"[^"]*$/.test(before.replace(/"[^"]*"/g, ''))) return { kind: 'none' }; // inside a string
  if (/\[[^\]]*$/.test(before)) return { kind: 'none' }; // inside a range or subquery
  const word = /[a-zA-Z_:][\w:]*$/.exec(before)?.[0] ?? '';
  return word ? { kind: 'word', prefix: word } : { kind: 'none' };
}

/** The text with the completion's prefix before the cursor replaced by {@code insert}, and the new cursor. */
export function applyCompletion(text: string, cursor: number, prefix: string, insert: string): { text: string; cursor: number } {
  const start = cursor - prefix.length;
  return { text: text.slice(0, start) + insert + text.slice(cursor), cursor: start + insert.length };
}
