// Reports suite: the figures table and the build-time SVG chart of an
// article with a report, on a phone and in print; the /bao-cao/ overview.
// Usage: node reports.mjs PUBLIC_DIR ARTICLE_PATH
import { suite, assert } from './lib.mjs';

const [root, articlePath] = process.argv.slice(2);
await suite('reports', root, async ({ server, context }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url + articlePath);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `the phone page scrolls sideways by ${overflow}px`);
  const chart = page.locator('.report svg.bar-chart');
  const box = await chart.boundingBox();
  assert(box && box.width > 300 && box.height > 100, `chart box ${JSON.stringify(box)}`);
  const labelSize = await chart.locator('text').first().evaluate((node) => node.getBoundingClientRect().height);
  assert(labelSize >= 14, `chart labels stay readable on a phone (${labelSize}px high)`);
  const region = page.locator('.report .table-scroll');
  await region.focus();
  assert(await region.evaluate((node) => node === document.activeElement), 'the table region takes keyboard focus to scroll');
  const cover = page.locator('.article-cover img');
  const ratio = await cover.evaluate((img) => img.getBoundingClientRect().height / img.getBoundingClientRect().width);
  assert(Math.abs(ratio - 540 / 960) < 0.01, `cover keeps its 16:9 box (${ratio})`);
  assert(await cover.evaluate((img) => img.complete && img.naturalWidth === 960), 'cover image loads');
  const attachment = page.locator('.attachment-list a').first();
  const response = await page.request.get(new URL(await attachment.getAttribute('href'), server.url).href);
  assert(response.ok() && (await response.body()).subarray(0, 5).toString() === '%PDF-', 'attachment is published');
  await page.emulateMedia({ media: 'print' });
  const fill = await chart.locator('rect').first().evaluate((rect) => getComputedStyle(rect).fill);
  assert(fill === 'rgb(51, 51, 51)', `bars print dark (${fill})`);
  await page.emulateMedia({ media: 'screen' });
  await page.goto(server.url + 'bao-cao/');
  const figures = page.locator('.reports-list td.num a');
  assert(await figures.count() >= 3, 'the overview lists the sample reports');
  await figures.first().click();
  await page.waitForURL(/#so-lieu-bao-cao$/);
  assert(await page.locator('#so-lieu-bao-cao').isVisible(), 'a figure leads to its article\'s report');
});
