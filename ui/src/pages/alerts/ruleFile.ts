// One alerting rule as a rule file in the Prometheus format, for a backtest or to be stored. Every
// scalar is written JSON-quoted, which YAML reads as a double-quoted string.

export interface RuleDraft {
  name: string;
  expr: string;
  forText: string;
  /** name=value, separated by commas or lines */
  labels: string;
}

export function ruleFile(d: RuleDraft, group: string, intervalSeconds: number): string {
  const q = (s: string) => JSON.stringify(s);
  const labels = d.labels.split(/[\n,]+/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const i = l.indexOf('=');
    if (i <= 0) throw new Error(`labels: '${l}' is not of the form name=value`);
    return `          ${q(l.slice(0, i).trim())}: ${q(l.slice(i + 1).trim().replace(/^"(.*)"$/, '$1'))}`;
  });
  return [
    'groups:',
    `  - name: ${q(group)}`,
    `    interval: ${q(`${intervalSeconds}s`)}`,
    '    rules:',
    `      - alert: ${q(d.name.trim())}`,
    `        expr: ${q(d.expr.trim())}`,
    ...(d.forText.trim() ? [`        for: ${q(d.forText.trim())}`] : []),
    ...(labels.length ? ['        labels:', ...labels] : []),
    '',
  ].join('\n');
}

/** The API rule file the UI saves a rule in: one file per alert name. */
export function uiFileName(alert: string): string {
  return `ui-${alert.trim().replace(/[^A-Za-z0-9._-]+/g, '-') || 'rule'}.yml`;
}
