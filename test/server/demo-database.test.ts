/**
 * `npm run demo` where an agency's receiver is set up: DATABASE_URL exported names the production
 * database, and the demo must leave it alone. (No browser: test/server/demo.test.ts drives the pages.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../server/storage/database.js';
import { getSite } from '../../server/domain/sites.js';
import { engines, freshDatabaseUrl } from './helpers/receiver.js';
import { freePort } from './helpers/ports.js';

/** Starts the demo with the given DATABASE_URL, waits for its banner, stops it, and returns what it printed. */
async function runDemo(dataDir: string, databaseUrl: string): Promise<string> {
  const [port, receiverPort] = [await freePort(), await freePort()];
  const demo = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    env: { ...process.env, PORT: String(port), RECEIVER_PORT: String(receiverPort), DEMO_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  demo.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => demo.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 30_000);
      demo.stdout!.on('data', () => output.includes('Inquiries are kept in') && (clearTimeout(timer), resolve()));
      demo.once('exit', (code) => (clearTimeout(timer), reject(new Error(`demo exited (${code}):\n${output}`))));
    });
    // The banner's last line comes in the same write or the next.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    demo.kill('SIGTERM');
    await exited;
  }
  return output;
}

for (const engine of engines()) {
  describe(`npm run demo with DATABASE_URL exported (${engine})`, () => {
    it('keeps its site, staff account and inquiries in its own database, never the one DATABASE_URL names, and says so', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'consult-demo-'));
      const production = await freshDatabaseUrl(engine);
      const output = await runDemo(dataDir, production);

      if (engine === 'sqlite') {
        assert.equal(existsSync(production), false, 'the demo created the database DATABASE_URL names');
      } else {
        const client = new pg.Client({ connectionString: production });
        await client.connect();
        try {
          const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
          assert.deepEqual(tables.rows, [], 'the demo wrote to the database DATABASE_URL names');
        } finally {
          await client.end();
        }
      }

      assert.match(output, new RegExp(`Inquiries are kept in ${join(dataDir, 'receiver.db').replace(/[.\\/]/g, '\\$&')}`));
      assert.match(output, /DATABASE_URL is ignored: the demo never uses the receiver's database/);
      const demo = await openStore(join(dataDir, 'receiver.db'));
      try {
        assert.ok(await getSite(demo, 'demo'), 'the demo site, in the demo database');
      } finally {
        await demo.close();
      }
    });
  });
}
