// Search suite: the search page of a fixture site (tests/search/ranking.json)
// in headless Chromium — deep links, typing with and without diacritics,
// NFD input, old-style tones, đ typed as d, prefixes, filters, keyboard,
// the aria-live count, escaping, window.bantinSearch, the warm-up at idle,
// and JavaScript off.
// Usage: node search.mjs PUBLIC_DIR
import { suite, assert } from './lib.mjs';

const [root] = process.argv.slice(2);
const WAIT = { timeout: 10000 };

async function results(page) {
  return page.$$eval('#search-results > li', (items) => items.map((item) => item.querySelector('a[href]').getAttribute('href')));
}

// Waits until the results list has settled for `query` (status says so).
async function settled(page) {
  await page.waitForFunction(() => {
    const status = document.getElementById('search-status').textContent;
    return status && !status.startsWith('Đang');
  }, null, WAIT);
}

async function search(page, server, query, extra = '') {
  await page.goto(`${server.url}tim-kiem/?q=${encodeURIComponent(query)}${extra}`);
  await settled(page);
  return results(page);
}

await suite('search', root, async ({ server, context }) => {
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });

  let found = await search(page, server, 'da nang');
  assert(found[0] === '/2018/06/da-nang/', `"da nang" finds Đà Nẵng first: ${found}`);
  assert(await page.inputValue('#q') === 'da nang', 'the deep link fills the box');

  found = await search(page, server, 'Đà Nẵng');
  assert(found[0] === '/2018/06/da-nang/', `with diacritics: ${found}`);

  found = await search(page, server, 'bán');
  assert(found[0] === '/2024/03/ban-hang/', `"bán" ranks bán before bàn: ${found}`);
  assert(found.indexOf('/2024/03/ban-hang/') < found.indexOf('/2024/02/ban-giao/'), `bán before bàn: ${found}`);

  found = await search(page, server, 'hoà lưới');
  assert(found.length === 2 && found.includes('/2018/01/hoa-luoi/') && found.includes('/2020/02/hoa-moi/'), `old-style tone: ${found}`);

  found = await search(page, server, 'Ho\u0300a lu\u031bo\u031b\u0301i');
  assert(found.length === 2 && found.includes('/2018/01/hoa-luoi/'), `NFD query: ${found}`);

  found = await search(page, server, 'duong day');
  assert(found[0] === '/2018/01/hoa-luoi/', `đ typed as d: ${found}`);

  // Typing: debounced search-as-you-type, the last word a prefix, ?q= updated.
  await page.goto(`${server.url}tim-kiem/`);
  await page.focus('#q');
  await page.keyboard.type('khuyến cô', { delay: 40 });
  await page.waitForFunction(() => location.search.includes('q='), null, WAIT);
  await settled(page);
  found = await results(page);
  assert(found[0] === '/2023/12/khuyen-cong/', `prefix while typing: ${found}`);
  const query = new URL(page.url()).searchParams.get('q');
  assert(query === 'khuyến cô', `the URL follows the box: ${page.url()}`);
  const status = await page.textContent('#search-status');
  assert(/^Tìm thấy \d+ kết quả$/.test(status), `the live region announces the count: ${status}`);
  assert(await page.getAttribute('#search-status', 'aria-live') === 'polite', 'status is aria-live');
  const marks = await page.$$eval('#search-results mark', (items) => items.map((item) => item.textContent));
  assert(marks.includes('khuyến') && marks.includes('công'), `matched words are highlighted: ${marks}`);

  // Keyboard: arrows move between the box and the results, Escape returns.
  await page.focus('#q');
  await page.keyboard.press('ArrowDown');
  let focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert(focused === found[0], `ArrowDown focuses the first result: ${focused}`);
  await page.keyboard.press('ArrowDown');
  focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  assert(focused === found[1], `ArrowDown moves to the next result: ${focused}`);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert(await page.evaluate(() => document.activeElement.id) === 'q', 'ArrowUp from the first result returns to the box');

  // Category filter, by deep link and by the select.
  found = await search(page, server, 'công', '&chuyen-muc=khuyen-cong');
  assert(found.length === 1 && found[0] === '/2023/12/khuyen-cong/', `category filter: ${found}`);
  assert(await page.inputValue('#search-category') === 'khuyen-cong', 'the filter is restored from the URL');
  await search(page, server, 'công');
  const unfiltered = (await results(page)).length;
  await page.selectOption('#search-category', 'thong-bao');
  await page.waitForFunction((count) => document.querySelectorAll('#search-results > li').length !== count, unfiltered, WAIT);
  await settled(page);
  const categories = await page.$$eval('.search-hit-category', (items) => items.map((item) => item.textContent));
  assert(categories.length > 0 && categories.every((name) => name === 'Thông báo'), `select filters by category: ${categories}`);
  assert(page.url().includes('chuyen-muc=thong-bao'), `the filter is in the URL: ${page.url()}`);

  // Markup in a title is shown as text.
  found = await search(page, server, 'mã độc');
  const title = await page.textContent('#search-results > li a');
  assert(title.includes('<script>alert(1)</script>'), `the title is shown as text: ${title}`);
  assert(await page.$$eval('#search-results script, #search-results img', (items) => items.length) === 0, 'no elements from the index');
  const snippet = await page.textContent('#search-results .search-hit-snippet');
  assert(snippet.includes('<img src=x onerror=alert(2)>'), `the snippet is shown as text: ${snippet}`);

  // A match deep in a long article: the snippet comes from its whole text.
  await search(page, server, 'cá tầm');
  const deep = await page.$$eval('#search-results .search-hit-snippet mark', (items) => items.map((item) => item.textContent));
  assert(deep.includes('cá') && deep.includes('tầm'), `the snippet shows the match: ${deep}`);

  // No results: the status says so and the list is empty.
  found = await search(page, server, 'không có từ này zzzz');
  assert(found.length === 0, `no results: ${found}`);
  assert((await page.textContent('#search-status')).startsWith('Không tìm thấy'), 'the status says there are no results');

  // The testable interface.
  const hits = await page.evaluate(() => window.bantinSearch('khuyen cong'));
  assert(hits[0].url === '/2023/12/khuyen-cong/', `bantinSearch: ${JSON.stringify(hits[0])}`);
  assert(hits[0].title === 'Kết quả khuyến công năm 2023' && hits[0].date === '2023-12-20' && hits[0].category === 'Khuyến công',
    `bantinSearch fields: ${JSON.stringify(hits[0])}`);
  assert(typeof hits[0].snippet === 'string' && hits[0].snippet.includes('khuyến công'), `snippet: ${hits[0].snippet}`);

  // The header box of any page leads to the search page with the query.
  await page.goto(`${server.url}2023/12/khuyen-cong/`);
  await page.fill('#q-header', 'tăm hương');
  await page.press('#q-header', 'Enter');
  await page.waitForURL(/tim-kiem/, WAIT);
  await settled(page);
  found = await results(page);
  assert(found[0] === '/2014/09/tam-huong/', `header box: ${found}`);

  assert(errors.length === 0, `script errors: ${errors.join(', ')}`);
  assert(dialogs.length === 0, `dialogs opened: ${dialogs.join(', ')}`);

  // At idle after load, with no query, the page warms the engine up: six
  // whole searches over a made-up index in memory, one per idle period
  // (docs/search.md §6) — the ranking and snippet code has run, then stops,
  // and nothing but the manifest came from the index folder.
  const idle = await context.newPage();
  const coverage = await context.newCDPSession(idle);
  await coverage.send('Profiler.enable');
  await coverage.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  const before = server.log.length;
  await idle.goto(`${server.url}tim-kiem/`);
  const calls = new Map();
  // Adds the calls of the script's functions since the last take.
  const tally = async () => {
    const { result } = await coverage.send('Profiler.takePreciseCoverage');
    for (const script of result.filter((entry) => /\/search\.[0-9a-f]+\.js$/.test(entry.url))) {
      for (const fn of script.functions) calls.set(fn.functionName, (calls.get(fn.functionName) || 0) + fn.ranges[0].count);
    }
  };
  for (let waited = 0; waited < 10000 && !(calls.get('warmUp') >= 6 && calls.get('snippet')); waited += 100) {
    await idle.waitForTimeout(100);
    await tally();
  }
  // A while longer: the runs have stopped at six.
  await idle.waitForTimeout(500);
  await tally();
  assert(calls.get('warmUp') === 6 && calls.get('addWord') > 0 && calls.get('ranked') > 0 && calls.get('snippet') > 0,
    `the warm-up ran the engine: warmUp ${calls.get('warmUp')}, addWord ${calls.get('addWord')}, snippet ${calls.get('snippet')}`);
  const index = server.log.slice(before).map((entry) => entry.path).filter((path) => path.includes('/chi-muc/'));
  assert(index.length === 1 && index[0].endsWith('/m.json'), `the warm-up downloads nothing: ${index}`);
  assert((await results(idle)).length === 0, 'the warm-up shows nothing');

  // JavaScript off: a message and a link to the archive.
  const noScript = await context.newPage();
  const cdp = await context.newCDPSession(noScript);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await noScript.goto(`${server.url}tim-kiem/?q=da+nang`);
  assert(await noScript.isVisible('.search-no-js'), 'the no-JavaScript message is shown');
  const archive = await noScript.getAttribute('.search-no-js a', 'href');
  assert(archive === '/luu-tru/', `it links to the archive: ${archive}`);
  assert((await results(noScript)).length === 0, 'no results without JavaScript');
});
