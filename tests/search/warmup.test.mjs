// The warm-up the search page runs at idle (docs/search.md §6): one whole
// search over a made-up index in memory, so V8 has compiled the engine
// before the reader's first query. It must keep decoding with the index
// format of docs/search.md §4 (else it finds nothing and warms nothing) and
// never download anything.
import test from 'node:test';
import assert from 'node:assert/strict';
import { client } from './client.mjs';

test('the warm-up finds its made-up word in every document and downloads nothing', async () => {
  const original = globalThis.fetch;
  globalThis.fetch = () => {
    throw new Error('the warm-up asked the network for a file');
  };
  try {
    for (const universe of [1, 7, 9, 128, 50000]) {
      const hits = await client.warmUp(universe);
      assert.equal(hits.length, Math.min(universe, 10), `${universe} documents`);
      for (const hit of hits) {
        assert.equal(hit.title, 'Lai Châu ăn');
        assert.equal(hit.url, '/a/');
        // The word is at the very end of a long text: the snippet scan
        // went through all of it and highlighted it.
        const [start, end] = hit.marked.ranges.at(-1);
        assert.equal(hit.marked.text.slice(start, end), 'ăn');
        assert.ok(hit.marked.text.endsWith('ăn'), hit.marked.text);
      }
    }
  } finally {
    globalThis.fetch = original;
  }
});
