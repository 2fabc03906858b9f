/**
 * The check every test of dist/ runs first (test/dist-fresh.ts), on a copy of the layout with
 * fabricated modification times: it must fire on any source or build setting newer than the build.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { distFreshness } from '../dist-fresh.js';

const BUILT_AT = new Date('2026-11-25T10:00:00Z');
const BEFORE = new Date('2026-11-25T09:00:00Z');
const AFTER = new Date('2026-11-25T11:00:00Z');

/** A project whose every file is older than its build, but the files named in `newer`. */
function project(newer: string[] = [], without: string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'consult-dist-fresh-'));
  const files = {
    'src/loader.ts': BEFORE,
    'src/components/dialog/dialog.ts': BEFORE,
    'vite.config.ts': BEFORE,
    'scripts/build-widget.ts': BEFORE,
    'package.json': BEFORE,
    'dist/chunks/dialog-abc.js': BUILT_AT,
    'dist/consult-widget.js': BUILT_AT,
    'dist/lib/index.js': BUILT_AT,
  };
  for (const [file, time] of Object.entries(files)) {
    if (without.includes(file)) continue;
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
    const mtime = newer.includes(file) ? AFTER : time;
    utimesSync(join(root, file), mtime, mtime);
  }
  roots.push(root);
  return root;
}
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('the check that dist/ is fresh', () => {
  it('passes when dist/ was built after everything it is built from', () => {
    assert.deepEqual(distFreshness(project()), { fresh: true });
  });

  it('names a source file changed after the build, however deep, and what to run', () => {
    assert.deepEqual(distFreshness(project(['src/components/dialog/dialog.ts'])), {
      fresh: false,
      reason: 'dist/ is older than src/components/dialog/dialog.ts: run `npm run build`',
    });
  });

  it('fires on a change to the build configuration', () => {
    assert.equal(distFreshness(project(['vite.config.ts'])).reason, 'dist/ is older than vite.config.ts: run `npm run build`');
    assert.equal(distFreshness(project(['scripts/build-widget.ts'])).reason, 'dist/ is older than scripts/build-widget.ts: run `npm run build`');
  });

  it('fires when the build stopped half way (chunks older than a source, the script newer)', () => {
    const root = project(['src/loader.ts', 'dist/consult-widget.js', 'dist/lib/index.js']);
    assert.equal(distFreshness(root).reason, 'dist/ is older than src/loader.ts: run `npm run build`');
  });

  it('says so when a built file is missing', () => {
    assert.deepEqual(distFreshness(project([], ['dist/lib/index.js'])), { fresh: false, reason: 'dist/lib/index.js is missing: run `npm run build`' });
  });
});
