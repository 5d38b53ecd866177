import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { labelNames, labelValues, metricNames } from '../../api/endpoints';
import { applyCompletion, type Completion, completionAt, FUNCTIONS } from './promContext';

const SHOWN = 12;

interface Suggestion {
  label: string;
  kind: 'metric' | 'function' | 'label' | 'value';
  insert: string;
}

const cache = new Map<string, Promise<string[]>>();
function cached(key: string, load: () => Promise<string[]>): Promise<string[]> {
  if (!cache.has(key)) cache.set(key, load().catch(() => { cache.delete(key); return []; }));
  return cache.get(key)!;
}

async function suggest(c: Completion): Promise<Suggestion[]> {
  const starts = (s: string) => s.toLowerCase().startsWith(c.kind === 'none' ? '' : c.prefix.toLowerCase());
  if (c.kind === 'word') {
    const names = await cached('__name__', () => metricNames());
    return [
      ...FUNCTIONS.filter(starts).map((f) => ({ label: `${f}()`, kind: 'function' as const, insert: `${f}(` })),
      ...names.filter(starts).map((m) => ({ label: m, kind: 'metric' as const, insert: m })),
    ].filter((s) => s.insert !== c.prefix);
  }
  if (c.kind === 'label') {
    const names = await cached(`labels ${c.metric}`, () => labelNames(c.metric));
    return names.filter((n) => n !== '__name__' && starts(n)).map((n) => ({ label: n, kind: 'label' as const, insert: `${n}="` }));
  }
  if (c.kind === 'value') {
    const values = await cached(`values ${c.label} ${c.metric}`, () => labelValues(c.label, c.metric));
    return values.filter(starts).map((v) => ({ label: v, kind: 'value' as const, insert: `${v.replace(/["\\]/g, '\\$&')}"` }));
  }
  return [];
}

interface Props {
  value: string;
  invalid: boolean;
  /** the engine's message for the last run, shown under the input */
  error?: string;
  onChange: (q: string) => void;
}

/** A PromQL input that offers metric names, functions, label names and values as you type (↑ ↓, Tab or Enter, Esc). */
export function PromQLInput({ value, invalid, error, onChange }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<{ c: Completion; list: Suggestion[] }>({ c: { kind: 'none' }, list: [] });
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open) return;
    const c = completionAt(value, cursor);
    let current = true;
    suggest(c).then((list) => { if (current) { setItems({ c, list: list.slice(0, SHOWN) }); setActive(0); } });
    return () => { current = false; };
  }, [value, cursor, open]);

  const accept = (s: Suggestion) => {
    const prefix = items.c.kind === 'none' ? '' : items.c.prefix;
    const next = applyCompletion(value, cursor, prefix, s.insert);
    onChange(next.text);
    setCursor(next.cursor);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.cursor, next.cursor));
  };
  const shown = open && items.list.length > 0;
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!shown) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.list.length - 1)) % items.list.length);
    else if (e.key === 'Tab' || (e.key === 'Enter' && items.list[active])) accept(items.list[active]);
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };
  return (
    <div className="promql-input">
      <input ref={input} aria-label="PromQL" className="mono" value={value} aria-invalid={invalid} role="combobox"
        aria-expanded={shown} aria-controls="promql-suggestions" aria-autocomplete="list"
        aria-activedescendant={shown ? `promql-suggestion-${active}` : undefined} aria-describedby={error ? 'promql-error' : undefined}
        placeholder="sum by (job) (rate(http_requests_total[5m]))" spellCheck={false} autoComplete="off"
        onChange={(e) => { onChange(e.target.value); setCursor(e.target.selectionStart ?? e.target.value.length); setOpen(true); }}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? value.length)}
        onKeyDown={onKey} onBlur={() => setOpen(false)} />
      {shown && (
        <ul id="promql-suggestions" role="listbox" aria-label="Suggestions" className="suggestions">
          {items.list.map((s, i) => (
            <li key={`${s.kind} ${s.label}`} id={`promql-suggestion-${i}`} role="option" aria-selected={i === active}
              onMouseDown={(e) => { e.preventDefault(); accept(s); }}>
              <span className="mono">{s.label}</span><span className="muted small">{s.kind}</span>
            </li>
          ))}
        </ul>
      )}
      {error && <div id="promql-error" className="field-error" role="alert">{error}</div>}
      {error && <ErrorCaret query={value} error={error} />}
    </div>
  );
}

/** Under a one-line query, a caret at the column the engine's message names ("1:21: parse error: …"). */
function ErrorCaret({ query, error }: { query: string; error: string }) {
  const at = /(?:^|: )(\d+):(\d+): /.exec(error);
  const column = at && at[1] === '1' ? Number(at[2]) : 0;
  if (column < 1 || column > query.length + 1 || query.includes('\n')) return null;
  return <pre className="error-caret" aria-hidden="true">{query}{'\n'}{' '.repeat(column - 1)}^</pre>;
}
