// Accessibility suite: axe-core in headless Chromium reports no serious or
// critical violation on each page kind of the built sample site.
// Usage: node axe.mjs PUBLIC_DIR
// PAGES is the one list of pages checked; add a page kind here when the
// site gets one.
import { createRequire } from 'node:module';
import { suite, assert } from './lib.mjs';

export const PAGES = [
  ['home', ''],
  ['article', '2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/'],
  ['article with cover and attachment', '2025/05/ke-hoach-kiem-tra-an-toan-vat-lieu-no-cong-nghiep-va-hoa-chat-nam-2025/'],
  ['article with a report', '2014/09/ket-qua-khuyen-cong-9-thang-dau-nam-2014/#so-lieu-bao-cao'],
  ['reports overview', 'bao-cao/'],
  ['category', 'chuyen-muc/khuyen-cong/'],
  ['tag', 'the/khuyen-cong/'],
  ['archive', 'luu-tru/'],
  ['archive year', 'luu-tru/2014/'],
  ['search', 'tim-kiem/?q=khuy%E1%BA%BFn%20c%C3%B4ng'],
  ['page', 'gioi-thieu/'],
  ['404', '404.html'],
];

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const [root] = process.argv.slice(2);

await suite('axe', root, async ({ server, context }) => {
  const failures = [];
  for (const [kind, path] of PAGES) {
    const page = await context.newPage();
    const response = await page.goto(server.url + path);
    assert(response && response.status() < 400 || path === '404.html', `${kind}: ${path} did not load`);
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert(Array.isArray(results.violations), `${kind}: axe did not run`);
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') {
        const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ');
        failures.push(`${kind} (/${path}): ${violation.impact} ${violation.id}: ${violation.help} [${targets}]`);
      }
    }
    await page.close();
  }
  assert(failures.length === 0, `axe-core violations:\n${failures.join('\n')}`);
  console.log(`axe: ${PAGES.length} pages, no serious or critical violation`);
});
