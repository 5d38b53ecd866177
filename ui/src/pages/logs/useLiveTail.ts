import { useEffect, useState } from 'react';
import { searchLogs, type LogSearch } from '../../api/endpoints';
import type { LogRecord } from '../../api/types';
import { apiSeconds } from '../../time/range';

const EVERY_MS = 2_000;
const KEEP = 1_000;

function time(l: LogRecord): bigint {
  return BigInt(l.timeUnixNano !== '0' ? l.timeUnixNano : l.observedTimeUnixNano);
}

/**
 * While on, asks every two seconds for the records of the search newer than the newest one seen
 * (from {@code sinceNanos} at first), and returns them newest first, at most the last thousand.
 */
export function useLiveTail(search: LogSearch, sinceNanos: bigint, on: boolean): { tailed: LogRecord[]; error?: Error } {
  const [state, setState] = useState<{ tailed: LogRecord[]; error?: Error }>({ tailed: [] });
  const key = JSON.stringify(search);
  useEffect(() => {
    setState({ tailed: [] });
    if (!on) return;
    let newest = sinceNanos;
    let seen = new Set<string>();
    const controller = new AbortController();
    const poll = async () => {
      const startMs = Number(newest / 1_000_000n);
      try {
        const page = await searchLogs({ ...search, start: apiSeconds(startMs), end: apiSeconds(Date.now() + 1_000), cursor: undefined },
          controller.signal);
        const fresh = page.items.filter((l) => time(l) > newest || (time(l) === newest && seen.size > 0 && !seen.has(identity(l))));
        if (fresh.length) {
          newest = fresh.reduce((m, l) => (time(l) > m ? time(l) : m), newest);
          seen = new Set([...(fresh.some((l) => time(l) === newest) ? seen : []), ...fresh.filter((l) => time(l) === newest).map(identity)]);
          setState((s) => ({ tailed: [...fresh, ...s.tailed].slice(0, KEEP) }));
        } else {
          setState((s) => (s.error ? { tailed: s.tailed } : s));
        }
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setState((s) => ({ ...s, error: e as Error }));
      }
    };
    const timer = window.setInterval(poll, EVERY_MS);
    void poll();
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, on, String(sinceNanos)]);
  return state;
}

function identity(l: LogRecord): string {
  return `${l.timeUnixNano}/${l.observedTimeUnixNano}/${l.spanId}/${JSON.stringify(l.body)}`;
}
