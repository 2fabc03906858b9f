import { readFileSync, writeFileSync } from 'node:fs';
import { compileConfigSchema } from '../src/config/compile.js';
import { settingsTable, TABLE_END, TABLE_START } from './settings-table.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf(TABLE_START);
const end = readme.indexOf(TABLE_END);
if (start < 0 || end < 0) throw new Error('README.md has no settings markers');
writeFileSync(file, readme.slice(0, start) + settingsTable(compileConfigSchema()) + readme.slice(end + TABLE_END.length));
console.log('README.md settings table updated');
