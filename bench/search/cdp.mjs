// Search benchmark, the browser: headless Chromium (Debian's, the flags of
// tests/browser/lib.mjs) driven over a bare DevTools pipe
// (--remote-debugging-pipe) that enables only the Page domain and runs
// scripts. Playwright enables the Network domain on every page it drives:
// Chromium then reports each request to it, with the script stack that
// started it, over the same 2 cores — about 10 ms more per warm search
// query at 50,000 articles, for any tool (docs/decisions.md). Bytes are
// counted by the server (server.mjs), so the benchmark needs no network
// events. The API is the part of Playwright's that measure.mjs and
// profile.mjs use: launch() -> {context: {newPage()}, close()}; a page has
// goto(url) (resolves on the load event), evaluate(fn, arg),
// waitForTimeout(ms), close() and send(method, params) for any other
// DevTools command.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, chromiumFlags } from '../../tests/browser/lib.mjs';

/** Starts headless Chromium with a fresh profile; `ignoreCertificateErrors` for the HTTP/2 server. */
export async function launch({ ignoreCertificateErrors = false } = {}) {
  const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'bantin-chromium-'));
  const args = [...chromiumFlags({ ignoreCertificateErrors }), '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'];
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => {
      fs.rmSync(profile, { recursive: true, force: true });
      reject(new Error(`cannot start Chromium at ${CHROMIUM} (apt-get install chromium): ${error.message}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A browser that died leaves its pipe closed: the next command fails
  // (below), not the process.
  child.stdio[3].on('error', () => {});
  const pending = new Map();
  const listeners = new Set();
  let next = 0;
  let buffered = '';
  child.stdio[4].on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    for (let end; (end = buffered.indexOf('\0')) >= 0; buffered = buffered.slice(end + 1)) {
      const message = JSON.parse(buffered.slice(0, end));
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result);
      } else listeners.forEach((listener) => listener(message));
    }
  });
  const send = (method, params = {}, sessionId = undefined) => Promise.race([
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { method, resolve, reject });
      child.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + '\0');
    }),
    exited.then((code) => { throw new Error(`${method}: Chromium exited (${code})`); }),
  ]);
  const event = (sessionId, method) => new Promise((resolve) => {
    const listener = (message) => {
      if (message.sessionId === sessionId && message.method === method) {
        listeners.delete(listener);
        resolve(message.params);
      }
    };
    listeners.add(listener);
  });

  async function newPage() {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const call = (method, params) => send(method, params, sessionId);
    await call('Page.enable');
    return {
      send: call,
      async goto(url) {
        const loaded = event(sessionId, 'Page.loadEventFired');
        await call('Page.navigate', { url });
        await loaded;
      },
      async evaluate(fn, arg) {
        const expression = `(${fn})(${arg === undefined ? '' : JSON.stringify(arg)})`;
        const { result, exceptionDetails } = await call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
        return result.value;
      },
      waitForTimeout: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      close: () => send('Target.closeTarget', { targetId }),
    };
  }

  return {
    context: { newPage },
    async close() {
      await send('Browser.close').catch(() => {});
      await exited;
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}
