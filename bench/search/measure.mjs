// Search benchmark, browser side: serves a built site (gzip for text, like a
// typical static host; Pagefind's files are pre-compressed by Pagefind) and
// measures in headless Chromium, for bantin and for Pagefind over the same
// site, the bytes and latency of each fixed query — first on a cold page (a
// fresh profile), then warm (one page running all queries in turn) and
// repeated (everything cached). Prints one JSON object.
// Usage: node measure.mjs PUBLIC PAGEFIND_BUNDLE QUERIES_JSON
// (PAGEFIND_BUNDLE: the folder `pagefind --output-path` wrote, served as /pagefind/)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch } from '../../tests/browser/lib.mjs';

const [siteRoot, pagefindBundle, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;
const RESULTS = 10;
const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt']);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };

// A query that matches nothing: it loads a tool without warming its caches.
const NOTHING = 'qxqxqz';

function serve(root) {
  const log = [];
  const server = http.createServer((request, response) => {
    let pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (pathname.endsWith('/')) pathname += 'index.html';
    if (pathname === '/pagefind-bench.html') {
      response.writeHead(200, { 'content-type': TYPES['.html'] });
      response.end(PAGEFIND_PAGE);
      return;
    }
    const file = pathname.startsWith('/pagefind/')
      ? path.join(pagefindBundle, pathname.slice('/pagefind/'.length))
      : path.join(root, pathname);
    if (!file.startsWith(path.resolve(pathname.startsWith('/pagefind/') ? pagefindBundle : root))) {
      response.writeHead(404);
      response.end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404);
      response.end();
      return;
    }
    let body = fs.readFileSync(file);
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'max-age=31536000, immutable' };
    if (COMPRESS.has(path.extname(file)) && /gzip/.test(request.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    log.push({ path: pathname, bytes: body.length });
    response.writeHead(200, headers);
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`, log, close: () => new Promise((done) => server.close(done)),
  })));
}

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
  await page.waitForLoadState('load');
  return page;
}

function bytesSince(server, tool, mark) {
  return server.log.slice(mark).filter(tool.counts).reduce((sum, entry) => sum + entry.bytes, 0);
}

async function measure(name) {
  const tool = tools[name];
  const server = await serve(siteRoot);
  const result = { cold: [], warm: [], session: [], repeat: [] };
  for (const query of queries) {
    // Cold: a fresh profile, the query first.
    let browser = await launch();
    let mark = server.log.length;
    let page = await openPage(browser.context, server, tool);
    let run = await tool.run(page, query);
    result.cold.push({ query, bytes: bytesSince(server, tool, mark), ms: run.ms, hits: run.urls.length, top: run.urls[0] || null });
    await browser.close();
    // Warm: a fresh profile where the tool has already run a query that
    // matches nothing; this query's own downloads and time.
    browser = await launch();
    page = await openPage(browser.context, server, tool);
    await tool.run(page, NOTHING);
    mark = server.log.length;
    run = await tool.run(page, query);
    result.warm.push({ query, bytes: bytesSince(server, tool, mark), ms: run.ms, hits: run.urls.length });
    await browser.close();
  }
  // Session: one page running all the queries in turn, then again (repeat).
  const browser = await launch();
  let mark = server.log.length;
  const page = await openPage(browser.context, server, tool);
  for (const query of queries) {
    const run = await tool.run(page, query);
    result.session.push({ query, bytes: bytesSince(server, tool, mark), ms: run.ms, hits: run.urls.length });
    mark = server.log.length;
  }
  for (const query of queries) {
    const run = await tool.run(page, query);
    result.repeat.push({ query, ms: run.ms });
  }
  await browser.close();
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
