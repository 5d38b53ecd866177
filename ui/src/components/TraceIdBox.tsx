import { useState } from 'react';
import { navigate } from '../router';

/** Opens a trace by its id from anywhere. */
export function TraceIdBox() {
  const [id, setId] = useState('');
  const [problem, setProblem] = useState('');
  return (
    <form className="trace-id-box" role="search" onSubmit={(e) => {
      e.preventDefault();
      const t = id.trim().toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(t)) {
        setProblem(`'${id.trim()}' is not a trace id: 32 hex digits`);
        return;
      }
      setProblem('');
      setId('');
      navigate(`/traces/${t}`);
    }}>
      <input aria-label="Trace id" placeholder="Trace id" value={id} onChange={(e) => { setId(e.target.value); setProblem(''); }} />
      {problem && <div className="popover-error" role="alert">{problem}</div>}
    </form>
  );
}
