/**
 * Durability, against the real receiver command: a receiver killed with SIGKILL in the middle of
 * a burst of inquiries has lost none it acknowledged, and once restarted on the same database it
 * serves every one of them through the inquiries API. And /healthz tells a load balancer when the
 * database cannot be reached.
 *
 * SIGKILL ends the process, not the machine: what this shows is that an answer is sent only after
 * the commit (the page cache survives a killed process). Surviving a power cut is the job of the
 * settings it relies on (SQLite synchronous=FULL, PostgreSQL fsync and synchronous_commit on).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openStore } from '../../server/storage/database.js';
import { startCluster, type Cluster } from './helpers/postgres.js';
import { addTestSite, engines, freshDatabaseUrl, inquiry, post, startProcess, type ReceiverProcess } from './helpers/receiver.js';

const HIGH_LIMITS = { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_SITE: '100000', LOG_LEVEL: 'warn' };
const BURST = 200;
const CONCURRENCY = 8;
/** The receiver is killed once this many inquiries have been acknowledged. */
const KILL_AFTER = 80;

type Body = Record<string, unknown> & { id: string; fields: Record<string, unknown> };

/**
 * Posts `bodies` over a few parallel senders, as a busy hour's pages would. `onAcknowledged` runs
 * after each 201/200; requests that get no answer (the receiver is gone) are given up, not retried.
 */
async function burst(url: string, bodies: Body[], onAcknowledged: (count: number) => void) {
  const acknowledged = new Set<string>();
  const unanswered = new Set<string>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        try {
          const response = await post(url, body);
          await response.arrayBuffer();
          if (response.status === 201 || response.status === 200) {
            acknowledged.add(body.id);
            onAcknowledged(acknowledged.size);
          } else {
            throw new Error(`unexpected ${response.status}`);
          }
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
          unanswered.add(body.id);
        }
      }
    }),
  );
  return { acknowledged, unanswered };
}

/** A bearer token for site "clinic" from the real command, as an agency makes one. */
async function tokenFor(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/main.ts', 'token', 'add', 'clinic'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 30_000,
  });
  return stdout.trim();
}

for (const engine of engines()) {
  describe(`durability (${engine})`, () => {
    let receiver: ReceiverProcess | undefined;
    after(() => receiver?.stop('SIGKILL'));

    it('keeps every acknowledged inquiry through a SIGKILL in the middle of a burst, and serves them after a restart', async () => {
      const databaseUrl = await freshDatabaseUrl(engine);
      await addTestSite(databaseUrl);
      const token = await tokenFor(databaseUrl);
      receiver = await startProcess(databaseUrl, HIGH_LIMITS);
      const killed = receiver;

      const bodies = Array.from({ length: BURST }, () => inquiry() as Body);
      const { acknowledged, unanswered } = await burst(killed.url, bodies, (count) => {
        // Others are on their way at this moment: up to CONCURRENCY requests are in flight.
        if (count === KILL_AFTER) killed.child.kill('SIGKILL');
      });
      await killed.stop();
      assert.equal(killed.child.signalCode, 'SIGKILL');
      // The kill landed in the middle: some were answered, the rest were not.
      assert.ok(acknowledged.size >= KILL_AFTER && acknowledged.size < BURST, `acknowledged ${acknowledged.size}`);
      assert.ok(unanswered.size > 0);

      receiver = await startProcess(databaseUrl, HIGH_LIMITS);
      const response = await fetch(`${receiver.url}/v1/sites/clinic/inquiries`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      const served = new Map(((await response.json()) as { inquiries: { id: string; fields: unknown }[] }).inquiries.map((i) => [i.id, i]));
      const byId = new Map(bodies.map((b) => [b.id, b]));
      const lost = [...acknowledged].filter((id) => !served.has(id));
      assert.deepEqual(lost, [], 'acknowledged inquiries missing after the restart');
      for (const id of acknowledged) assert.deepEqual(served.get(id)!.fields, byId.get(id)!.fields);
      // Nothing is served that was never sent, and the database agrees with the API.
      for (const id of served.keys()) assert.ok(byId.has(id), `unexpected inquiry ${id}`);
      const store = await openStore(databaseUrl);
      try {
        const rows = await store.db.selectFrom('inquiries').select('id').where('site_id', '=', 'clinic').execute();
        assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(served.keys()));
      } finally {
        await store.close();
      }

      // The widget sends again what got no answer: each is stored once, whether or not the
      // killed receiver had committed it before it died.
      const retried = bodies.filter((b) => !acknowledged.has(b.id));
      const statuses = await Promise.all(retried.map(async (body) => (await post(receiver!.url, body)).status));
      for (const [i, status] of statuses.entries()) {
        assert.equal(status, served.has(retried[i].id) ? 200 : 201, `retry of ${retried[i].id}`);
      }
      const store2 = await openStore(databaseUrl);
      try {
        const rows = await store2.db.selectFrom('inquiries').select('id').where('site_id', '=', 'clinic').execute();
        assert.equal(rows.length, BURST);
      } finally {
        await store2.close();
      }
    });
  });
}

if (engines().includes('postgres')) {
  describe('health while the database is away (postgres)', () => {
    // A cluster of its own: this test stops it, and the other tests' cluster must stay up.
    let cluster: Cluster;
    let receiver: ReceiverProcess | undefined;
    before(async () => {
      cluster = await startCluster();
    });
    after(async () => {
      await receiver?.stop('SIGKILL');
      cluster?.stop();
    });

    it('answers /healthz 503 while PostgreSQL is down, keeps running, and 200 once it is back', async () => {
      await addTestSite(cluster.url);
      receiver = await startProcess(cluster.url, HIGH_LIMITS);
      const health = async () => {
        const response = await fetch(`${receiver!.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
        return { status: response.status, body: (await response.json()) as { status: string; engine: string } };
      };
      assert.deepEqual(await health(), { status: 200, body: { status: 'ok', engine: 'postgres', notifications: { retrying: 0, failedLastDay: 0 } } });

      // pause() returns once PostgreSQL has stopped (pg_ctl -w), and /healthz asks the database on every request.
      cluster.pause();
      assert.deepEqual(await health(), { status: 503, body: { status: 'unavailable', engine: 'postgres' } });
      // An inquiry now is refused with a 5xx (never acknowledged), and the process lives on.
      assert.ok((await post(receiver.url, inquiry())).status >= 500);
      assert.equal(receiver.child.exitCode, null);

      // resume() returns once PostgreSQL accepts connections again (pg_ctl -w).
      cluster.resume();
      assert.deepEqual(await health(), { status: 200, body: { status: 'ok', engine: 'postgres', notifications: { retrying: 0, failedLastDay: 0 } } });
    });
  });
}
