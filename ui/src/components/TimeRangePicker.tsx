import { useState } from 'react';
import { PRESETS, type RangeText, resolve } from '../time/range';

/** Relative presets, or a custom range whose ends take now-2h or RFC 3339 times. */
export function TimeRangePicker({ value, onChange }: { value: RangeText; onChange: (r: RangeText) => void }) {
  const preset = PRESETS.find((p) => p.from === value.from && value.to === 'now');
  const [custom, setCustom] = useState(!preset);
  let problem = '';
  try {
    resolve(value);
  } catch (e) {
    problem = (e as Error).message;
  }
  return (
    <div className="range-picker">
      <label>
        <span>Time range</span>
        <select
          aria-label="Time range"
          value={custom ? 'custom' : preset?.from ?? 'custom'}
          onChange={(e) => {
            if (e.target.value === 'custom') {
              const r = resolve(value);
              setCustom(true);
              onChange({ from: new Date(r.startMs).toISOString(), to: new Date(r.endMs).toISOString() });
            } else {
              setCustom(false);
              onChange({ from: e.target.value, to: 'now' });
            }
          }}>
          {PRESETS.map((p) => <option key={p.from} value={p.from}>{p.label}</option>)}
          <option value="custom">Custom range…</option>
        </select>
      </label>
      {custom && (
        <>
          <label>
            <span>From</span>
            <input aria-label="From" value={value.from} placeholder="now-2h or 2026-01-01T10:00:00Z"
              onChange={(e) => onChange({ ...value, from: e.target.value })} />
          </label>
          <label>
            <span>To</span>
            <input aria-label="To" value={value.to} placeholder="now"
              onChange={(e) => onChange({ ...value, to: e.target.value })} />
          </label>
        </>
      )}
      {problem && <div className="field-error" role="alert">{problem}</div>}
    </div>
  );
}
