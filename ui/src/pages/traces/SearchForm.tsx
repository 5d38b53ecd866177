import { useState } from 'react';
import { operations, services } from '../../api/endpoints';
import { useApi } from '../../api/useApi';
import { TimeRangePicker } from '../../components/TimeRangePicker';
import type { TraceSearchForm } from './searchParams';

/** The trace search form; its draft becomes the URL (and so the search) on submit. */
export function SearchForm({ initial, onSearch }: { initial: TraceSearchForm; onSearch: (f: TraceSearchForm) => void }) {
  const [f, setF] = useState(initial);
  const known = useApi('services', services);
  const ops = useApi(f.service ? `ops:${f.service}` : null, (s) => operations(f.service, s));
  const set = (patch: Partial<TraceSearchForm>) => setF((old) => ({ ...old, ...patch }));
  const attrs = f.attrs.length ? f.attrs : [''];
  return (
    <form className="search-form" aria-label="Trace search" onSubmit={(e) => { e.preventDefault(); onSearch(f); }}>
      <label>
        <span>Service</span>
        <select aria-label="Service" value={f.service} onChange={(e) => set({ service: e.target.value, operation: '' })}>
          <option value="">All services</option>
          {(known.data ?? (f.service ? [f.service] : [])).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>
        <span>Operation</span>
        <select aria-label="Operation" value={f.operation} disabled={!f.service}
          onChange={(e) => set({ operation: e.target.value })}>
          <option value="">All operations</option>
          {(ops.data ?? (f.operation ? [f.operation] : [])).map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </label>
      <fieldset className="attrs">
        <legend>Attributes</legend>
        {attrs.map((a, i) => (
          <div key={i} className="attr-row">
            <input aria-label={`Attribute filter ${i + 1}`} placeholder="http.status_code=500" value={a}
              onChange={(e) => set({ attrs: attrs.map((x, j) => (j === i ? e.target.value : x)) })} />
            {attrs.length > 1 && (
              <button type="button" className="icon" aria-label={`Remove attribute filter ${i + 1}`}
                onClick={() => set({ attrs: attrs.filter((_, j) => j !== i) })}>×</button>
            )}
          </div>
        ))}
        <button type="button" className="link" onClick={() => set({ attrs: [...attrs, ''] })}>+ attribute</button>
      </fieldset>
      <label>
        <span>Min duration</span>
        <input aria-label="Min duration" placeholder="250ms" value={f.minDuration} size={8}
          onChange={(e) => set({ minDuration: e.target.value })} />
      </label>
      <label>
        <span>Max duration</span>
        <input aria-label="Max duration" placeholder="2s" value={f.maxDuration} size={8}
          onChange={(e) => set({ maxDuration: e.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={f.errors} onChange={(e) => set({ errors: e.target.checked })} />
        <span>Errors only</span>
      </label>
      <TimeRangePicker value={f.range} onChange={(range) => set({ range })} />
      <label>
        <span>Limit</span>
        <input aria-label="Limit" placeholder="100" value={f.limit} size={5} onChange={(e) => set({ limit: e.target.value })} />
      </label>
      <button type="submit" className="primary">Search</button>
    </form>
  );
}
