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
// With BANTIN_BENCH_HTTP2=1 (or `{ http2: true }`) it serves HTTP/2 over TLS,
// as most real hosts do (GitHub Pages, CDNs, nginx with TLS): one connection
// for every request instead of HTTP/1.1's six. The certificate is
// self-signed, made at start with the openssl CLI; `launch()` of the
// server starts a Chromium that accepts it.
// Usage: import { serve } from './server.mjs'; serve(root, { '/pagefind/': dir }, { '/x.html': html })
import http from 'node:http';
import http2 from 'node:http2';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch } from './cdp.mjs';

/** Whether the benchmark serves HTTP/2 with TLS (BANTIN_BENCH_HTTP2=1). */
export const HTTP2 = process.env.BANTIN_BENCH_HTTP2 === '1';

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

/** A self-signed certificate for 127.0.0.1: {key, cert}, made with openssl in a temp folder. */
function certificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantin-bench-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Serves `root` at /, each of `mounts` ({'/pagefind/': dir}) at its prefix,
 * and `pages` ({'/name.html': html}) from memory. Resolves to {url, log,
 * close, http2, launch}; `log` gets {path, bytes} per file sent;
 * `launch()` starts headless Chromium (cdp.mjs: a bare DevTools pipe) for this
 * server. HTTP/1.1 unless `http2` (default: BANTIN_BENCH_HTTP2=1).
 */
export function serve(root, mounts = {}, pages = {}, { memory = true, http2: secure = HTTP2 } = {}) {
  const log = [];
  const cache = new Map();
  const handle = (request, response) => {
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
  };
  const server = secure ? http2.createSecureServer(certificate(), handle) : http.createServer(handle);
  // Connections a browser left open end with the server.
  const sessions = new Set();
  server.on(secure ? 'session' : 'connection', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${server.address().port}/`,
    http2: secure,
    launch: () => launch({ ignoreCertificateErrors: secure }),
    log,
    close: () => new Promise((done) => {
      server.close(done);
      sessions.forEach((session) => session.destroy());
    }),
  })));
}
