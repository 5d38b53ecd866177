// Steps of browser-test.mjs for the pages that analyse: trace comparison, the service overview
// and map, dashboards and the Admin page. Each takes the context browser-test.mjs opened.
import assert from 'node:assert/strict';

/** Trace comparison (two picked traces, then errors against the rest), and the service overview. */
export async function comparisonAndServices({ page, step, shot, rows, base, errorTrace }) {
  await step('trace comparison: two picked traces, then errors against the rest, by service and operation', async () => {
    await page.goto(`${base}/traces`);
    await rows('Traces').first().waitFor();
    // an ordinary trace of the other route (/cart/checkout) as A, the declined one (/checkout) as B
    const ordinary = page.locator('table[aria-label="Traces"] tbody tr:not(.has-error)').filter({ hasText: 'GET /cart/checkout' }).first();
    await ordinary.locator('input[type="checkbox"]').check();
    await page.getByLabel(`Pick ${errorTrace} to compare`).check();
    await page.getByRole('link', { name: 'Compare the 2 picked traces' }).click();
    await page.waitForURL(new RegExp(`/compare\\?a=[0-9a-f]{32}&b=${errorTrace}`));
    const change = (c) => page.locator(`table[aria-label="Span comparison"] tr[data-change="${c}"]`);
    await change('slower').filter({ hasText: 'charge card' }).waitFor();
    assert.equal(await change('added').filter({ hasText: 'GET /checkout' }).count(), 1);
    assert.equal(await change('missing').filter({ hasText: 'GET /cart/checkout' }).count(), 1);
    assert.equal(await change('same').filter({ hasText: 'reserve items' }).count(), 1);
    await shot('compare');
    await page.goBack();
    await page.getByRole('link', { name: 'Compare traces with errors against the rest' }).click();
    await page.waitForURL(/\/compare\?a=.*&b=/);
    await page.getByText('A: 20 traces').waitFor();
    await change('slower').filter({ hasText: 'charge card' }).waitFor();
    assert.ok((await page.locator('.change-summary').innerText()).includes('0 added'));
  });

  await step('service overview: the map with call and error rates on its edges, RED per service and per operation', async () => {
    await page.goto(`${base}/services`);
    await rows('Services').filter({ hasText: 'payments' }).waitFor();
    const table = await page.locator('table[aria-label="Services"]').innerText();
    for (const s of ['frontend', 'checkout', 'inventory', 'payments']) assert.ok(table.includes(s), `services table lists ${s}: ${table}`);
    assert.ok((await rows('Services').filter({ hasText: 'payments' }).innerText()).includes('20.0%'), 'a fifth of the payments fail');
    const edge = page.locator('svg.service-map g.edge[data-edge="frontend>checkout"]');
    await edge.waitFor();
    assert.match(await edge.locator("text").textContent(), /\/min · 20\.0% err/);
    await shot('services');
    await page.getByRole('button', { name: 'Service checkout' }).click();
    await page.waitForURL(/\/services\?service=checkout/);
    await rows('Operations').filter({ hasText: 'POST /orders' }).waitFor();
    await page.locator('.red-charts canvas').nth(2).waitFor();
    assert.ok((await page.locator('section[aria-label="Latency"] .u-legend').innerText()).includes('p99'));
    await rows('Operations').getByRole('link', { name: 'POST /orders', exact: true }).click();
    await page.waitForURL(/operation=POST/);
    await page.getByRole('heading', { name: 'Latency (ms) of POST /orders, p50 / p95 / p99' }).waitFor();
    await shot('service');
  });
}

/** A dashboard created, saved and viewed with its variable and range; API keys on the Admin page. */
export async function dashboardsAndAdmin({ page, step, shot, rows, base }) {
  await step('dashboards: create one with a template variable and two panels, saved on the server, one time range for all', async () => {
    await page.goto(`${base}/dashboards`);
    await page.getByRole('button', { name: 'New dashboard' }).click();
    await page.waitForURL(/\/dashboards\/[0-9a-f]{12}\?edit=true/);
    const editor = page.getByRole('form', { name: 'Edit dashboard' });
    await editor.getByLabel('Dashboard title').fill('Queues');
    await editor.getByRole('button', { name: 'Add variable' }).click();
    await editor.getByLabel('Variable 1 name').fill('queue');
    await editor.getByLabel('Variable 1 label').fill('queue');
    await editor.getByLabel('Variable 1 metric').fill('queue_depth');
    await editor.getByLabel('Panel 1 title').fill('Depth of $queue');
    await editor.getByLabel('Panel 1 query').fill('queue_depth{queue="$queue"}');
    await editor.getByRole('button', { name: 'Add panel' }).click();
    await editor.getByLabel('Panel 2 title').fill('All queues now');
    await editor.getByLabel('Panel 2 query').fill('queue_depth');
    await editor.getByLabel('Panel 2 chart').selectOption('table');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => !u.search.includes('edit=true'));
    await page.getByLabel('Variable queue').selectOption('orders');
    await page.waitForURL(/var-queue=orders/);
    await page.locator('.panel .prom-chart .u-legend').filter({ hasText: 'queue="orders"' }).waitFor();
    assert.equal(await page.locator('.panel .prom-chart .u-legend').filter({ hasText: 'queue="emails"' }).count(), 0);
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Result"] tbody tr').length === 2);
    await page.getByLabel('Time range').selectOption('now-6h');
    await page.waitForURL(/from=now-6h/);
    await page.reload();
    await page.locator('.panel .prom-chart canvas').waitFor();
    assert.equal(await page.getByLabel('Variable queue').inputValue(), 'orders');
    await shot('dashboard');
    await page.goto(`${base}/dashboards`);
    await rows('Dashboards').filter({ hasText: 'Queues' }).waitFor();
  });

  await step('admin: who you are, API keys created (secret shown once) and revoked', async () => {
    await page.goto(`${base}/admin`);
    await page.getByText('authentication is off').waitFor();
    await page.getByLabel('Key name').fill('ci shipper');
    await page.getByLabel('Role').selectOption('operator');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('status').filter({ hasText: 'New key, shown only now' }).waitFor();
    const row = rows('API keys').filter({ hasText: 'ci shipper' });
    await row.waitFor();
    await shot('admin');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.filter({ hasText: 'revoked' }).waitFor();
  });
}
