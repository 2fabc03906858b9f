/**
 * Two real receiver processes (`npm run receiver`) on one database, each running its notifier
 * job, with inquiries posted to both and a webhook that fails for a while: every notification
 * arrives once, and neither process logs what patients sent. PostgreSQL is how an agency runs
 * several processes; SQLite runs it too (one file, two processes), which the claim also covers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../server/storage/database.js';
import { addSite } from '../../server/domain/sites.js';
import { engines, freshDatabaseUrl, inquiry, ORIGIN, post, startProcess, type ReceiverProcess } from './helpers/receiver.js';
import { eventually, startMailbox, startWebhook, type Mailbox, type Webhook } from './helpers/notify-targets.js';

const COUNT = 20;

for (const engine of engines()) {
  describe(`notifications from two receiver processes (${engine})`, () => {
    let mailbox: Mailbox;
    let webhook: Webhook;
    let processes: ReceiverProcess[] = [];
    let databaseUrl: string;

    before(async () => {
      mailbox = await startMailbox();
      webhook = await startWebhook();
      databaseUrl = await freshDatabaseUrl(engine);
      const store = await openStore(databaseUrl);
      try {
        await addSite(store, {
          id: 'clinic',
          name: '하늘의원',
          origins: [ORIGIN],
          notify: { emails: ['desk@clinic.example'], webhookUrl: webhook.url, webhookSecret: 'whsec-processes' },
        });
      } finally {
        await store.close();
      }
      const env = {
        SMTP_URL: mailbox.url,
        MAIL_FROM: 'Clinic Bot <bot@agency.example>',
        PUBLIC_URL: 'https://inbox.agency.example',
        NOTIFY_POLL_MS: '25',
        NOTIFY_RETRY_BASE_MS: '100',
        NOTIFY_RETRY_MAX_MS: '400',
        RATE_LIMIT_PER_IP: '1000',
        RATE_LIMIT_PER_SITE: '1000',
      };
      processes = await Promise.all([startProcess(databaseUrl, env), startProcess(databaseUrl, env)]);
    });

    after(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await mailbox.close();
      await webhook.close();
    });

    it('sends every notification once, retries included, and logs no patient data', async () => {
      // The webhook fails its first requests, so retries of rows run while new rows arrive.
      webhook.failNext([503, 'drop', 503, 503, 'drop', 500]);
      const ids: string[] = [];
      await Promise.all(
        Array.from({ length: COUNT }, async (_, i) => {
          const body = inquiry();
          ids.push(body.id as string);
          const response = await post(processes[i % 2].url, body);
          assert.equal(response.status, 201);
        }),
      );

      await eventually(`${COUNT} emails and ${COUNT} webhooks`, () => mailbox.mails.length >= COUNT && webhook.delivered.length >= COUNT, 60_000);
      const store = await openStore(databaseUrl);
      try {
        await eventually('every outbox row marked sent', async () => {
          const rows = await store.db.selectFrom('outbox').select('state').execute();
          return rows.length === 2 * COUNT && rows.every((r) => r.state === 'sent');
        }, 30_000);
        const rows = await store.db.selectFrom('outbox').selectAll().execute();
        for (const id of ids) {
          assert.equal(mailbox.mails.filter((m) => m.text.includes(`/inbox#/inquiries/${id}`)).length, 1, `one email for ${id}`);
        }
        for (const row of rows.filter((r) => r.channel === 'webhook')) {
          const delivered = webhook.delivered.filter((h) => h.headers['x-consult-delivery'] === row.id);
          const tried = webhook.received.filter((h) => h.headers['x-consult-delivery'] === row.id);
          assert.equal(delivered.length, 1, `one delivery for ${row.id}`);
          // Every request for the row was one counted attempt of one notifier.
          assert.equal(tried.length, row.attempts, `requests for ${row.id}`);
        }
        assert.equal(mailbox.mails.length, COUNT);
        assert.equal(webhook.delivered.length, COUNT);
      } finally {
        await store.close();
      }

      const logs = processes.map((p) => p.output()).join('\n');
      assert.match(logs, /notification sent/);
      assert.match(logs, /will retry/);
      for (const data of ['홍길동', '1234-5678', '01012345678', '상담 가능한 시간', 'desk@clinic.example']) {
        assert.ok(!logs.includes(data), `a receiver's log contains "${data}"`);
      }
    });
  });
}
