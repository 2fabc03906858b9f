/**
 * The browser tests' console guard (test/console-guard.ts, added to every test file by
 * web-test-runner.config.js), proven on a fixture run by the real test runner as `npm test`
 * runs it: a test that leaks a console error or warning fails, naming it; one that captures what
 * it expects passes; the tests after a leak still run.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './helpers/ports.js';

describe('browser tests that write to the console', () => {
  it('fail, naming what was written, unless they capture it; the rest of the file still runs', async () => {
    const counts = join(mkdtempSync(join(tmpdir(), 'consult-guard-')), 'counts.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', './node_modules/@web/test-runner/dist/bin.js', '--files', 'test/fixtures/console-leak.fixture.ts'], {
      env: { ...process.env, WTR_PORT: String(await freePort()), TEST_COUNT_FILE: counts },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const output = run.stdout + run.stderr;
    assert.notEqual(run.status, 0, output);
    assert.deepEqual(JSON.parse(readFileSync(counts, 'utf8')), { passed: 2, failed: 2, skipped: 0 }, output);
    assert.match(output, /leaks a console error\n\s+Error: Unexpected console output[^\n]*\n\s+console\.error: leaked on purpose/);
    assert.match(output, /leaks a console warning\n\s+Error: Unexpected console output[^\n]*\n\s+console\.warn: warned on purpose/);
    assert.doesNotMatch(output, /expected warning/);
  });
});
