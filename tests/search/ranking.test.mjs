// The JS engine over an index built from the ranking fixture (the Rust test
// tests/search_index.rs builds it and passes its folder in
// BANTIN_SEARCH_INDEX): the same expectations as src/search/query.rs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { client, fixture, openIndex } from './client.mjs';

const dir = process.env.BANTIN_SEARCH_INDEX;
const ranking = fixture('ranking.json');
const skip = dir ? false : 'BANTIN_SEARCH_INDEX is not set (cargo test --test search_index sets it)';

async function urls(engine, query, filters) {
  const ids = await engine.search(query, filters);
  const records = await Promise.all(ids.map(engine.record));
  return records.map((record) => record.url);
}

function problem(expectation, found) {
  const first = expectation.first || [];
  if (first.some((url, index) => found[index] !== url)) return `should start with ${JSON.stringify(first)}`;
  if (expectation.only) {
    const only = [...expectation.only].sort();
    if (JSON.stringify(only) !== JSON.stringify([...found].sort())) return `should be exactly ${JSON.stringify(only)}`;
  }
  const missing = (expectation.includes || []).find((url) => !found.includes(url));
  if (missing) return `should include ${missing}`;
  for (const [a, b] of expectation.before || []) {
    const at = found.indexOf(a);
    const bt = found.indexOf(b);
    if (at < 0 || bt < 0 || at > bt) return `${a} should come before ${b}`;
  }
  return null;
}

test('ranking meets the shared expectations', { skip }, async () => {
  const engine = await openIndex(dir);
  const failures = [];
  for (const expectation of ranking.queries) {
    const filters = { category: expectation.category, year: expectation.year };
    const found = await urls(engine, expectation.query, filters);
    const wrong = problem(expectation, found);
    if (wrong) failures.push(`${JSON.stringify(expectation.query)}: ${wrong}; got ${JSON.stringify(found)}`);
  }
  assert.deepEqual(failures, []);
});

test('records carry title, date, category and snippet text', { skip }, async () => {
  const engine = await openIndex(dir);
  const [id] = await engine.search('tăm hương');
  const record = await engine.record(id);
  assert.equal(record.title, 'Mô hình sản xuất tăm hương tại Sìn Hồ');
  assert.equal(record.date, '2014-09-24');
  assert.equal(record.category, 'Khuyến công');
  assert.equal(record.url, '/2014/09/tam-huong/');
});

test('snippets highlight the matched words, folded or typed with marks', () => {
  const words = client.parseQuery('duong day').words;
  const shown = client.snippet('Đường dây hòa lưới điện đã được đóng điện.', words);
  const marked = shown.ranges.map(([start, end]) => shown.text.slice(start, end));
  assert.deepEqual(marked, ['Đường', 'dây']);
});

test('snippets highlight completions of the word being typed', () => {
  const words = client.parseQuery('khuyến cô').words;
  const shown = client.snippet('Kết quả hoạt động khuyến công quốc gia.', words);
  const marked = shown.ranges.map(([start, end]) => shown.text.slice(start, end));
  assert.deepEqual(marked, ['khuyến', 'công']);
});

test('long texts are cut around the matches', () => {
  const filler = 'Nội dung mở đầu của bài viết khá dài. '.repeat(20);
  const shown = client.snippet(`${filler}Kết quả khuyến công năm 2023. ${filler}`, client.parseQuery('khuyến công').words);
  assert.ok(shown.text.length <= 205, shown.text);
  assert.ok(shown.text.startsWith('…') && shown.text.endsWith('…'), shown.text);
  assert.ok(shown.text.includes('khuyến công'), shown.text);
});

test('a snippet comes from the whole text when the beginning has no match', { skip }, async () => {
  const engine = await openIndex(dir);
  const [id] = await engine.search('cá tầm');
  const record = await engine.record(id);
  assert.ok(!record.text.includes('cá tầm') && record.more, 'the beginning does not hold the words');
  const hit = await engine.hit(id, client.parseQuery('cá tầm').words);
  const marked = hit.marked.ranges.map(([start, end]) => hit.marked.text.slice(start, end));
  assert.deepEqual(marked.slice(0, 2), ['cá', 'tầm'], 'the words, and folded forms such as Nậm Tăm after them');
});

test('markup in the index stays text', { skip }, async () => {
  const engine = await openIndex(dir);
  const [id] = await engine.search('mã độc');
  const record = await engine.record(id);
  assert.equal(record.title, 'Cảnh giác với <script>alert(1)</script> mã độc');
});

test('a missing index file fails the search instead of hanging', async () => {
  await assert.rejects(client.open(() => Promise.reject(new Error('404'))));
});
