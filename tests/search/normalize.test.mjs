// The JS normalization against the shared vectors (the Rust side runs the
// same file in src/search/mod.rs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { client, fixture } from './client.mjs';

const vectors = fixture('vectors.json');

test('at least 200 shared vectors', () => {
  assert.ok(vectors.vectors.length >= 200, `${vectors.vectors.length} vectors`);
});

test('exact and fold keys match the vectors', () => {
  const failures = [];
  for (const [input, exact, fold] of vectors.vectors) {
    const keys = client.analyze(input);
    const gotExact = keys.map((key) => key.exact).join(' ');
    const gotFold = keys.map((key) => key.fold).join(' ');
    if (gotExact !== exact || gotFold !== fold) {
      failures.push(`${JSON.stringify(input)}: got ${JSON.stringify(gotExact)} / ${JSON.stringify(gotFold)}, want ${JSON.stringify(exact)} / ${JSON.stringify(fold)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('phrase breaks match the vectors', () => {
  for (const [input, groups] of vectors.phrases) {
    const text = client.analyze(input)
      .map((key, index) => (index === 0 ? '' : key.joined ? ' ' : ' | ') + key.fold)
      .join('');
    assert.equal(text, groups, JSON.stringify(input));
  }
});

test('Telex and VNI keystrokes decode as in the vectors', () => {
  for (const [input, output] of vectors.telex) {
    assert.equal(client.telex(input), output, input);
  }
});

test('token offsets point into the NFC text', () => {
  const text = 'Hoà lưới điện, 252,85 triệu';
  for (const key of client.analyze(text)) {
    assert.equal(text.slice(key.start, key.end), key.text);
  }
});
