import { useEffect, useState } from 'react';
import { searchTraces } from '../../api/endpoints';
import type { TraceSummary } from '../../api/types';
import { useApi } from '../../api/useApi';
import { Empty, ErrorMessage, Loading } from '../../components/States';
import { navigate, useLocation, withParams } from '../../router';
import { CompareActions } from './CompareActions';
import { DurationScatter } from './DurationScatter';
import { SearchForm } from './SearchForm';
import { TraceList } from './TraceList';
import { apiQuery, formFrom, urlParams } from './searchParams';
import { describe } from '../../time/range';

/** Trace search: the form, a duration-over-time scatter plot and the list; the URL holds the search. */
export function TraceSearchPage() {
  const { params, href } = useLocation();
  const form = formFrom(params);
  const result = useApi(href, async (signal) => {
    const q = apiQuery(form);
    return { ...q, page: await searchTraces(q.query, signal) };
  });
  const [more, setMore] = useState<{ traces: TraceSummary[]; cursor: string | null }>({ traces: [], cursor: null });
  const [moreError, setMoreError] = useState<Error>();
  const [picked, setPicked] = useState<string[]>([]);
  const pick = (id: string, on: boolean) => setPicked((old) => (on ? [...old.filter((x) => x !== id), id].slice(-2) : old.filter((x) => x !== id)));
  useEffect(() => setMore({ traces: [], cursor: result.data?.page.nextCursor ?? null }), [result.data]);
  const traces = [...(result.data?.page.items ?? []), ...more.traces];
  return (
    <div className="page">
      <SearchForm key={href} initial={form} onSearch={(f) => {
        if (withParams('/traces', urlParams(f)) === href) result.reload();
        else navigate(withParams('/traces', urlParams(f)));
      }} />
      {result.error && <ErrorMessage error={result.error} />}
      {result.loading && !result.data && <Loading what="traces" />}
      {result.data && !result.error && (
        traces.length === 0 ? (
          <Empty>No traces match in {describe(form.range).toLowerCase()}. Widen the time range or remove a filter.</Empty>
        ) : (
          <>
            <p className="summary">{traces.length} traces{more.cursor ? ' (more available)' : ''}</p>
            <DurationScatter traces={traces} startMs={result.data.startMs} endMs={result.data.endMs} />
            <CompareActions traces={traces} picked={picked} />
            <TraceList traces={traces} picked={new Set(picked)} onPick={pick} />
            {moreError && <ErrorMessage error={moreError} />}
            {more.cursor && (
              <button type="button" onClick={async () => {
                try {
                  const next = await searchTraces({ ...result.data!.query, cursor: more.cursor! });
                  setMore({ traces: [...more.traces, ...next.items], cursor: next.nextCursor });
                } catch (e) {
                  setMoreError(e as Error);
                }
              }}>Load more</button>
            )}
          </>
        )
      )}
    </div>
  );
}
