// Injection canary: loads every generated page, feed and sitemap of the
// hostile fixture site (tests/common/hostile.rs, payloads from
// tests/hostile/payloads.json) in Chromium. Every payload that would run
// script calls window.__pwned(ID); here that function is a canary binding
// in every page and frame, and any call, dialog (alert/confirm/prompt) or
// script-created global fails the suite. Links that would leave through a
// non-http scheme are clicked as well.
// Usage: node hostile.mjs PUBLIC_DIR [SERVE_URL]
//   SERVE_URL: a running `bantin serve` of the same site whose last rebuild
//   failed with payloads in its diagnostics; its pages (with the error
//   overlay) are loaded too.
import fs from 'node:fs';
import path from 'node:path';
import { suite, assert } from './lib.mjs';

const [root, serveUrl] = process.argv.slice(2);
// Some 200 pages, feeds and searches on a shared 2-core machine.
process.env.BANTIN_SUITE_TIMEOUT_MS ??= '400000';
const catalogue = JSON.parse(fs.readFileSync(new URL('../hostile/payloads.json', import.meta.url), 'utf8'));
const canary = catalogue.canary;

function walk(dir, prefix = '') {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) found.push(...walk(path.join(dir, entry.name), relative + '/'));
    else if (/\.(html|xml)$/.test(entry.name)) found.push(relative);
  }
  return found.sort();
}

/** Installs the canary on every page of `context`; returns the list of hits. */
async function armCanary(context) {
  const hits = [];
  await context.exposeBinding(canary, (source, id) => {
    hits.push(`${canary}(${JSON.stringify(String(id))}) ran on ${source.frame.url()}`);
  });
  await context.addInitScript((name) => {
    for (const dialog of ['alert', 'confirm', 'prompt']) {
      window[dialog] = (...args) => window[name](`${dialog}:${args.join(',')}`);
    }
  }, canary);
  return hits;
}

/** hrefs that the browser would follow with a scheme other than http(s), mailto or tel. */
async function unsafeLinks(page) {
  // Redirect pages (aliases) navigate away by themselves: read the page
  // they end on.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await page.evaluate(() => [...document.querySelectorAll('a[href], area[href]')]
        .map((a) => ({ href: a.href, protocol: a.protocol }))
        .filter((a) => !['http:', 'https:', 'mailto:', 'tel:', ''].includes(a.protocol)));
    } catch (error) {
      if (!String(error).includes('Execution context was destroyed')) throw error;
      await page.waitForLoadState('load');
    }
  }
  return [];
}

async function visit(page, url, hits, problems) {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 15000 });
  if (!response) { problems.push(`${url}: no response`); return; }
  // Give onerror/onload/autofocus handlers of broken images a moment to fire.
  await page.waitForTimeout(20);
  const isHtml = (response.headers()['content-type'] || '').includes('html');
  if (!isHtml) return;
  for (const link of await unsafeLinks(page)) {
    problems.push(`${url}: link with ${link.protocol} ${link.href.slice(0, 120)}`);
    // Prove the point: clicking it must not run anything either.
    await page.evaluate((href) => {
      const a = [...document.querySelectorAll('a[href]')].find((x) => x.href === href);
      if (a) a.click();
    }, link.href).catch(() => {});
  }
  for (const element of (await page.$$('[autofocus], details, [tabindex]')).slice(0, 10)) {
    await element.focus().catch(() => {});
  }
}

await suite('hostile', root, async ({ server, context }) => {
  const hits = await armCanary(context);
  const problems = [];
  const page = await context.newPage();
  page.on('dialog', (dialog) => { hits.push(`dialog "${dialog.message()}" on ${page.url()}`); dialog.dismiss().catch(() => {}); });
  // The canary must be able to sing: a known injection is caught.
  await page.setContent(`<img src="missing.png" onerror="${canary}('self-test')">`);
  await page.waitForFunction(() => true, null, { timeout: 1000 });
  await page.waitForTimeout(200);
  assert(hits.length === 1 && hits[0].includes('self-test'), `canary self-test failed: ${hits.join(', ')}`);
  hits.length = 0;
  const files = walk(root);
  assert(files.length > 100, `only ${files.length} pages and feeds to load`);
  for (const file of files) await visit(page, server.url + file, hits, problems);
  // Article pages again, hovering over every link and image of the body.
  for (const file of files.filter((f) => /^2025\/\d\d\/p-\d+\/index\.html$/.test(f))) {
    await page.goto(server.url + file, { waitUntil: 'load' });
    for (const element of (await page.$$('main a, main img')).slice(0, 12)) {
      await element.hover({ timeout: 500, force: true }).catch(() => {});
    }
  }
  // The search page with every payload as the query (the client runs it on load).
  if (files.includes('tim-kiem/index.html')) {
    for (const payload of catalogue.payloads) {
      await visit(page, `${server.url}tim-kiem/?q=${encodeURIComponent(payload.text)}`, hits, problems);
    }
  }
  if (serveUrl) {
    await visit(page, serveUrl, hits, problems);
    const overlay = await page.locator('#bantin-overlay').textContent({ timeout: 10000 });
    assert(overlay.includes(canary), 'the serve overlay shows the payload as text');
    for (const file of files.filter((f) => f.endsWith('.html')).slice(0, 40)) {
      await visit(page, serveUrl + file, hits, problems);
    }
  }
  assert(hits.length === 0, `injected script ran:\n${hits.join('\n')}`);
  assert(problems.length === 0, `unsafe links:\n${problems.join('\n')}`);
  console.log(`hostile: ${files.length} files loaded${serveUrl ? ' (and the serve overlay)' : ''}, canary silent`);
});
