// Search benchmark, the static server: serves a built site and a Pagefind
// bundle (under /pagefind/) the way a static host does, the same for both
// tools. Text files (HTML, CSS, JS, JSON…) are sent gzipped when the browser
// accepts it, everything else as it is (Pagefind's files are gzipped by
// Pagefind; bantin's .bin shards are sent raw). Every file is read and
// compressed once, when first asked for, and then served from memory, like
// nginx with `gzip_static on` over files compressed at deploy time — so the
// numbers measure the tools, not this one-threaded server's gzip. (Each
// query's files are first asked for by its cold run, before its warm run.)
// `{ memory: false }` reads and compresses on every request instead, as the
// first version of the benchmark did.
// Usage: import { serve } from './server.mjs'; serve(root, { '/pagefind/': dir }, { '/x.html': html })
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt']);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };

/** What `file` sends: {raw, gzip, type}, read and compressed once (null if missing). */
function cached(cache, file) {
  if (cache.has(file)) return cache.get(file);
  let entry = null;
  try {
    const raw = fs.readFileSync(file);
    const extension = path.extname(file);
    entry = {
      raw,
      gzip: COMPRESS.has(extension) ? zlib.gzipSync(raw, { level: 6 }) : null,
      type: TYPES[extension] || 'application/octet-stream',
    };
  } catch {
    entry = null;
  }
  cache.set(file, entry);
  return entry;
}

/**
 * Serves `root` at /, each of `mounts` ({'/pagefind/': dir}) at its prefix,
 * and `pages` ({'/name.html': html}) from memory. Resolves to {url, log,
 * close}; `log` gets {path, bytes} per file sent.
 */
export function serve(root, mounts = {}, pages = {}, { memory = true } = {}) {
  const log = [];
  const cache = new Map();
  const server = http.createServer((request, response) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    } catch {
      response.writeHead(400);
      response.end();
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    if (pages[pathname]) {
      response.writeHead(200, { 'content-type': TYPES['.html'] });
      response.end(pages[pathname]);
      return;
    }
    const mount = Object.keys(mounts).find((prefix) => pathname.startsWith(prefix));
    const base = path.resolve(mount ? mounts[mount] : root);
    const file = path.join(base, mount ? pathname.slice(mount.length) : pathname);
    const entry = file.startsWith(base) ? cached(cache, file) : null;
    if (!memory) cache.clear();
    if (!entry) {
      response.writeHead(404);
      response.end();
      return;
    }
    const gzip = entry.gzip && /gzip/.test(request.headers['accept-encoding'] || '');
    const body = gzip ? entry.gzip : entry.raw;
    const headers = { 'content-type': entry.type, 'cache-control': 'max-age=31536000, immutable', 'content-length': body.length };
    if (gzip) headers['content-encoding'] = 'gzip';
    log.push({ path: pathname, bytes: body.length });
    response.writeHead(200, headers);
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    log,
    close: () => new Promise((done) => server.close(done)),
  })));
}
