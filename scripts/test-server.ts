/**
 * Runs the receiver's tests (node's test runner, test/server/**) against both engines: starts
 * one throwaway PostgreSQL cluster for the run, hands its URL to the tests, and removes it after.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { startCluster } from '../test/server/helpers/postgres.js';

const all = (readdirSync('test/server', { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => `test/server/${f}`);
const files = process.argv.slice(2).length ? process.argv.slice(2) : all.sort();
const onlySqlite = process.env.RECEIVER_TEST_ENGINES === 'sqlite';
const cluster = onlySqlite ? undefined : await startCluster();
let status = 1;
try {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      // Every test by name; under `npm test` (scripts/test.ts), only failures, and the totals for
      // its one closing line.
      ...(process.env.TEST_COUNT_FILE
        ? ['--test-reporter=./test/server/failures-reporter.mjs', '--test-reporter-destination=stdout', '--test-reporter=./test/server/count-reporter.mjs', `--test-reporter-destination=${process.env.TEST_COUNT_FILE}`]
        : ['--test-reporter=spec', '--test-reporter-destination=stdout']),
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, ...(cluster ? { TEST_POSTGRES_URL: cluster.url } : {}) } },
  );
  status = run.status ?? 1;
} finally {
  cluster?.stop();
}
process.exit(status);
