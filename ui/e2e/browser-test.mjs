// The web UI in Debian's chromium, driven by playwright-core, against a real server that
// UiBrowserTest (server module) started and loaded with data. Environment:
//   SIGHTLINE_URL          the server's API port, e.g. http://127.0.0.1:8080
//   SIGHTLINE_OTLP_HTTP    its OTLP/HTTP port, where the live-tail step sends a log record
//   SIGHTLINE_CHROMIUM     the browser (default /usr/bin/chromium)
//   SIGHTLINE_SCREENSHOTS  where the screenshots go
//   SIGHTLINE_ERROR_TRACE, SIGHTLINE_PAYMENT_SPAN, SIGHTLINE_BIG_TRACE, SIGHTLINE_BIG_TRACE_SPANS: ids in the data
// Prints one line per step, the measured figures, and "all steps passed" or exits non-zero.
import assert from 'node:assert/strict';
import { comparisonAndServices, dashboardsAndAdmin } from './analysis-steps.mjs';
import { openBrowser } from './harness.mjs';

const env = process.env;
const base = env.SIGHTLINE_URL;
const errorTrace = env.SIGHTLINE_ERROR_TRACE;
const paymentSpan = env.SIGHTLINE_PAYMENT_SPAN;
const bigTrace = env.SIGHTLINE_BIG_TRACE;
const bigSpans = Number(env.SIGHTLINE_BIG_TRACE_SPANS ?? 10000);
assert.ok(base && errorTrace && paymentSpan && bigTrace, 'SIGHTLINE_URL and the ids of the test data are required');
const { page, step, shot, consoleErrors, finish } = await openBrowser({ shots: env.SIGHTLINE_SCREENSHOTS ?? 'target/ui-screenshots' });
const figures = {};

const rows = (table) => page.locator(`table[aria-label="${table}"] tbody tr`);
const ctx = { page, step, shot, rows, base, errorTrace };
const spanRows = () => page.locator('[role="treeitem"]');
const details = () => page.locator('aside[aria-label="Span details"]');

await step('trace search lists every trace and plots it', async () => {
  await page.goto(`${base}/traces`);
  await page.waitForURL(/\/traces$/);
  await rows('Traces').first().waitFor();
  assert.equal(await rows('Traces').count(), 41);
  assert.equal(await page.locator('svg.scatter circle').count(), 41);
  assert.equal(await page.locator('svg.scatter circle.error').count(), 8);
  await shot('traces');
});

await step('search by service, errors only and attribute; a bad duration shows the API\'s error', async () => {
  await page.getByLabel('Service').selectOption('payments');
  await page.getByLabel('Operation').selectOption('charge card');
  await page.getByText('Errors only').click();
  await page.getByLabel('Attribute filter 1').fill('payment.method=card');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/service=payments.*errors=true/);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Traces"] tbody tr').length === 8);
  assert.equal(await page.locator('table[aria-label="Traces"] tbody tr.has-error').count(), 8);
  assert.match(page.url(), /attr=payment.method%3Dcard/);
  await page.getByLabel('Min duration').fill('fast');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('alert').filter({ hasText: "minDuration: 'fast' is not a duration" }).waitFor();
  await page.goBack();
  await rows('Traces').first().waitFor();
});

await step('open a trace; the waterfall shows its spans; span details show attributes, status, events and resource', async () => {
  await page.locator(`table[aria-label="Traces"] a[href="/traces/${errorTrace}"]`).click();
  await page.waitForURL(new RegExp(`/traces/${errorTrace}`));
  await spanRows().first().waitFor();
  assert.equal(await spanRows().count(), 5);
  await page.locator(`[data-span-id="${paymentSpan}"]`).click();
  await page.waitForURL(new RegExp(`span=${paymentSpan}`));
  const text = await details().innerText();
  for (const expected of ['charge card', 'payments', 'ERROR: card expired', 'payment.method', 'exception', 'CardExpiredException',
    'service.name', 'deployment.environment.name', 'payment declined for order']) {
    assert.ok(text.includes(expected), `span details show '${expected}'`);
  }
  await shot('trace');
});

await step('collapse and expand the span tree, by mouse and by keys', async () => {
  await spanRows().first().getByRole('button', { name: 'Collapse' }).click();
  assert.equal(await spanRows().count(), 1);
  await spanRows().first().getByRole('button', { name: 'Expand' }).click();
  assert.equal(await spanRows().count(), 5);
  await page.locator('.wf-scroll').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.waitForURL((u) => !u.search.includes(paymentSpan));
});

await step('jump from the span to its log in Logs, and back to the trace', async () => {
  await page.goto(`${base}/traces/${errorTrace}?span=${paymentSpan}`);
  await details().getByRole('link', { name: 'Open in Logs' }).click();
  await page.waitForURL(/\/logs\?traceId=/);
  await page.locator('tr.log-row.focus').filter({ hasText: 'payment declined for order' }).waitFor();
  assert.equal(await rows('Log records').filter({ hasText: 'order-1002' }).count() >= 2, true);
  await page.goBack();
  await page.waitForURL(new RegExp(`/traces/${errorTrace}\\?span=${paymentSpan}`));
  await details().getByText('charge card').first().waitFor();
});

await comparisonAndServices(ctx);

await step('log search: text highlighted, severity and service filters, a link to the log\'s trace', async () => {
  await page.goto(`${base}/logs`);
  await rows('Log records').first().waitFor();
  await page.getByLabel('Text').fill('declined');
  await page.getByLabel('Minimum severity').selectOption('ERROR');
  await page.getByLabel('Service').selectOption('payments');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/contains=declined/);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Log records"] tbody tr.log-row').length === 8);
  assert.equal(await page.locator('table[aria-label="Log records"] mark').count(), 8);
  assert.equal((await page.locator('table[aria-label="Log records"] mark').first().innerText()).toLowerCase(), 'declined');
  await shot('logs');
  await page.getByRole('link', { name: 'View trace' }).first().click();
  await page.waitForURL(/\/traces\/[0-9a-f]{32}\?span=/);
  await details().waitFor();
});

await step('log volume by severity, and live tail shows a record sent after the page loaded', async () => {
  await page.goto(`${base}/logs`);
  await rows('Log records').first().waitFor();
  const volume = page.getByRole('img', { name: /^Log volume: \d+ records by severity$/ });
  await volume.waitFor();
  assert.equal(await volume.getAttribute('aria-label'), 'Log volume: 80 records by severity');
  assert.ok(await page.locator('svg.log-volume rect[data-level="error"]').count() > 0, 'error bars in the histogram');
  assert.ok(await page.locator('svg.log-volume rect[data-level="info"]').count() > 0, 'info bars in the histogram');
  await page.getByLabel('Live tail (new records every 2 s)').check();
  await page.waitForURL(/live=true/);
  await page.getByRole('status').filter({ hasText: 'live: 0 new' }).waitFor();
  const now = BigInt(Date.now()) * 1_000_000n;
  const record = { resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
    scopeLogs: [{ logRecords: [{ timeUnixNano: String(now), severityNumber: 13, severityText: 'WARN',
      body: { stringValue: 'tail me: stock low for order-4242' } }] }] }] };
  const sent = await fetch(`${env.SIGHTLINE_OTLP_HTTP}/v1/logs`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(record) });
  assert.equal(sent.status, 200);
  await rows('Log records').first().filter({ hasText: 'tail me: stock low for order-4242' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'live: 1 new' }).waitFor();
  await shot('logs-live');
  await page.getByLabel('Live tail (new records every 2 s)').uncheck();
});

await step('PromQL: autocomplete of functions, metrics, labels and values; lines, stacked and heatmap charts with labels; a table; the parser\'s error inline', async () => {
  await page.goto(`${base}/query`);
  const promql = page.getByLabel('PromQL', { exact: true });
  const option = (name) => page.getByRole('option').filter({ hasText: name });
  await promql.pressSequentially('sum(ra');
  await option('rate()').waitFor();
  await promql.press('Tab');
  assert.equal(await promql.inputValue(), 'sum(rate(');
  await promql.fill('');
  await promql.pressSequentially('queue_d');
  await option('queue_depth').waitFor();
  await promql.press('Tab');
  await promql.pressSequentially('{q');
  await option('queue').first().waitFor();
  await promql.press('Enter');
  assert.equal(await promql.inputValue(), 'queue_depth{queue="');
  await option('orders').waitFor();
  assert.equal(await option('emails').count(), 1);
  await promql.press('Escape');
  await promql.fill('queue_depth');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('.prom-chart canvas').waitFor();
  const legend = await page.locator('.prom-chart .u-legend').innerText();
  assert.ok(legend.includes('queue="orders"') && legend.includes('queue="emails"'), `legend: ${legend}`);
  await shot('metrics');
  await page.getByRole('radio', { name: 'Stacked' }).check();
  await page.waitForURL(/chart=stacked/);
  await page.locator('.prom-chart.stacked canvas').waitFor();
  await page.getByRole('radio', { name: 'Heatmap' }).check();
  await page.waitForURL(/chart=heatmap/);
  await page.getByRole('img', { name: 'Heatmap of 2 rows' }).waitFor();
  await page.locator('.heatmap canvas').hover();
  assert.match(await page.locator('.heatmap-hover').innerText(), /queue="(orders|emails)".* at .*: \d/);
  await shot('metrics-heatmap');
  await promql.fill('sum by (le) (traces_span_metrics_duration_milliseconds_bucket{job="payments"})');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('img', { name: 'Heatmap of 17 rows' }).waitFor();
  const buckets = await page.locator('.heatmap-labels li').allInnerTexts();
  assert.match(buckets[0], / – \+Inf$/, `the open bucket on top: ${buckets}`);
  assert.match(buckets[buckets.length - 1], /^≤ 2(\.0)?$/, `the smallest bucket at the bottom: ${buckets}`);
  await promql.fill('queue_depth');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('tab', { name: 'Table' }).click();
  await page.waitForURL(/view=table/);
  await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Result"] tbody tr').length === 2);
  await page.getByLabel('PromQL', { exact: true }).fill('rate(queue_depth[5m]');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('alert').filter({ hasText: 'HTTP 400' }).waitFor();
  assert.equal(await page.getByLabel('PromQL', { exact: true }).getAttribute('aria-invalid'), 'true');
  const message = await page.locator('#promql-error').innerText();
  const column = Number(/(?:^|: )1:(\d+): /.exec(message)?.[1] ?? 0);
  if (column > 0) {
    const caret = (await page.locator('.error-caret').innerText()).split('\n')[1];
    assert.equal(caret.length, column, `a caret under column ${column} of the query (${message})`);
  }
});

await step('alerts: the firing alert, rules with state and health, history, silences; a silence from an alert; a backtest preview; the edited rule saved', async () => {
  await page.goto(`${base}/alerts`);
  await rows('Active alerts').filter({ hasText: 'QueueBacklog' }).first().waitFor();
  assert.ok((await rows('Active alerts').first().innerText()).includes('firing'));
  await rows('Rules of queues').filter({ hasText: 'firing' }).waitFor();
  await rows('Silences').filter({ hasText: 'emails queue migration' }).waitFor();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await shot('alerts');
  await rows('Active alerts').filter({ hasText: 'orders' }).getByRole('button', { name: 'Silence' }).click();
  const form = page.getByRole('form', { name: 'New silence' });
  assert.ok((await form.locator('textarea').inputValue()).includes('queue="orders"'), 'the silence is prefilled with the alert\'s labels');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await rows('Rules of queues').filter({ hasText: 'QueueBacklog' }).getByRole('button', { name: 'Edit and preview' }).click();
  const editor = page.getByRole('form', { name: 'Rule preview' });
  assert.equal(await editor.getByLabel('Rule expression').inputValue(), 'queue_depth > 100');
  await editor.getByRole('button', { name: 'Preview' }).click();
  await rows('Backtest firings').filter({ hasText: 'queue=orders' }).first().waitFor();
  assert.equal(await rows('Backtest firings').filter({ hasText: 'queue=emails' }).count(), 0);
  await editor.getByLabel('Rule expression').fill('queue_depth > 5');
  await editor.getByRole('button', { name: 'Preview' }).click();
  await rows('Backtest firings').filter({ hasText: 'queue=emails' }).first().waitFor();
  await shot('alerts-backtest');
  await editor.getByLabel('Alert name').fill('QueueBacklogLow');
  await editor.getByRole('button', { name: 'Save as ui-QueueBacklogLow.yml' }).click();
  await editor.getByRole('status').filter({ hasText: 'Saved as rule file api/ui-QueueBacklogLow.yml' }).waitFor();
  await rows('Rules of QueueBacklogLow').filter({ hasText: 'queue_depth > 5' }).waitFor();
});

await dashboardsAndAdmin(ctx);

/** Opens the big trace in a fresh page load and reads what TracePage marked when the waterfall was drawn. */
async function openBigTrace() {
  const started = Date.now();
  await page.goto(`${base}/traces/${bigTrace}`);
  await spanRows().first().waitFor();
  const wallClockMs = Date.now() - started;
  const mark = await page.evaluate(() => {
    const m = performance.getEntriesByName('sightline:trace-rendered')[0];
    const fetch = performance.getEntriesByType('resource').find((r) => r.name.includes('/api/v1/traces/'));
    return { renderedAtMs: m.startTime, spans: m.detail.spans, sinceRequestMs: m.detail.sinceLoad,
      fetchMs: fetch?.duration, transferBytes: fetch?.transferSize, bodyBytes: fetch?.decodedBodySize };
  });
  return { ...mark, wallClockMs };
}

await step(`a ${bigSpans}-span trace renders (three loads), stays virtualised, scrolls, and its minimap scrolls it`, async () => {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await openBigTrace());
  const median = (f) => Math.round(runs.map(f).sort((a, b) => a - b)[1]);
  const mark = runs[0];
  assert.equal(mark.spans, bigSpans);
  Object.assign(figures, { bigTraceSpans: mark.spans, firstRenderMs: median((r) => r.renderedAtMs),
    firstRenderRunsMs: runs.map((r) => Math.round(r.renderedAtMs)), bigTraceWallClockMs: median((r) => r.wallClockMs),
    renderSinceRequestMs: median((r) => r.sinceRequestMs), traceFetchMs: median((r) => r.fetchMs ?? -1),
    traceJsonBytes: mark.bodyBytes, traceTransferBytes: mark.transferBytes });
  const inDom = await spanRows().count();
  assert.ok(inDom < 150, `only the rows in view are in the DOM (${inDom})`);
  await page.getByText(`${bigSpans} of ${bigSpans} spans shown`).waitFor();
  const scrolling = await page.evaluate(async () => {
    const el = document.querySelector('.wf-scroll');
    const frames = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    let last = await frame();
    for (let i = 0; i < 60; i++) {
      el.scrollTop += 4000;
      const now = await frame();
      frames.push(now - last);
      last = now;
    }
    el.scrollTop = el.scrollHeight;
    await frame();
    await frame();
    frames.sort((a, b) => a - b);
    return { maxFrameMs: frames[frames.length - 1], medianFrameMs: frames[frames.length >> 1] };
  });
  figures.scrollMaxFrameMs = Math.round(scrolling.maxFrameMs);
  figures.scrollMedianFrameMs = Math.round(scrolling.medianFrameMs);
  await page.locator('[role="treeitem"][aria-level="3"]').filter({ hasText: 'validate row' }).last().waitFor();
  await page.locator('.wf-scroll').evaluate((el) => { el.scrollTop = 0; });
  await spanRows().filter({ hasText: 'import nightly batch' }).waitFor();
  await shot('big-trace');
  const minimap = page.getByRole('scrollbar', { name: 'Trace overview' });
  const box = await minimap.boundingBox();
  await minimap.click({ position: { x: box.width / 2, y: box.height / 2 } });
  const middle = await page.locator('.wf-scroll').evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight));
  assert.ok(middle > 0.4 && middle < 0.6, `a click in the minimap's middle scrolls the waterfall there (${middle})`);
});

await step('dark theme, and an API key kept for the tab in Settings', async () => {
  await page.goto(`${base}/traces/${errorTrace}?span=${paymentSpan}`);
  await details().waitFor();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await shot('trace-dark');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('API key').fill('sl_example');
  await page.getByRole('button', { name: 'Save' }).click();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('sightline.apiKey')), 'sl_example');
  await details().waitFor(); // the page reloads its data with the key (auth is off here, so it is accepted)
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Forget key' }).click();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('sightline.apiKey')), null);
});

await step('no script errors and no Content-Security-Policy violations', async () => {
  assert.deepEqual(consoleErrors, []);
});

console.log(`figures ${JSON.stringify(figures)}`);
await finish();
