// Search benchmark, browser side: serves a built site and Pagefind's bundle
// the same way (server.mjs: gzip for text, every file compressed once) and
// measures in headless Chromium, for bantin and for Pagefind over the same
// site, the bytes and latency of each fixed query — first on a cold page (a
// fresh profile), then warm (the tool loaded), in a session (one page
// running all queries in turn) and repeated (everything cached). Prints one
// JSON object.
//
// The warm query runs BANTIN_BENCH_SETTLE_MS (default 1,000 ms) after the
// query that loaded the tool: the browser was launched a moment before,
// and on a small machine its own start-up would otherwise run during the
// query (a reader's browser has long finished starting when they type).
//
// Every query has a time cap (BANTIN_BENCH_CAP_MS, default 10,000 ms): a
// query still running then is recorded as `capped` (its time is at least the
// cap; its bytes, counted so far, are a lower bound). A tool with a capped
// warm query runs the session and the repeat over the first
// SESSION_WHEN_SLOW queries only, and the result says so (`notes`), so
// the whole run stays bounded even when a tool takes seconds per query.
// Usage: node measure.mjs PUBLIC PAGEFIND_BUNDLE QUERIES_JSON
// (PAGEFIND_BUNDLE: the folder `pagefind --output-path` wrote, served as /pagefind/)
import fs from 'node:fs';
import { serve } from './server.mjs';

const [siteRoot, pagefindBundle, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;
const RESULTS = 10;
const CAP_MS = Number(process.env.BANTIN_BENCH_CAP_MS || 10000);
const SESSION_WHEN_SLOW = 5;
const SETTLE_MS = Number(process.env.BANTIN_BENCH_SETTLE_MS ?? 1000);

// A query that matches nothing: it loads a tool without warming its caches.
const NOTHING = 'qxqxqz';

const PAGEFIND_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Pagefind</title>
<script>window.runSearch = async function (query) {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, ${RESULTS}).map((result) => result.data()));
  return data.map((item) => item.url);
};</script></html>`;

const tools = {
  bantin: {
    page: 'tim-kiem/',
    counts: (entry) => entry.path.includes('/chi-muc/') || entry.path.endsWith('/search.js'),
    run: (page, query) => page.evaluate(async (q) => {
      const started = performance.now();
      const hits = await window.bantinSearch(q, { limit: 10 });
      return { ms: performance.now() - started, urls: hits.map((hit) => hit.url) };
    }, query),
  },
  pagefind: {
    page: 'pagefind-bench.html',
    counts: (entry) => entry.path.startsWith('/pagefind/'),
    run: (page, query) => page.evaluate(async (q) => {
      const started = performance.now();
      const urls = await window.runSearch(q);
      return { ms: performance.now() - started, urls };
    }, query),
  },
};

async function openPage(context, server, tool) {
  const page = await context.newPage();
  await page.goto(server.url + tool.page);
  return page;
}

function bytesSince(server, tool, mark) {
  return server.log.slice(mark).filter(tool.counts).reduce((sum, entry) => sum + entry.bytes, 0);
}

// Runs a query with the cap: {ms, urls} or {ms: CAP_MS, urls: [], capped}.
async function capped(tool, page, query) {
  let timer;
  let over = false;
  const cap = new Promise((resolve) => {
    timer = setTimeout(() => {
      over = true;
      resolve({ ms: CAP_MS, urls: [], capped: true });
    }, CAP_MS);
  });
  // A query abandoned at the cap fails when its page closes: that is no error.
  const run = tool.run(page, query).catch((error) => {
    if (over) return null;
    throw error;
  });
  try {
    return await Promise.race([run, cap]);
  } finally {
    clearTimeout(timer);
  }
}

function entry(query, bytes, run) {
  const result = { query, bytes, ms: run.ms, hits: run.urls.length };
  if (run.capped) result.capped = true;
  return result;
}

// Cold and warm: a fresh profile per query.
async function coldAndWarm(tool, server, result) {
  for (const query of queries) {
    // Cold: a fresh profile, the query first.
    let browser = await server.launch();
    let mark = server.log.length;
    let page = await openPage(browser.context, server, tool);
    let run = await capped(tool, page, query);
    result.cold.push({ ...entry(query, bytesSince(server, tool, mark), run), top: run.urls[0] || null });
    await browser.close();
    // Warm: a fresh profile where the tool has already run a query that
    // matches nothing; this query's own downloads and time.
    browser = await server.launch();
    page = await openPage(browser.context, server, tool);
    await capped(tool, page, NOTHING);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    mark = server.log.length;
    run = await capped(tool, page, query);
    result.warm.push(entry(query, bytesSince(server, tool, mark), run));
    await browser.close();
  }
}

// Session: one page running the queries in turn (after a capped query, a
// new page of the same browser, whose HTTP cache keeps what was fetched),
// then the same queries again, everything cached (repeat).
async function session(tool, server, result, list) {
  const browser = await server.launch();
  let mark = server.log.length;
  let page = await openPage(browser.context, server, tool);
  for (const query of list) {
    const run = await capped(tool, page, query);
    result.session.push(entry(query, bytesSince(server, tool, mark), run));
    if (run.capped) {
      await page.close();
      page = await openPage(browser.context, server, tool);
    }
    mark = server.log.length;
  }
  for (const query of list) {
    const run = await capped(tool, page, query);
    result.repeat.push(run.capped ? { query, ms: run.ms, capped: true } : { query, ms: run.ms });
    if (run.capped) {
      await page.close();
      page = await openPage(browser.context, server, tool);
    }
  }
  await browser.close();
}

async function measure(name) {
  const tool = tools[name];
  const server = await serve(siteRoot, { '/pagefind/': pagefindBundle }, { '/pagefind-bench.html': PAGEFIND_PAGE });
  const result = { cap_ms: CAP_MS, settle_ms: SETTLE_MS, notes: [], cold: [], warm: [], session: [], repeat: [] };
  if (server.http2) result.notes.push('served over HTTP/2 with TLS (BANTIN_BENCH_HTTP2=1)');
  await coldAndWarm(tool, server, result);
  const slow = result.cold.concat(result.warm).filter((run) => run.capped).length;
  let list = queries;
  if (slow) {
    list = queries.slice(0, SESSION_WHEN_SLOW);
    result.notes.push(`${slow} cold/warm queries over the ${CAP_MS / 1000} s cap; session and repeat cut to the first ${list.length} queries`);
  }
  await session(tool, server, result, list);
  await server.close();
  return result;
}

// BANTIN_BENCH_TOOLS=bantin measures bantin only and keeps Pagefind's
// results from BANTIN_BENCH_PREVIOUS (an earlier measure.json of the same corpus).
const only = (process.env.BANTIN_BENCH_TOOLS || 'bantin,pagefind').split(',');
const previous = process.env.BANTIN_BENCH_PREVIOUS && fs.existsSync(process.env.BANTIN_BENCH_PREVIOUS)
  ? JSON.parse(fs.readFileSync(process.env.BANTIN_BENCH_PREVIOUS, 'utf8') || '{}')
  : {};
const output = {};
for (const name of ['bantin', 'pagefind']) {
  output[name] = only.includes(name) ? await measure(name) : previous[name];
  if (!output[name]) throw new Error(`no results for ${name}: measure it or give BANTIN_BENCH_PREVIOUS`);
}
console.log(JSON.stringify(output));
