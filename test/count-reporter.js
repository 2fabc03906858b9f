// Ends the run with one plain line, "Tests: N passed, N failed, N skipped"; with TEST_COUNT_FILE
// set (scripts/test.ts), writes the totals there instead, to be added to the receiver's.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function countReporter() {
  return {
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that could not run at all (syntax error, timeout) is a failure too.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      if (process.env.TEST_COUNT_FILE) return writeFileSync(process.env.TEST_COUNT_FILE, JSON.stringify(totals));
      // On exit, so it comes after the runner's own progress bar and summary.
      process.once('exit', () => {
        process.stdout.write(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
      });
    },
  };
}
