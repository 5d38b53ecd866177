import type { LogRecord } from '../../api/types';
import { attrText } from '../../components/AttributeTable';
import { Highlight } from '../../components/Highlight';

export function bodyText(log: LogRecord): string {
  return log.body === null ? '' : attrText(log.body);
}

export function severityClass(n: number): string {
  if (n >= 17) return 'sev-error';
  if (n >= 13) return 'sev-warn';
  if (n >= 9) return 'sev-info';
  if (n >= 1) return 'sev-debug';
  return 'sev-unset';
}

export function severityName(log: LogRecord): string {
  if (log.severityText) return log.severityText;
  const names = ['UNSET', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  return names[Math.ceil(log.severityNumber / 4)] ?? String(log.severityNumber);
}

export function Severity({ log }: { log: LogRecord }) {
  return <span className={`sev ${severityClass(log.severityNumber)}`}>{severityName(log)}</span>;
}

export function LogBody({ log, term = '' }: { log: LogRecord; term?: string }) {
  return <span className="log-body"><Highlight text={bodyText(log)} term={term} /></span>;
}
