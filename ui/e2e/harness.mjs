// What the browser tests share: chromium through playwright-core, numbered steps that stop at the
// first failure with a screenshot, and a record of script errors and CSP violations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function openBrowser({ shots }) {
  mkdirSync(shots, { recursive: true });
  setTimeout(() => { console.log('not ok: the browser test took more than 4 minutes'); process.exit(2); }, 240_000);
  const browser = await chromium.launch({
    executablePath: process.env.SIGHTLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  let steps = 0;
  return {
    page,
    consoleErrors,
    shot: (name) => page.screenshot({ path: join(shots, `${name}.png`) }),
    async step(name, body) {
      const started = Date.now();
      try {
        await body();
        steps++;
        console.log(`ok ${steps} - ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        console.log(`not ok - ${name}: ${e.stack ?? e}`);
        console.log(`  at ${page.url()}; screenshot ${join(shots, 'failure.png')}`);
        await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
        await browser.close();
        process.exit(1);
      }
    },
    async finish() {
      console.log(`all steps passed (${steps} steps)`);
      await browser.close();
      process.exit(0);
    },
  };
}
