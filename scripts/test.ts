/**
 * `npm test` after the type check, build and size budget: the receiver's tests (both database
 * engines), then the browser tests, whatever the first gave, and one closing line with the
 * totals of both, "Tests: N passed, N failed, N skipped", which CI reads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'consult-counts-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

for (const suite of ['test:server', 'test:browser']) {
  const file = join(dir, `${suite.replace(':', '-')}.json`);
  const run = spawnSync('npm', ['run', '-s', suite], { stdio: 'inherit', env: { ...process.env, TEST_COUNT_FILE: file } });
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // The runner died before counting: that is a failure, whatever it managed to run.
  }
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

process.stdout.write(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 ? 1 : 0);
