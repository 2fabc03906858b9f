// Prints the budget figures: gzip bytes a page downloads before anyone clicks (the script
// tag, the module it imports and their static imports, Lit included; Korean needs no extra
// texts), and everything the embed can ever load. Exits 1 over budget.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = 'dist';
const BUDGET = { beforeClick: 15 * 1024, everything: 35 * 1024 };
const LOADER = join(DIST, 'consult-widget.js');
const EMBED = join(DIST, 'consult-widget.embed.js');

if (!existsSync(LOADER)) {
  console.error('dist/consult-widget.js is missing: run `npm run build` first.');
  process.exit(1);
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const importsOf = (file, dynamic) => {
  const code = readFileSync(file, 'utf8');
  const pattern = dynamic ? /import\(\s*["'](\.[^"']+)["']\s*\)/g : /(?:from|import)\s*["'](\.[^"']+)["']/g;
  return [...code.matchAll(pattern)].map((m) => join(dirname(file), m[1]));
};

function closure(start, withDynamic) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of importsOf(file, false)) visit(dep);
    if (withDynamic) for (const dep of importsOf(file, true)) visit(dep);
  };
  start.forEach(visit);
  return [...seen];
}

const initial = closure([LOADER, EMBED], false);
const all = closure([LOADER, EMBED], true);
// A page in English also loads the buttons' English texts before any click.
const englishButtons = all.filter((f) => /\/en\.widget-[^/]*\.js$/.test(f));
const initialEnglish = [...initial, ...englishButtons];
const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

for (const f of all) console.log(`${initial.includes(f) ? 'before click' : 'on demand   '}  ${kb(gz(f)).padStart(9)}  ${relative(DIST, f)}`);
const before = sum(initial);
const beforeEnglish = sum(initialEnglish);
const everything = sum(all);
console.log(`\nBefore a click: ${kb(before)} gzip (budget ${kb(BUDGET.beforeClick)})`);
console.log(`  on an English page: ${kb(beforeEnglish)} gzip`);
console.log(`Everything:     ${kb(everything)} gzip (budget ${kb(BUDGET.everything)})`);
if (englishButtons.length !== 1) {
  console.error('Could not find the English button texts chunk (chunks/en.widget-*.js).');
  process.exit(1);
}
if (Math.max(before, beforeEnglish) > BUDGET.beforeClick || everything > BUDGET.everything) {
  console.error('Over budget.');
  process.exit(1);
}
