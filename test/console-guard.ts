/**
 * Imported first by every browser test file (web-test-runner.config.js adds the import): a test
 * that writes an error or a warning to the console fails, naming what was written, so `npm test`
 * stays free of noise. A test that causes a console message on purpose captures it (capturingConsole
 * in test/helpers.ts) and asserts on it; what it captured never reaches this guard.
 */
const written: string[] = [];
for (const level of ['error', 'warn'] as const) {
  console[level] = (...args: unknown[]) => {
    written.push(`console.${level}: ${args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ')}`);
  };
}

function unexpected(): Error | undefined {
  if (!written.length) return undefined;
  const lines = written.splice(0);
  return new Error(`Unexpected console output (capture what a test expects with capturingConsole from test/helpers.ts, and assert on it):\n${lines.join('\n')}`);
}

// Fails the test that just ran, not the hook (Mocha's Hook#error), so the rest of the file still runs.
afterEach(function () {
  const error = unexpected();
  if (error) (this.test as Mocha.Hook).error(error);
});

// Output after the last test of the file (a timer, a late promise) fails the file.
after(() => {
  const error = unexpected();
  if (error) throw error;
});
