// The client stays small: under 15 KB once minified with terser.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { clientPath, repoRoot } from './client.mjs';

const LIMIT = 15 * 1024;

// terser is a dev dependency of tests/browser (npm ci --prefix tests/browser).
function loadTerser() {
  try {
    return createRequire(path.join(repoRoot, 'tests/browser/package.json'))('terser');
  } catch (error) {
    if (process.env.CI) throw error;
    return null;
  }
}
const terser = loadTerser();
const skip = terser ? false : 'terser is missing: npm ci --prefix tests/browser';

test('search.js minifies to under 15 KB', { skip }, async () => {
  const { minify } = terser;
  const source = fs.readFileSync(clientPath, 'utf8');
  const result = await minify(source, { compress: true, mangle: true, ecma: 2018 });
  const bytes = Buffer.byteLength(result.code, 'utf8');
  console.log(`search.js: ${Buffer.byteLength(source)} bytes, ${bytes} minified`);
  assert.ok(bytes < LIMIT, `minified search.js is ${bytes} bytes, over ${LIMIT}`);
});

test('the client builds results without innerHTML', () => {
  const source = fs.readFileSync(clientPath, 'utf8');
  assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
});
