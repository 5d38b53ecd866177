import type { TraceSummary } from '../../api/types';
import { Link, withParams } from '../../router';

/** At most this many traces per side of a group comparison, so that it loads in a moment. */
const GROUP_LIMIT = 20;

/** Compare the two picked traces, or the search's traces with errors against those without. */
export function CompareActions({ traces, picked }: { traces: TraceSummary[]; picked: string[] }) {
  const failed = traces.filter((t) => t.errorCount > 0).slice(0, GROUP_LIMIT).map((t) => t.traceId);
  const fine = traces.filter((t) => t.errorCount === 0).slice(0, GROUP_LIMIT).map((t) => t.traceId);
  return (
    <div className="compare-actions">
      {picked.length === 2
        ? <Link className="button" to={withParams('/compare', { a: picked[0], b: picked[1] })}>Compare the 2 picked traces</Link>
        : <span className="muted small">Pick two traces to compare them ({picked.length} picked)</span>}
      {failed.length > 0 && fine.length > 0 && (
        <Link className="button" to={withParams('/compare', { a: fine, b: failed })}
          title={`the first ${fine.length} traces without errors (A) against the first ${failed.length} with errors (B)`}>
          Compare traces with errors against the rest
        </Link>
      )}
    </div>
  );
}
