// Loads the browser search client (themes/default/static/assets/search.js)
// into node for the tests of tests/search/: the same file the site ships.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const clientPath = path.join(repoRoot, 'themes/default/static/assets/search.js');
export const require = createRequire(import.meta.url);
export const client = require(clientPath);

/** JSON fixture files of tests/search/. */
export function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(here, name), 'utf8'));
}

/** Opens the index in `dir` (a built site's tim-kiem/chi-muc/<hash>/). */
export function openIndex(dir) {
  return client.open((name) => fs.promises.readFile(path.join(dir, name)).then((buffer) => new Uint8Array(buffer)));
}
