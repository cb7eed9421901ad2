// Search benchmark, browser side: serves a built site (gzip for text, like a
// typical static host; Pagefind's files are pre-compressed by Pagefind) and
// measures in headless Chromium, for bantin and for Pagefind over the same
// site, the bytes and latency of each fixed query — first on a cold page (a
// fresh profile), then warm (one page running all queries in turn) and
// repeated (everything cached). Prints one JSON object.
// Usage: node measure.mjs BANTIN_PUBLIC PAGEFIND_PUBLIC QUERIES_JSON
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch } from '../../tests/browser/lib.mjs';

const [bantinRoot, pagefindRoot, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;
const RESULTS = 10;
const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt']);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };

function serve(root) {
  const log = [];
  const server = http.createServer((request, response) => {
    let pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(root, pathname);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
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
    root: bantinRoot,
    page: 'tim-kiem/',
    counts: (entry) => entry.path.includes('/chi-muc/') || entry.path.endsWith('/search.js'),
    run: (page, query) => page.evaluate(async (q) => {
      const started = performance.now();
      const hits = await window.bantinSearch(q, { limit: 10 });
      return { ms: performance.now() - started, urls: hits.map((hit) => hit.url) };
    }, query),
  },
  pagefind: {
    root: pagefindRoot,
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
  const server = await serve(tool.root);
  const result = { cold: [], warm: [], repeat: [] };
  for (const query of queries) {
    const browser = await launch();
    const mark = server.log.length;
    const page = await openPage(browser.context, server, tool);
    const run = await tool.run(page, query);
    result.cold.push({ query, bytes: bytesSince(server, tool, mark), ms: run.ms, hits: run.urls.length, top: run.urls[0] || null });
    await browser.close();
  }
  const browser = await launch();
  let mark = server.log.length;
  const page = await openPage(browser.context, server, tool);
  for (const query of queries) {
    const run = await tool.run(page, query);
    result.warm.push({ query, bytes: bytesSince(server, tool, mark), ms: run.ms, hits: run.urls.length });
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

fs.writeFileSync(path.join(pagefindRoot, 'pagefind-bench.html'), PAGEFIND_PAGE);
const output = { bantin: await measure('bantin'), pagefind: await measure('pagefind') };
console.log(JSON.stringify(output));
