// The web UI against a server with authentication on (UiBrowserTest starts it): the page loads
// without credentials, the API's 401 offers an API key, and with the key the data shows.
// A viewer's key shows no page or button its role cannot use.
// Environment: SIGHTLINE_URL, SIGHTLINE_API_KEY (admin), SIGHTLINE_VIEWER_KEY, SIGHTLINE_CHROMIUM, SIGHTLINE_SCREENSHOTS.
import assert from 'node:assert/strict';
import { openBrowser } from './harness.mjs';

const base = process.env.SIGHTLINE_URL;
const key = process.env.SIGHTLINE_API_KEY;
const viewer = process.env.SIGHTLINE_VIEWER_KEY;
assert.ok(base && key && viewer, 'SIGHTLINE_URL, SIGHTLINE_API_KEY and SIGHTLINE_VIEWER_KEY are required');
const { page, step, shot, consoleErrors, finish } = await openBrowser({ shots: process.env.SIGHTLINE_SCREENSHOTS ?? 'target/ui-screenshots' });

await step('without credentials the page loads and the API\'s 401 is explained', async () => {
  await page.goto(`${base}/traces`);
  await page.getByRole('alert').filter({ hasText: 'no credentials' }).first().waitFor();
  await page.getByRole('button', { name: 'Use an API key' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Log in' }).count(), 0, 'no Log in without a configured UI login');
  await shot('auth-needed');
});

await step('a wrong key is refused with the API\'s reason', async () => {
  await page.getByRole('button', { name: 'Use an API key' }).click();
  await page.getByLabel('API key').fill('not-a-key');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').filter({ hasText: 'unknown or revoked' }).first().waitFor();
});

await step('with the key the services and traces load, and reloading keeps it for the tab', async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('table[aria-label="Traces"] tbody tr').first().waitFor();
  assert.equal(await page.locator('.auth-banner').count(), 0);
  await page.reload();
  await page.locator('table[aria-label="Traces"] tbody tr').first().waitFor();
  const options = await page.getByLabel('Service').locator('option').allInnerTexts();
  assert.ok(options.includes('frontend'), `services: ${options}`);
});

await step('a viewer sees no page and no button that would answer 403; an admin sees them', async () => {
  const nav = () => page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts();
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Admin' }).waitFor();
  await page.goto(`${base}/dashboards`);
  await page.getByRole('button', { name: 'New dashboard' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('API key').fill(viewer);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('No dashboards saved yet.').waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('nav[aria-label="Pages"] a')].some((a) => a.textContent === 'Admin'));
  assert.equal(await page.getByRole('button', { name: 'New dashboard' }).count(), 0);
  const pages = await nav();
  assert.ok(!pages.includes('Admin') && pages.includes('Dashboards'), `a viewer's pages: ${pages}`);
  await page.goto(`${base}/admin`);
  await page.getByText('API keys and roles need admin:system').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create key' }).count(), 0);
  await shot('viewer-admin');
});

await step('no script errors and no Content-Security-Policy violations', async () => {
  assert.deepEqual(consoleErrors, []);
});

await finish();
