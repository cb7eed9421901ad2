// Search benchmark, where a warm query's time goes: for each query of
// queries.json, a fresh Chromium profile opens bantin's search page, runs a
// query that matches nothing (the script and manifest are loaded), then the
// query, and splits its time with the browser's resource timings:
//   shards — from the call until the last key/category file arrived;
//   rank   — from there until the first data file was asked for (decoding,
//            ranking; with no key file, from the call);
//   data   — from that request until the last data file arrived;
//   show   — from there until bantinSearch resolved (JSON, snippets).
// Each query first runs once on a page of its own (the benchmark's cold
// query). Prints one line per query and the medians; a client that pushes
// [name, performance.now()] into window.__marks (an instrumented copy,
// served with --client) gets its marks printed too. A benchmark tool, not
// a test.
// Usage: node profile.mjs PUBLIC [QUERIES_JSON] [--reread] [--repeat N] [--client FILE] [--settle MS] [--cpu N]
//   --reread  read and gzip each file on every request (the first harness)
//   --settle  wait MS after the query that loads the tool (the browser,
//             started a moment before, has finished its own start-up)
//   --client  serve FILE as the page's search script (try a change without
//             rebuilding the site)
//   --cpu N   record a V8 CPU profile of each measured query (DevTools
//             protocol, 100 µs sampling) and print the N functions with the
//             most self time, summed over the queries
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const [siteRoot, queriesFile = new URL('queries.json', import.meta.url).pathname] = args.filter((arg, i) => !arg.startsWith('--') && !['--repeat', '--client', '--settle', '--cpu'].includes(args[i - 1]));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).queries;
const repeat = Number(option('--repeat', 1));
const client = option('--client', null);
const settle = Number(option('--settle', 0));
const cpu = Number(option('--cpu', 0));
const NOTHING = 'qxqxqz';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const pad = (text, width) => String(text).padStart(width);

// In the page: runs the query and returns its time and resource timings.
function timed(query) {
  performance.setResourceTimingBufferSize(100000);
  performance.clearResourceTimings();
  window.__marks = [];
  window.__snip = 0;
  const started = performance.now();
  return window.bantinSearch(query, { limit: 10 }).then((hits) => {
    const ms = performance.now() - started;
    const files = performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name.split('/').pop(),
      start: entry.startTime - started,
      sent: entry.requestStart - started,
      end: entry.responseEnd - started,
      bytes: entry.encodedBodySize,
      protocol: entry.nextHopProtocol,
    }));
    const marks = window.__marks.map((mark) => mark[0] + ' ' + (mark[1] - started).toFixed(1)).join(', ') + (window.__snip ? `, snippets ${window.__snip.toFixed(1)}` : '');
    return { ms, hits: hits.length, files, marks };
  });
}

function split(run) {
  const keys = run.files.filter((file) => /^[tbc]\d+\.bin$/.test(file.name));
  const data = run.files.filter((file) => /^[df]\d+\.json$/.test(file.name));
  const shards = keys.length ? Math.max(...keys.map((file) => file.end)) : 0;
  const asked = data.length ? Math.min(...data.map((file) => file.start)) : run.ms;
  const arrived = data.length ? Math.max(...data.map((file) => file.end)) : asked;
  return {
    ms: run.ms,
    shards,
    rank: asked - shards,
    data: arrived - asked,
    show: run.ms - arrived,
    requests: keys.length + data.length,
    marks: run.marks,
    queued: data.length ? Math.max(...data.map((file) => file.sent - file.start)) : 0,
    bytes: run.files.reduce((sum, file) => sum + file.bytes, 0),
    protocols: run.files.map((file) => file.protocol),
  };
}

// Profiles the page's JavaScript from now on (DevTools protocol).
async function startProfiler(page) {
  await page.send('Profiler.enable');
  await page.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.send('Profiler.start');
  return page;
}

// Adds a profile's self time (ms) per function (name, file, line) to `totals`.
function addSelfTimes(totals, profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id).callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    totals.set(name, (totals.get(name) || 0) + (profile.timeDeltas[i + 1] || 0) / 1000);
  });
}

const selfTimes = new Map();
const mounts = {};
if (client) {
  const page = fs.readFileSync(path.join(siteRoot, 'tim-kiem/index.html'), 'utf8');
  mounts[page.match(/<script src="([^"]*search[^"]*\.js)"/)[1]] = path.resolve(client);
}
const server = await serve(siteRoot, mounts, {}, { memory: !flag('--reread') });
// Each query once on a page of its own first, as the benchmark's cold
// query comes before its warm one: the server has read and compressed the
// query's files when it is measured (else that shows as network time).
// A fresh browser on bantin's search page: {browser, page}.
async function searchPage() {
  const browser = await server.launch();
  const page = await browser.context.newPage();
  await page.goto(server.url + 'tim-kiem/');
  return { browser, page };
}
for (const query of queries) {
  const { browser, page } = await searchPage();
  await page.evaluate((q) => window.bantinSearch(q), query);
  await browser.close();
}
const rows = [];
console.log(`${'query'.padEnd(26)} ${pad('ms', 6)} ${pad('shards', 7)} ${pad('rank', 6)} ${pad('data', 6)} ${pad('show', 6)} ${pad('req', 4)} ${pad('queue', 6)} ${pad('KB', 6)}`);
for (let round = 0; round < repeat; round++) {
  for (const query of queries) {
    const { browser, page } = await searchPage();
    await page.evaluate((q) => window.bantinSearch(q), NOTHING);
    if (settle) await page.waitForTimeout(settle);
    const profiler = cpu ? await startProfiler(page) : null;
    const row = split(await page.evaluate(timed, query));
    if (profiler) addSelfTimes(selfTimes, (await profiler.send('Profiler.stop')).profile);
    rows.push(row);
    await browser.close();
    console.log(`${query.slice(0, 26).padEnd(26)} ${pad(row.ms.toFixed(1), 6)} ${pad(row.shards.toFixed(1), 7)} ${pad(row.rank.toFixed(1), 6)} ${pad(row.data.toFixed(1), 6)} ${pad(row.show.toFixed(1), 6)} ${pad(row.requests, 4)} ${pad(row.queued.toFixed(1), 6)} ${pad((row.bytes / 1024).toFixed(1), 6)} ${row.marks}`);
  }
}
const column = (name) => median(rows.map((row) => row[name]));
console.log(`${'median'.padEnd(26)} ${pad(column('ms').toFixed(1), 6)} ${pad(column('shards').toFixed(1), 7)} ${pad(column('rank').toFixed(1), 6)} ${pad(column('data').toFixed(1), 6)} ${pad(column('show').toFixed(1), 6)} ${pad(column('requests'), 4)} ${pad(column('queued').toFixed(1), 6)} ${pad((column('bytes') / 1024).toFixed(1), 6)}`);
console.log(`max ms ${Math.max(...rows.map((row) => row.ms)).toFixed(1)}; protocol ${[...new Set(rows.flatMap((row) => row.protocols))].join(', ')}`);
if (cpu) {
  console.log(`self time, ms summed over ${rows.length} queries:`);
  [...selfTimes].sort((a, b) => b[1] - a[1]).slice(0, cpu).forEach(([name, ms]) => console.log(`${pad(ms.toFixed(1), 8)}  ${name}`));
}
await server.close();
