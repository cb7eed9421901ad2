// Search benchmark, the client's own cost: for each query of queries.json
// and each search script given, a fresh page (a new renderer, so a cold
// JIT) fetches the index files the query needs into memory, opens the
// engine over them, runs a query that matches nothing, then times
// `search(q, {}, 10)` (*rank*: decoding and ranking) and the ten `hit`s
// (*show*: data files parsed, snippets). No network in the timed part, and
// besides wall time it reads the CPU time of the renderer's main thread
// from /proc (Linux; nanoseconds), which other processes' load barely
// changes — on a busy shared machine the better measure of a change to
// search.js. Prints medians and, per script, the sum over the queries of
// the median main-thread CPU time. A benchmark tool, not a test.
// Usage: node jscost.mjs PUBLIC ROUNDS SEARCH_JS...
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve } from './server.mjs';
// Playwright's browser (not cdp.mjs): this tool needs exposeFunction and
// times the client alone, with every file already in memory.
import { launch } from '../../tests/browser/lib.mjs';

const [siteRoot, rounds, ...clients] = process.argv.slice(2);
const folder = fs.readdirSync(path.join(siteRoot, 'tim-kiem/chi-muc'))[0];
const indexDir = path.join(siteRoot, 'tim-kiem/chi-muc', folder);
const queries = JSON.parse(fs.readFileSync(new URL('queries.json', import.meta.url), 'utf8')).queries;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The files each query reads, recorded by running the first script in node.
async function filesOfQueries() {
  const client = createRequire(import.meta.url)(path.resolve(clients[0]));
  const needed = {};
  for (const query of queries) {
    const names = new Set();
    const engine = await client.open((name) => {
      names.add(name);
      return fs.promises.readFile(path.join(indexDir, name)).then((bytes) => new Uint8Array(bytes));
    });
    const ids = await engine.search(query, {}, 10);
    await Promise.all(ids.map((id) => engine.hit(id, ids.words)));
    needed[query] = [...names];
  }
  return needed;
}

// Whether a process descends from this one (the Chromium it launched),
// not from another Chromium running on the machine.
function ours(pid) {
  for (let at = Number(pid); at > 1; ) {
    if (at === process.pid) return true;
    at = Number(fs.readFileSync(`/proc/${at}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  }
  return false;
}

// CPU time (ms) of the main threads of this benchmark's Chromium renderers.
function rendererCpu() {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer') || !ours(pid)) continue;
      total += Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A process that ended meanwhile.
    }
  }
  return total / 1e6;
}

// In the page: the engine over files held in memory, then the timed query.
async function timed([query, names, base]) {
  const files = new Map();
  await Promise.all(names.map((name) => fetch(base + name).then((response) => response.arrayBuffer())
    .then((buffer) => files.set(name, new Uint8Array(buffer)))));
  const engine = await window.__bantinEngine.open((name) => (files.has(name) ? Promise.resolve(files.get(name)) : Promise.reject(new Error(name))));
  await engine.search('qxqxqz');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const cpu0 = await window.__cpu();
  const started = performance.now();
  const ids = await engine.search(query, {}, 10);
  const ranked = performance.now();
  const cpu1 = await window.__cpu();
  const shown = performance.now();
  await Promise.all(ids.map((id) => engine.hit(id, ids.words)));
  const ended = performance.now();
  const cpu2 = await window.__cpu();
  return { rank: ranked - started, show: ended - shown, cpuRank: cpu1 - cpu0, cpuShow: cpu2 - cpu1 };
}

const needed = await filesOfQueries();
const page = fs.readFileSync(path.join(siteRoot, 'tim-kiem/index.html'), 'utf8');
const script = page.match(/<script src="([^"]*search[^"]*\.js)"/)[1];
const temporary = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'bantin-jscost-'));
const servers = [];
const results = [];
for (const [index, client] of clients.entries()) {
  // The script as shipped, plus its engine on window for this tool.
  const copy = path.join(temporary, `${index}.js`);
  fs.writeFileSync(copy, fs.readFileSync(client, 'utf8').replace("if (typeof module === 'object'", "if (typeof window === 'object') window.__bantinEngine = api;\n  if (typeof module === 'object'"));
  servers.push(await serve(siteRoot, { [script]: copy }));
  results.push({ rank: [], show: [], cpuRank: [], cpuShow: [] });
}
const browser = await launch({ ignoreCertificateErrors: servers[0].http2 });
for (let round = 0; round < Number(rounds); round++) {
  for (const query of queries) {
    for (const [index, server] of servers.entries()) {
      const tab = await browser.context.newPage();
      await tab.exposeFunction('__cpu', rendererCpu);
      await tab.goto(server.url + 'tim-kiem/');
      const run = await tab.evaluate(timed, [query, needed[query], `/tim-kiem/chi-muc/${folder}/`]);
      for (const key of Object.keys(run)) results[index][key].push(run[key]);
      await tab.close();
    }
  }
}
await browser.close();
await Promise.all(servers.map((server) => server.close()));
fs.rmSync(temporary, { recursive: true, force: true });
const perQuery = (values) => queries.reduce((sum, query, i) => sum + median(values.filter((value, j) => j % queries.length === i)), 0);
console.log(`${'script'.padEnd(40)} rank ms  show ms  | main-thread CPU ms, sum over ${queries.length} queries: rank  show`);
for (const [index, client] of clients.entries()) {
  const result = results[index];
  console.log(`${client.slice(-40).padEnd(40)} ${median(result.rank).toFixed(1).padStart(7)} ${median(result.show).toFixed(1).padStart(8)}  | ${perQuery(result.cpuRank).toFixed(1).padStart(42)} ${perQuery(result.cpuShow).toFixed(1).padStart(5)}`);
}
