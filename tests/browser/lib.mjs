// Shared helpers of the headless-browser suites: serve a built site on
// 127.0.0.1 (a free port), start Debian's Chromium through playwright-core,
// and fail loudly. Every suite is a node script run by a Rust test
// (tests/common/browser.rs), which decides whether a missing browser is a
// failure (CI) or a skip (a developer machine without chromium).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BANTIN_CHROMIUM || '/usr/bin/chromium';
/**
 * The flags this machine needs to run Chromium headless without background
 * work; `ignoreCertificateErrors` accepts a self-signed certificate.
 */
export function chromiumFlags({ ignoreCertificateErrors = false } = {}) {
  const flags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-quic'];
  if (ignoreCertificateErrors) flags.push('--ignore-certificate-errors');
  return flags;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.webp': 'image/webp', '.pdf': 'application/pdf', '.txt': 'text/plain; charset=utf-8',
};

/** Serves `root` under `prefix` (e.g. "/" or "/so-cong-thuong/"); counts bytes sent per path. */
export async function serveStatic(root, prefix = '/') {
  const log = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let pathname;
    try { pathname = decodeURIComponent(url.pathname); } catch { response.writeHead(400); response.end(); return; }
    if (!pathname.startsWith(prefix)) { response.writeHead(404); response.end(); return; }
    pathname = pathname.slice(prefix.length);
    if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(root, pathname);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const notFound = path.join(root, '404.html');
      response.writeHead(404, { 'content-type': TYPES['.html'] });
      response.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    const body = fs.readFileSync(file);
    log.push({ path: url.pathname, bytes: body.length });
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': body.length });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, port, log, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Starts headless Chromium with the flags this machine needs and a fresh
 * profile; `ignoreCertificateErrors` accepts a self-signed certificate (the
 * search benchmark's HTTP/2 server).
 */
export async function launch({ ignoreCertificateErrors = false } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'bantin-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumFlags({ ignoreCertificateErrors }),
  });
  return {
    context,
    async close() { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

/** Runs `body` with a browser and a server for `root`; exits non-zero on any failure. */
export async function suite(name, root, body, prefix = '/') {
  const timer = setTimeout(() => { console.error(`${name}: timed out`); process.exit(3); }, Number(process.env.BANTIN_SUITE_TIMEOUT_MS || 120000));
  const server = await serveStatic(root, prefix);
  const browser = await launch();
  try {
    await body({ server, context: browser.context });
    console.log(`${name}: ok`);
  } catch (error) {
    console.error(`${name}: FAILED\n${error && error.stack || error}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
    clearTimeout(timer);
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
