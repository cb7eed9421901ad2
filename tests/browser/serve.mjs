// Live reload in a real browser against `bantin serve`: an edit reloads the
// page keeping the scroll position, a stylesheet change is swapped in without
// a reload, a broken front matter shows the overlay until fixed, and pages
// reconnect and reload after the server restarts.
// Usage: node serve.mjs BANTIN_BINARY SITE_ROOT
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { launch, assert } from './lib.mjs';

const [binary, root] = process.argv.slice(2);
const TIMEOUT = 20000;
const timer = setTimeout(() => { console.error('serve suite: timed out'); process.exit(3); }, 120000);

function start(port) {
  const child = spawn(binary, ['serve', '--root', root, '--port', String(port)], {
    env: { ...process.env, BANTIN_NOW: '2026-01-01T00:00:00+07:00' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const fail = setTimeout(() => reject(new Error('serve did not start')), TIMEOUT);
    lines.on('line', (line) => {
      const match = line.match(/Serving (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      if (match) { clearTimeout(fail); resolve({ child, url: match[1], port: Number(match[2]) }); }
    });
    child.on('exit', () => reject(new Error('serve exited')));
  });
}

function stop(server) {
  return new Promise((resolve) => { server.child.once('exit', resolve); server.child.kill('SIGTERM'); });
}

const article = path.join(root, 'content/2014/dai.md');
const front = '---\ntitle: Bài viết dài\ndate: 2014-09-24\ncategory: khuyen-cong\n---\n';
const body = Array.from({ length: 80 }, (_, i) => `Đoạn văn số ${i + 1} của bài viết dài, đủ để cuộn trang.`).join('\n\n');

let server = await start(0);
const browser = await launch();
try {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(server.url + '2014/09/bai-viet-dai/');
  await page.evaluate(() => { window.scrollTo(0, 900); window.__marker = 'before-edit'; });
  await page.waitForTimeout(300);

  fs.writeFileSync(article, front + 'Câu mới ở đầu bài.\n\n' + body + '\n');
  await page.waitForFunction(() => window.__marker === undefined && document.body.textContent.includes('Câu mới ở đầu bài.'), null, { timeout: TIMEOUT });
  await page.waitForFunction(() => Math.abs(window.scrollY - 900) < 5, null, { timeout: TIMEOUT });

  await page.evaluate(() => { window.__marker = 'before-css'; });
  const colorBefore = await page.evaluate(() => getComputedStyle(document.body).color);
  fs.writeFileSync(path.join(root, 'static/assets/extra.css'), 'body { color: rgb(1, 2, 3); }\n');
  await page.waitForFunction(() => getComputedStyle(document.body).color === 'rgb(1, 2, 3)', null, { timeout: TIMEOUT });
  assert(await page.evaluate(() => window.__marker) === 'before-css', 'a stylesheet change reloaded the page');
  assert(colorBefore !== 'rgb(1, 2, 3)', 'the colour really changed');

  fs.writeFileSync(article, front.replace('2014-09-24', '2014-09-31') + body + '\n');
  await page.waitForSelector('#bantin-overlay', { timeout: TIMEOUT });
  const overlay = await page.textContent('#bantin-overlay');
  assert(overlay.includes('content/2014/dai.md:3:7: error: invalid date'), `overlay text: ${overlay}`);
  fs.writeFileSync(article, front + body + '\n');
  await page.waitForFunction(() => !document.getElementById('bantin-overlay'), null, { timeout: TIMEOUT });

  await page.evaluate(() => { window.__marker = 'before-restart'; });
  const port = server.port;
  await stop(server);
  server = await start(port);
  await page.waitForFunction(() => window.__marker === undefined, null, { timeout: TIMEOUT });
  assert(errors.length === 0, `script errors: ${errors.join(', ')}`);
  console.log('serve: ok');
} catch (error) {
  console.error(`serve: FAILED\n${error && error.stack || error}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await stop(server);
  clearTimeout(timer);
}
