// Links between logs and traces.
import { withParams } from '../../router';

const MINUTE_MS = 60_000;

/** The Logs page showing the records of one trace, around its time. */
export function logsOfTrace(traceId: string, aroundMs: number, spanId?: string): string {
  return withParams('/logs', {
    traceId,
    span: spanId,
    from: new Date(aroundMs - 15 * MINUTE_MS).toISOString(),
    to: new Date(aroundMs + 15 * MINUTE_MS).toISOString(),
  });
}

/** The trace view of a log's trace, with the log's span selected. */
export function traceOfLog(traceId: string, spanId: string): string {
  return withParams(`/traces/${traceId}`, { span: /^0*$/.test(spanId) ? undefined : spanId });
}

export function hasTrace(traceId: string): boolean {
  return traceId !== '' && !/^0+$/.test(traceId);
}
