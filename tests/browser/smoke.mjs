// Smoke suite: the built site loads in Chromium without script errors and
// the print button becomes visible once JavaScript runs.
// Usage: node smoke.mjs PUBLIC_DIR ARTICLE_PATH
import { suite, assert } from './lib.mjs';

const [root, articlePath] = process.argv.slice(2);
await suite('smoke', root, async ({ server, context }) => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url + articlePath);
  assert(await page.locator('html').getAttribute('lang') === 'vi', 'html lang is vi');
  assert(await page.locator('.print-button').isVisible(), 'print button is shown when JavaScript runs');
  assert(errors.length === 0, `script errors: ${errors.join(', ')}`);
});
