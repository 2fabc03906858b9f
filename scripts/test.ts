/**
 * `npm test`: the type check, the build and the size budget (their output only when they fail,
 * warnings always), then the receiver's tests (both database engines) and the browser tests,
 * whatever the first gave, each printing only failures and what they logged (TEST_COUNT_FILE
 * tells them to). It ends with one line with the totals of both, "Tests: N passed, N failed,
 * N skipped", which CI reads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = () => `\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`;

for (const step of ['typecheck', 'build', 'size']) {
  // stdout is the step's report (tsc's errors, the build's file list, the sizes); stderr its warnings.
  const run = spawnSync('npm', ['run', '-s', step], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (run.status !== 0) {
    process.stdout.write(`${run.stdout ?? ''}\n\`npm run ${step}\` failed, so no tests ran.\n`);
    totals.failed = 1;
    process.stdout.write(summary());
    process.exit(1);
  }
}

/**
 * The runners' output as it comes, without what only a terminal uses: the browser runner's
 * cursor moves (it redraws a progress bar even when there is none), its "Running N test files..."
 * and runs of blank lines; colours only on a terminal.
 */
function filtered(): { write: (chunk: Buffer) => void; end: () => void } {
  let pending = '';
  let blank = 1; // no blank lines before the first one with something in it
  const line = (text: string) => {
    let clean = text.replace(/\x1b\[\d*[A-HJKST]/g, '');
    if (!process.stdout.isTTY) clean = clean.replace(/\x1b\[[\d;]*m/g, '');
    if (/^\s*Running \d+ test files\.\.\.\s*$/.test(clean)) return;
    blank = clean.trim() === '' ? blank + 1 : 0;
    if (blank < 2) process.stdout.write(`${clean}\n`);
  };
  return {
    write(chunk) {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      lines.forEach(line);
    },
    end() {
      if (pending) line(pending);
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'consult-counts-'));
for (const suite of ['test:server', 'test:browser']) {
  const file = join(dir, `${suite.replace(':', '-')}.json`);
  const [out, err] = [filtered(), filtered()];
  const child = spawn('npm', ['run', '-s', suite], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TEST_COUNT_FILE: file, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
  });
  child.stdout.on('data', out.write);
  child.stderr.on('data', err.write);
  const status = await new Promise<number | null>((done) => child.on('close', done));
  out.end();
  err.end();
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // The runner died before counting: that is a failure, whatever it managed to run.
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

process.stdout.write(summary());
process.exit(totals.failed > 0 ? 1 : 0);
