/**
 * Concurrency, against the real receiver command: many copies of one inquiry arriving at once are
 * stored once, on each engine with one process and with two processes on one PostgreSQL (an
 * agency behind a load balancer); distinct inquiries arriving together are all stored; and two
 * processes on PostgreSQL share one rate limit. SQLite with two processes on one file is not a
 * supported deployment, so it is not tested.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { openStore } from '../../server/storage/database.js';
import { addTestSite, engines, freshDatabaseUrl, inquiry, post, startProcess, type ReceiverProcess } from './helpers/receiver.js';

const HIGH_LIMITS = { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_SITE: '100000' };

/** The stored rows of site "clinic" with these ids (all of the site's rows without ids). */
async function storedRows(databaseUrl: string, ids?: string[]) {
  const store = await openStore(databaseUrl);
  try {
    let query = store.db.selectFrom('inquiries').select(['id', 'received_at']).where('site_id', '=', 'clinic');
    if (ids) query = query.where('id', 'in', ids);
    return await query.execute();
  } finally {
    await store.close();
  }
}

async function outboxRows(databaseUrl: string, inquiryId: string): Promise<number> {
  const store = await openStore(databaseUrl);
  try {
    return (await store.db.selectFrom('outbox').select('id').where('site_id', '=', 'clinic').where('inquiry_id', '=', inquiryId).execute()).length;
  } finally {
    await store.close();
  }
}

/** `copies` copies of one inquiry, posted at the same moment, spread over the receivers in turn. */
async function postCopies(receivers: ReceiverProcess[], body: Record<string, unknown>, copies: number) {
  const answers = await Promise.all(
    Array.from({ length: copies }, async (_, i) => {
      const response = await post(receivers[i % receivers.length].url, body);
      return { status: response.status, body: (await response.json()) as { id?: string; receivedAt?: string } };
    }),
  );
  return answers;
}

function assertStoredOnce(answers: { status: number; body: { id?: string; receivedAt?: string } }[], id: string) {
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `one 201, got ${statuses.join(',')}`);
  assert.equal(statuses.filter((s) => s === 200).length, answers.length - 1);
  // Every copy gets the first copy's answer: the same id and the same time of receipt.
  const first = answers.find((a) => a.status === 201)!.body;
  for (const answer of answers) assert.deepEqual(answer.body, first);
  assert.equal(first.id, id);
}

/**
 * The rate limits count in fixed one-minute windows. A burst that straddles a window's end is
 * counted in two windows and may pass twice the limit, which is how fixed windows work; so a
 * test of the limit starts its burst early in a window.
 */
async function earlyInWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await delay(left + 50);
}

// Notifications are queued only by the copy that stored the inquiry: a site with an email target
// shows it (the notifier may try and fail to send it, which does not remove the row).
const NOTIFYING_SITE = { notify: { emails: ['desk@clinic.example'] } };

for (const engine of engines()) {
  describe(`concurrency, one receiver process (${engine})`, () => {
    let databaseUrl: string;
    let receiver: ReceiverProcess;
    before(async () => {
      databaseUrl = await freshDatabaseUrl(engine);
      await addTestSite(databaseUrl, NOTIFYING_SITE);
      receiver = await startProcess(databaseUrl, { ...HIGH_LIMITS, LOG_LEVEL: 'warn' });
    });
    after(() => receiver?.stop());

    it('stores 50 simultaneous copies of one inquiry once and queues its notification once', async () => {
      const body = inquiry();
      assertStoredOnce(await postCopies([receiver], body, 50), body.id as string);
      assert.equal((await storedRows(databaseUrl, [body.id as string])).length, 1);
      assert.equal(await outboxRows(databaseUrl, body.id as string), 1);
    });

    it('stores every one of 100 distinct inquiries sent at the same moment', async () => {
      const bodies = Array.from({ length: 100 }, () => inquiry());
      const statuses = await Promise.all(bodies.map(async (body) => (await post(receiver.url, body)).status));
      assert.deepEqual(new Set(statuses), new Set([201]));
      const ids = bodies.map((b) => b.id as string);
      assert.equal((await storedRows(databaseUrl, ids)).length, 100);
    });
  });
}

if (engines().includes('postgres')) {
  describe('concurrency, two receiver processes on one PostgreSQL', () => {
    let databaseUrl: string;
    let receivers: ReceiverProcess[] = [];
    before(async () => {
      databaseUrl = await freshDatabaseUrl('postgres');
      await addTestSite(databaseUrl, NOTIFYING_SITE);
      receivers = await Promise.all([0, 1].map(() => startProcess(databaseUrl, { ...HIGH_LIMITS, LOG_LEVEL: 'warn' })));
    });
    after(() => Promise.all(receivers.map((r) => r.stop())));

    it('stores 50 simultaneous copies of one inquiry, half to each process, once', async () => {
      const body = inquiry();
      assertStoredOnce(await postCopies(receivers, body, 50), body.id as string);
      assert.equal((await storedRows(databaseUrl, [body.id as string])).length, 1);
      assert.equal(await outboxRows(databaseUrl, body.id as string), 1);
    });

    it('stores every one of 100 distinct inquiries sent at the same moment to both processes', async () => {
      const bodies = Array.from({ length: 100 }, () => inquiry());
      const statuses = await Promise.all(bodies.map(async (body, i) => (await post(receivers[i % 2].url, body)).status));
      assert.deepEqual(new Set(statuses), new Set([201]));
      assert.equal((await storedRows(databaseUrl, bodies.map((b) => b.id as string))).length, 100);
    });
  });

  describe('rate limits shared by two receiver processes on one PostgreSQL', () => {
    it('limits one address across both processes together', async () => {
      const databaseUrl = await freshDatabaseUrl('postgres');
      await addTestSite(databaseUrl);
      const limit = 5;
      const receivers = await Promise.all([0, 1].map(() => startProcess(databaseUrl, { RATE_LIMIT_PER_IP: String(limit), RATE_LIMIT_PER_SITE: '100000', LOG_LEVEL: 'warn' })));
      try {
        await earlyInWindow();
        // Eight to each process at once: alone, each process would let five through.
        const bodies = Array.from({ length: 16 }, () => inquiry());
        const answers = await Promise.all(bodies.map((body, i) => post(receivers[i % 2].url, body)));
        const statuses = answers.map((a) => a.status);
        assert.equal(statuses.filter((s) => s === 201).length, limit, `statuses: ${statuses.join(',')}`);
        assert.equal(statuses.filter((s) => s === 429).length, bodies.length - limit);
        for (const answer of answers.filter((a) => a.status === 429)) assert.ok(Number(answer.headers.get('retry-after')) > 0);
        assert.equal((await storedRows(databaseUrl)).length, limit);
      } finally {
        await Promise.all(receivers.map((r) => r.stop()));
      }
    });

    it('limits one site across both processes, whatever the address', async () => {
      const databaseUrl = await freshDatabaseUrl('postgres');
      await addTestSite(databaseUrl);
      const limit = 4;
      const env = { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_SITE: String(limit), TRUST_PROXY: 'true', LOG_LEVEL: 'warn' };
      const receivers = await Promise.all([0, 1].map(() => startProcess(databaseUrl, env)));
      try {
        await earlyInWindow();
        const answers = await Promise.all(
          Array.from({ length: 12 }, (_, i) => post(receivers[i % 2].url, inquiry(), { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } })),
        );
        const statuses = answers.map((a) => a.status);
        assert.equal(statuses.filter((s) => s === 201).length, limit, `statuses: ${statuses.join(',')}`);
        assert.equal(statuses.filter((s) => s === 429).length, 12 - limit);
      } finally {
        await Promise.all(receivers.map((r) => r.stop()));
      }
    });
  });
}
