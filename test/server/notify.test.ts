/**
 * Telling the clinic, on both engines: inquiries posted to the real receiver over HTTP, the
 * notifier job delivering its outbox to a real SMTP server and a webhook that fails and
 * recovers. Retries are fast here through the receiver's own settings (NOTIFY_RETRY_BASE_MS…).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readConfig } from '../../server/config.js';
import { startJobs } from '../../server/jobs.js';
import { LEASE_MS, notifierJob } from '../../server/domain/notify/notifier.js';
import { SMTP_DEADLINE_MS } from '../../server/domain/notify/email.js';
import { openStore } from '../../server/storage/database.js';
import { updateSite, type NotifySettings } from '../../server/domain/sites.js';
import { getInquiry, setStatus } from '../../server/domain/inbox.js';
import { addTestSite, engines, freshDatabaseUrl, inquiry, post, runCommand, startApp, startProcess, type TestApp, type Engine } from './helpers/receiver.js';
import { listInquiries } from '../../server/domain/inbox.js';
import { freePort } from './helpers/ports.js';
import { captureLog, eventually, startMailbox, startWebhook, type Hook, type Mailbox, type Webhook } from './helpers/notify-targets.js';

const PUBLIC_URL = 'https://inbox.agency.example';
const MAIL_FROM = 'Clinic Bot <bot@agency.example>';
/** What the test inquiries carry that must never appear in a default notification or a log. */
const PATIENT_DATA = ['홍길동', '1234-5678', '01012345678', '상담 가능한 시간'];

interface Running {
  app: TestApp;
  lines: string[];
  /** Starts the notifier (more than once for more notifiers); stopped by close(). */
  notify(env?: Record<string, string>): void;
  outbox(): Promise<{ id: string; inquiry_id: string; channel: string; state: string; attempts: number; last_error: string | null; sent_at: string | null; told_addresses: string | null }[]>;
  close(): Promise<void>;
}

async function start(engine: Engine, mailbox: { url: string }, notify: Partial<NotifySettings>, env: Record<string, string> = {}): Promise<Running> {
  const base = {
    RATE_LIMIT_PER_IP: '1000',
    RATE_LIMIT_PER_SITE: '1000',
    PUBLIC_URL,
    SMTP_URL: mailbox.url,
    MAIL_FROM,
    NOTIFY_POLL_MS: '20',
    NOTIFY_RETRY_BASE_MS: '200',
    NOTIFY_RETRY_MAX_MS: '1000',
    ...env,
  };
  const app = await startApp(engine, { env: base, site: { notify } });
  const { log, lines } = captureLog();
  const stops: (() => Promise<void>)[] = [];
  return {
    app,
    lines,
    notify(extra = {}) {
      stops.push(startJobs([notifierJob(app.store, readConfig({ ...base, DATABASE_URL: app.databaseUrl, ...extra }))], log));
    },
    outbox: () => app.store.db.selectFrom('outbox').selectAll().orderBy('created_at').execute(),
    async close() {
      await Promise.all(stops.map((stop) => stop()));
      await app.close();
    },
  };
}

const posted = async (app: TestApp, overrides: Record<string, unknown> = {}): Promise<string> => {
  const body = inquiry(overrides);
  const response = await post(app.url, body);
  assert.equal(response.status, 201);
  return body.id as string;
};

const assertNoPatientData = (text: string, where: string) => {
  for (const data of PATIENT_DATA) assert.ok(!text.includes(data), `${where} contains "${data}"`);
};

/**
 * The documented recipe (server/domain/notify/webhook.ts): HMAC-SHA256 of `${t}.${raw body}`
 * with the site's secret, compared in constant time, t within five minutes.
 */
function verifies(hook: Hook, secret: string): boolean {
  const header = String(hook.headers['x-consult-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${hook.body}`).digest('hex'));
  const given = Buffer.from(parts.v1 ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

for (const engine of engines()) {
  describe(`notifications (${engine})`, () => {
    let mailbox: Mailbox;
    let webhook: Webhook;
    before(async () => {
      mailbox = await startMailbox();
      webhook = await startWebhook();
    });
    after(async () => {
      await mailbox.close();
      await webhook.close();
    });

    const mailsFor = (inquiryId: string) => mailbox.mails.filter((m) => m.text.includes(`/inbox#/inquiries/${inquiryId}`));
    const hooksFor = (deliveryId: string, list: Hook[] = webhook.delivered) => list.filter((h) => h.headers['x-consult-delivery'] === deliveryId);

    it('emails each new inquiry once, masked, plain text, with a stable Message-ID; spam is never notified', async () => {
      const run = await start(engine, mailbox, { emails: ['desk@clinic.example', 'doctor@clinic.example'] });
      try {
        const spam = await posted(run.app, { antispam: { honeypot: 'https://spam.example', elapsedMs: 40_000 } });
        const tooFast = await posted(run.app, { antispam: { honeypot: '', elapsedMs: 300 } });
        const ids = [await posted(run.app), await posted(run.app), await posted(run.app)];
        run.notify();
        await eventually('three emails', () => ids.every((id) => mailsFor(id).length === 1));
        await eventually('the outbox rows marked sent', async () => (await run.outbox()).every((row) => row.state === 'sent'));

        const rows = await run.outbox();
        assert.deepEqual(rows.map((r) => r.inquiry_id).sort(), [...ids].sort(), 'spam gets no outbox row');
        assert.equal(mailsFor(spam).length + mailsFor(tooFast).length, 0);
        for (const row of rows) {
          assert.equal(row.channel, 'email');
          assert.equal(row.attempts, 1);
          assert.ok(row.sent_at);
          const [mail] = mailsFor(row.inquiry_id);
          assert.equal(mail.messageId, `<${row.id}@agency.example>`);
          assert.equal(mail.delivery, row.id);
          assert.deepEqual(mail.to.sort(), ['desk@clinic.example', 'doctor@clinic.example']);
          assert.equal(mail.subject, '[하늘의원] 새 상담 문의 (무료 상담 신청)');
          // From the clinic by name (one receiver serves many), at MAIL_FROM's address.
          assert.match(mail.from, /^"?하늘의원"? <bot@agency\.example>$/);
          assert.match(mail.contentType, /^text\/plain/);
          assert.match(mail.text, /^이름: 홍\*동$/m);
          assert.match(mail.text, /^연락처: 010-\*\*\*\*-5678$/m);
          assert.ok(mail.text.includes(`${PUBLIC_URL}/inbox#/inquiries/${row.inquiry_id}`));
          assertNoPatientData(mail.raw, 'the email');
        }
        assertNoPatientData(run.lines.join('\n'), 'the log');
        assert.ok(run.lines.some((line) => line.includes('"notification sent"') && line.includes(rows[0].id)), 'the log names the outbox row');
      } finally {
        await run.close();
      }
    });

    it('holds the notification of an inquiry filed as spam before it went out, counts that as no failure, and sends it once refiled as no spam', async () => {
      const run = await start(engine, mailbox, { emails: ['desk@clinic.example'] });
      try {
        // Filed as staff do (its notification is held at once), and as a send racing the filing finds it.
        const filed = await posted(run.app);
        assert.ok(await setStatus(run.app.store, 'clinic', filed, 'spam', { actor: 'system' }));
        assert.deepEqual((await run.outbox()).filter((r) => r.inquiry_id === filed).map((r) => r.state), ['held']);
        const raced = await posted(run.app);
        await run.app.store.db.updateTable('inquiries').set({ status: 'spam' }).where('id', '=', raced).execute();
        const other = await posted(run.app);
        run.notify();
        await eventually('the rows settled', async () => (await run.outbox()).every((row) => row.state !== 'pending'));
        const rows = await run.outbox();
        assert.deepEqual(
          rows.map((r) => [r.inquiry_id, r.state]),
          [
            [filed, 'held'],
            [raced, 'held'],
            [other, 'sent'],
          ],
        );
        assert.equal(mailsFor(filed).length + mailsFor(raced).length, 0);
        const health = (await (await fetch(`${run.app.url}/healthz`)).json()) as { status: string };
        assert.equal(health.status, 'ok', 'no failure to alert on');
        const listed = (await listInquiries(run.app.store, 'clinic', { box: 'all' }, { limit: 10, offset: 0 })).items;
        assert.deepEqual(listed.filter((i) => i.id === filed || i.id === raced).map((i) => i.notifyFailed), [false, false], 'not marked 알림 실패');
        // Staff find it was no spam after all (a mistaken click): the clinic is told then.
        assert.ok(await setStatus(run.app.store, 'clinic', filed, 'new', { actor: 'system' }));
        run.notify();
        await eventually('sent once refiled', async () => mailsFor(filed).length === 1);
        assert.deepEqual((await run.outbox()).filter((r) => r.inquiry_id === filed).map((r) => r.state), ['sent']);
      } finally {
        await run.close();
      }
    });

    it('puts every field and the message in the notifications of a site that asks for full content', async () => {
      const run = await start(engine, mailbox, { emails: ['desk@clinic.example'], webhookUrl: webhook.url, fullContent: true });
      try {
        const id = await posted(run.app, { fields: { name: '홍길동', phone: '010-1234-5678', message: '<b>상담</b> 가능한 시간이 궁금합니다.', interest: '정수리' } });
        run.notify();
        await eventually('the email and the webhook', async () => (await run.outbox()).every((row) => row.state === 'sent') && mailsFor(id).length === 1);
        const [mail] = mailsFor(id);
        assert.match(mail.text, /^이름: 홍길동$/m);
        assert.match(mail.text, /^연락처: 010-1234-5678$/m);
        assert.match(mail.text, /^관심 진료·부위: 정수리$/m);
        assert.match(mail.text, /^문의 내용: <b>상담<\/b> 가능한 시간이 궁금합니다\.$/m, 'the message, as text');
        assert.match(mail.contentType, /^text\/plain/);
        const row = (await run.outbox()).find((r) => r.channel === 'webhook')!;
        const [hook] = hooksFor(row.id);
        const body = JSON.parse(hook.body);
        assert.equal(body.fullContent, true);
        assert.equal(body.inquiry.name, '홍길동');
        assert.equal(body.inquiry.fields.message, '<b>상담</b> 가능한 시간이 궁금합니다.');
        // Logs stay clean whatever the site chose.
        assertNoPatientData(run.lines.join('\n'), 'the log');
      } finally {
        await run.close();
      }
    });

    it('counts on /healthz a notification that gave up today after a day of tries, and not one that gave up days ago', async () => {
      const run = await start(engine, { url: 'smtp://127.0.0.1:1' }, { emails: ['desk@clinic.example'] });
      try {
        const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
        const row = async (id: string, created: number, lastTry: number) => ({
          id, site_id: 'clinic', inquiry_id: await posted(run.app), channel: 'webhook', state: 'failed', next_attempt_at: hoursAgo(lastTry),
          locked_until: null, last_error: 'HTTP 503', created_at: hoursAgo(created), sent_at: null,
        });
        // Made 30 hours ago, gave up 2 hours ago; made and given up three days ago. (Their emails wait: no notifier runs.)
        await run.app.store.db.insertInto('outbox').values([await row('today', 30, 2), await row('long-ago', 80, 72)]).execute();
        const health = (await (await fetch(`${run.app.url}/healthz`)).json()) as { status: string; notifications: { failedLastDay: number } };
        assert.equal(health.status, 'degraded');
        assert.equal(health.notifications.failedLastDay, 1);
      } finally {
        await run.close();
      }
    });

    it('shows staff and /healthz that the clinic is not being told while an email is retried after errors, and stops once it goes', async () => {
      const smtp = await startMailbox();
      const run = await start(engine, smtp, { emails: ['desk@clinic.example'] });
      const health = async () => (await (await fetch(`${run.app.url}/healthz`)).json()) as { status: string; notifications: { retrying: number; failedLastDay: number } };
      const retrying = async () => (await listInquiries(run.app.store, 'clinic', {}, { limit: 10, offset: 0 })).items.map((i) => i.notifyRetrying);
      try {
        assert.equal((await health()).status, 'ok');
        smtp.failNext([451, 451, 451, 451, 451, 451]);
        await posted(run.app);
        run.notify();
        await eventually('a try failed', async () => (await run.outbox())[0]?.last_error === 'SMTP 451');
        assert.deepEqual(await retrying(), [true], 'the inbox list flags it');
        assert.deepEqual(await health(), { status: 'degraded', engine: run.app.store.engine, notifications: { retrying: 1, failedLastDay: 0 } });
        await eventually('sent at last', async () => (await run.outbox())[0]?.state === 'sent');
        assert.deepEqual(await retrying(), [false]);
        assert.equal((await health()).status, 'ok');
      } finally {
        await run.close();
        await smtp.close();
      }
    });

    it('says at start, in the log, that SMTP_URL does not work, naming the reason and never the password', async () => {
      const databaseUrl = await freshDatabaseUrl(engine);
      await addTestSite(databaseUrl, { notify: { emails: ['desk@clinic.example'], fullContent: false } });
      const closed = await freePort();
      const receiver = await startProcess(databaseUrl, { SMTP_URL: `smtp://agency:s3cret-pw@127.0.0.1:${closed}` });
      try {
        await eventually('the SMTP check logged', async () => receiver.output().includes('SMTP_URL does not work'));
        const line = receiver.output().split('\n').find((l) => l.includes('SMTP_URL does not work'))!;
        assert.match(line, /ECONNREFUSED/);
        assert.match(line, /"clinic"/);
        assert.ok(!receiver.output().includes('s3cret-pw'), 'the password is never logged');
      } finally {
        await receiver.stop();
      }
      // A password with a "/" not written %2F (SES passwords are base64): said, and the receiver keeps serving.
      const malformed = await startProcess(databaseUrl, { SMTP_URL: `smtp://agency:s3cret/pw@127.0.0.1:${closed}` });
      try {
        await eventually('the SMTP check logged', async () => malformed.output().includes('SMTP_URL does not work'));
        assert.match(malformed.output(), /SMTP_URL is not a URL/);
        assert.equal((await fetch(`${malformed.url}/healthz`)).status, 200);
        assert.equal(malformed.child.exitCode, null, 'still serving');
        assert.ok(!malformed.output().includes('s3cret'), 'the password is never logged');
      } finally {
        await malformed.stop();
      }
      const smtp = await startMailbox();
      const working = await startProcess(databaseUrl, { SMTP_URL: smtp.url });
      try {
        await eventually('a connection to check it', async () => smtp.sessions.length > 0);
        await eventually('the check closed its connection', async () => smtp.sessions.every((s) => s.closed !== undefined));
        assert.ok(!working.output().includes('SMTP_URL'), 'nothing said of a working one');
      } finally {
        await working.stop();
        await smtp.close();
      }
    });

    it('retries a webhook that answers 503, then drops the connection, with backoff, and delivers it once, signed', async () => {
      const secret = 'whsec-test-0123456789';
      const run = await start(engine, mailbox, { webhookUrl: webhook.url, webhookSecret: secret });
      try {
        webhook.failNext([503, 'drop']);
        const id = await posted(run.app);
        run.notify();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [row] = await run.outbox();
        assert.equal(row.inquiry_id, id);
        assert.equal(row.attempts, 3);
        assert.equal(row.last_error, null);
        assert.equal(hooksFor(row.id).length, 1, 'delivered once');
        const tries = hooksFor(row.id, webhook.received);
        assert.equal(tries.length, 3);
        // Backoff: about 200 ms (at least three quarters of it) after the first failure,
        // about 400 ms after the second.
        assert.ok(tries[1].at - tries[0].at >= 150, `first retry after ${tries[1].at - tries[0].at} ms`);
        assert.ok(tries[2].at - tries[1].at >= 300, `second retry after ${tries[2].at - tries[1].at} ms`);
        const reasons = run.lines.filter((l) => l.includes('will retry')).map((l) => JSON.parse(l) as { reason: string; attempt: number; outbox: string });
        assert.deepEqual(reasons.map((r) => [r.outbox, r.attempt, r.reason]), [
          [row.id, 1, 'HTTP 503'],
          [row.id, 2, 'connection closed'],
        ]);

        const [hook] = hooksFor(row.id);
        assert.equal(hook.method, 'POST');
        assert.match(String(hook.headers['content-type']), /^application\/json/);
        assert.ok(verifies(hook, secret), 'the signature verifies with the documented recipe');
        assert.ok(!verifies({ ...hook, body: hook.body.replace('홍', '김') }, secret), 'a changed body does not verify');
        assert.ok(!verifies(hook, 'another-secret'));
        // Each try is signed afresh, and every try carries the same delivery id.
        assert.ok(tries.every((t) => verifies(t, secret)));
        const body = JSON.parse(hook.body);
        assert.equal(body.event, 'inquiry.received');
        assert.equal(body.deliveryId, row.id);
        assert.equal(body.inquiry.id, id);
        assert.equal(body.inquiry.name, '홍*동');
        assert.equal(body.inquiry.phone, '010-****-5678');
        assert.equal(body.inquiry.inboxUrl, `${PUBLIC_URL}/inbox#/inquiries/${id}`);
        assertNoPatientData(hook.body, 'the webhook body');
        assertNoPatientData(run.lines.join('\n'), 'the log');
      } finally {
        await run.close();
      }
    });

    it('gives up waiting for a webhook after 10 seconds and tries again', async () => {
      const run = await start(engine, mailbox, { webhookUrl: webhook.url });
      try {
        webhook.failNext(['hang']);
        await posted(run.app);
        run.notify();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent', 25_000);
        const [row] = await run.outbox();
        const tries = hooksFor(row.id, webhook.received);
        assert.equal(tries.length, 2);
        assert.ok(tries[1].at - tries[0].at >= 10_000, `retried after ${tries[1].at - tries[0].at} ms`);
        assert.ok(run.lines.some((l) => l.includes('"reason":"timeout"')));
      } finally {
        await run.close();
      }
    });

    it('does not follow a redirect: a 302 is a failure to retry, not a delivery', async () => {
      const run = await start(engine, mailbox, { webhookUrl: webhook.url });
      try {
        webhook.failNext([302]);
        await posted(run.app);
        run.notify();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [row] = await run.outbox();
        assert.equal(row.attempts, 2);
        assert.equal(hooksFor(row.id, webhook.received).length, 2, 'the redirect target was never asked');
        assert.ok(run.lines.some((l) => l.includes('"reason":"HTTP 302"')));
      } finally {
        await run.close();
      }
    });

    it('retries an email the SMTP server refuses, and sends it once', async () => {
      const run = await start(engine, mailbox, { emails: ['desk@clinic.example'] });
      try {
        mailbox.failNext([451, 550]);
        const id = await posted(run.app);
        run.notify();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [row] = await run.outbox();
        assert.equal(row.attempts, 3);
        assert.equal(mailsFor(id).length, 1);
        const reasons = run.lines.filter((l) => l.includes('will retry')).map((l) => (JSON.parse(l) as { reason: string }).reason);
        assert.deepEqual(reasons, ['SMTP 451', 'SMTP 550']);
      } finally {
        await run.close();
      }
    });

    it('gives up after NOTIFY_MAX_ATTEMPTS and leaves the row failed with a short reason', async () => {
      const run = await start(engine, mailbox, { webhookUrl: webhook.url }, { NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_MS: '50' });
      webhook.always(500);
      try {
        await posted(run.app);
        run.notify();
        await eventually('the row marked failed', async () => (await run.outbox())[0]?.state === 'failed');
        const [row] = await run.outbox();
        assert.equal(row.attempts, 3);
        assert.equal(row.last_error, 'HTTP 500');
        assert.equal(row.sent_at, null);
        assert.equal(hooksFor(row.id, webhook.received).length, 3);
        assert.ok(run.lines.some((l) => l.includes('"notification failed for good"') && l.includes('"reason":"HTTP 500"')));

        // Once the webhook is fixed, the agency sends the failed ones again.
        webhook.always(204);
        const retry = runCommand(run.app.databaseUrl, ['notify', 'retry', 'clinic']);
        assert.match(retry.stdout, /^1 failed notification/);
        run.notify();
        await eventually('the row sent after the retry', async () => (await run.outbox())[0]?.state === 'sent');
        assert.equal(hooksFor(row.id, webhook.delivered).length, 1);
      } finally {
        webhook.always(204);
        await run.close();
      }
    });

    it('without SMTP_URL warns once and marks emails failed at once, while the webhook still goes out', async () => {
      const run = await start(engine, mailbox, { emails: ['desk@clinic.example'], webhookUrl: webhook.url }, { SMTP_URL: '' });
      try {
        await posted(run.app);
        await posted(run.app);
        run.notify();
        await eventually('every row settled', async () => (await run.outbox()).every((row) => row.state !== 'pending'));
        const rows = await run.outbox();
        for (const row of rows.filter((r) => r.channel === 'email')) {
          assert.equal(row.state, 'failed');
          assert.equal(row.last_error, 'SMTP_URL not set');
          assert.equal(row.attempts, 1);
        }
        assert.deepEqual(rows.filter((r) => r.channel === 'webhook').map((r) => r.state), ['sent', 'sent']);
        assert.equal(run.lines.filter((l) => l.includes('SMTP_URL is not set')).length, 1);
      } finally {
        await run.close();
      }
    });

    it('posts a Slack-compatible { text } message in slack mode', async () => {
      const run = await start(engine, mailbox, { webhookUrl: webhook.url, webhookMode: 'slack' });
      try {
        const id = await posted(run.app);
        run.notify();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [row] = await run.outbox();
        const body = JSON.parse(hooksFor(row.id)[0].body) as Record<string, string>;
        assert.deepEqual(Object.keys(body), ['text']);
        assert.match(body.text, /하늘의원/);
        assert.match(body.text, /이름: `홍\*동`/);
        assert.ok(body.text.includes(`<${PUBLIC_URL}/inbox#/inquiries/${id}|`));
        assertNoPatientData(body.text, 'the Slack message');
      } finally {
        await run.close();
      }
    });

    it('takes a row back from a notifier that died only when its lease has run out', async () => {
      const run = await start(engine, mailbox, { webhookUrl: webhook.url });
      try {
        await posted(run.app);
        const [row] = await run.outbox();
        // As a notifier that claimed the row and then died would leave it.
        const claim = (until: string) => run.app.store.db.updateTable('outbox').set({ attempts: 1, locked_until: until }).where('id', '=', row.id).execute();
        await claim(new Date(Date.now() + 60_000).toISOString());
        run.notify();
        // The notifier has looked at the outbox (and left the leased row alone) once a row
        // queued after it has been sent.
        const later = await posted(run.app);
        await eventually('the later inquiry notified', async () => (await run.outbox()).some((r) => r.inquiry_id === later && r.state === 'sent'));
        assert.equal(hooksFor(row.id, webhook.received).length, 0);
        await claim(new Date(Date.now() - 1000).toISOString());
        await eventually('the abandoned row sent', async () => (await run.outbox()).find((r) => r.id === row.id)?.state === 'sent');
        assert.equal((await run.outbox()).find((r) => r.id === row.id)?.attempts, 2);
        assert.equal(hooksFor(row.id).length, 1);
      } finally {
        await run.close();
      }
    });

    it('gives up on an SMTP conversation that outlasts its deadline, however steadily the server answers, and sends it once', async () => {
      // Well inside the claim, so no other notifier can start a second conversation meanwhile.
      assert.ok(SMTP_DEADLINE_MS * 3 <= LEASE_MS);
      const smtp = await startMailbox();
      const emails = ['desk@clinic.example', 'doctor@clinic.example', 'nurse@clinic.example'];
      const run = await start(engine, smtp, { emails });
      try {
        // Each answer within the socket's idle timeout, the whole conversation far longer.
        const step = Math.ceil(SMTP_DEADLINE_MS / 3.5);
        smtp.slow(1, step);
        const id = await posted(run.app);
        run.notify();
        await eventually('the slow conversation closed', () => smtp.sessions[0]?.closed !== undefined, SMTP_DEADLINE_MS + 5 * step);
        const [first] = smtp.sessions;
        const lasted = first.closed! - first.opened;
        assert.ok(lasted >= SMTP_DEADLINE_MS - 1000 && lasted <= SMTP_DEADLINE_MS + 2000, `the first conversation lasted ${lasted} ms`);
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [row] = await run.outbox();
        assert.equal(row.attempts, 2, 'the abandoned conversation counted as a failed try');
        assert.equal(row.last_error, null);
        assert.equal(smtp.sessions.length, 2);
        assert.equal(smtp.mails.length, 1, 'one email');
        assert.deepEqual(smtp.mails[0].to, emails);
        assert.ok(smtp.mails[0].text.includes(`/inbox#/inquiries/${id}`));
        const retries = run.lines.filter((l) => l.includes('will retry')).map((l) => JSON.parse(l) as { reason: string; attempt: number });
        assert.deepEqual(retries.map((r) => [r.attempt, r.reason]), [[1, 'timeout']]);
      } finally {
        await run.close();
        await smtp.close();
      }
    });

    it('marks a delivered email sent even when another notifier took the row during the send', async () => {
      const smtp = await startMailbox();
      const run = await start(engine, smtp, { emails: ['desk@clinic.example'] });
      try {
        const held = smtp.holdNext();
        const id = await posted(run.app);
        run.notify();
        await eventually('the message at the SMTP server', held.arrived);
        // As another notifier's claim would leave the row had this send outlasted its lease.
        const [row] = await run.outbox();
        await run.app.store.db
          .updateTable('outbox')
          .set({ attempts: row.attempts + 1, locked_until: new Date(Date.now() + 60_000).toISOString() })
          .where('id', '=', row.id)
          .execute();
        held.release();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [sent] = await run.app.store.db.selectFrom('outbox').selectAll().execute();
        assert.equal(sent.last_error, null);
        assert.equal(sent.locked_until, null, 'nobody holds it: the other notifier finds it sent');
        assert.ok(sent.sent_at);
        assert.equal(smtp.mails.filter((m) => m.text.includes(`/inbox#/inquiries/${id}`)).length, 1);
        assert.ok(run.lines.some((l) => l.includes('"notification sent"')));
      } finally {
        await run.close();
        await smtp.close();
      }
    });

    it('fails a row whose attempts are used up instead of sending it again', async () => {
      const run = await start(engine, mailbox, { webhookUrl: webhook.url }, { NOTIFY_MAX_ATTEMPTS: '3' });
      try {
        await posted(run.app);
        await posted(run.app);
        const [crashed, interrupted] = await run.outbox();
        // As notifiers leave rows whose last try crashed them, or lost its claim, before its
        // outcome was written: pending, every attempt counted, the lease run out.
        const leftover = (id: string, lastError: string | null) =>
          run.app.store.db
            .updateTable('outbox')
            .set({ attempts: 3, last_error: lastError, locked_until: new Date(Date.now() - 1000).toISOString() })
            .where('id', '=', id)
            .execute();
        await leftover(crashed.id, 'HTTP 503');
        await leftover(interrupted.id, null);
        run.notify();
        await eventually('both rows settled', async () => (await run.outbox()).every((r) => r.state !== 'pending'));
        const rows = await run.outbox();
        const outcome = (id: string) => rows.filter((r) => r.id === id).map((r) => [r.state, r.attempts, r.last_error]);
        assert.deepEqual(outcome(crashed.id), [['failed', 3, 'HTTP 503']]);
        assert.deepEqual(outcome(interrupted.id), [['failed', 3, 'interrupted']]);
        assert.equal(hooksFor(crashed.id, webhook.received).length + hooksFor(interrupted.id, webhook.received).length, 0);
        assert.equal(run.lines.filter((l) => l.includes('"notification failed for good"')).length, 2);
      } finally {
        await run.close();
      }
    });

    it('sends an email that the server refused for now for one of two addresses again to that address only, with the same Message-ID', async () => {
      const smtp = await startMailbox();
      const run = await start(engine, smtp, { emails: ['desk@clinic.example', 'doctor@clinic.example'] });
      try {
        // Greylisting: the first try for an address is refused for now.
        smtp.refuse('doctor@clinic.example', [450]);
        await posted(run.app);
        run.notify();
        await eventually('the row marked sent', async () => (await run.outbox())[0]?.state === 'sent');
        const [row] = await run.outbox();
        assert.equal(row.attempts, 2);
        assert.equal(row.last_error, null);
        // One copy each, both with the row's Message-ID: the retry left out desk@, which had it.
        const id = `<${row.id}@agency.example>`;
        assert.deepEqual(
          smtp.mails.map((m) => [m.messageId, m.to]),
          [
            [id, ['desk@clinic.example']],
            [id, ['doctor@clinic.example']],
          ],
        );
        assert.equal(row.told_addresses, ' desk@clinic.example ', 'the row remembers whom the first try reached');
        const retries = run.lines.filter((l) => l.includes('will retry')).map((l) => JSON.parse(l) as { reason: string; attempt: number });
        assert.deepEqual(retries.map((r) => [r.attempt, r.reason]), [[1, 'SMTP 450 for 1 of 2 addresses']]);
        assert.ok(!run.lines.join('\n').includes('clinic.example'), 'the log names no address');
        assertNoPatientData(run.lines.join('\n'), 'the log');
      } finally {
        await run.close();
        await smtp.close();
      }
    });

    it("retries an email to the site's addresses as they are now, less those it reached, and marks it sent when none is left", async () => {
      const smtp = await startMailbox();
      // Retries far off: each test makes the row due itself once the site has changed.
      const run = await start(engine, smtp, { emails: ['desk@clinic.example', 'doctor@clinic.example'] }, { NOTIFY_RETRY_BASE_MS: '600000', NOTIFY_RETRY_MAX_MS: '600000' });
      const setEmails = (emails: string[]) => updateSite(run.app.store, 'clinic', { notify: { emails } });
      const rowOf = async (inquiryId: string) => (await run.outbox()).find((r) => r.inquiry_id === inquiryId)!;
      const firstTry = async (inquiryId: string) => {
        await eventually('the first try refused for one address', async () => (await rowOf(inquiryId))?.last_error === 'SMTP 450 for 1 of 2 addresses');
        const row = await rowOf(inquiryId);
        assert.equal(row.state, 'pending');
        assert.equal(row.told_addresses, ' desk@clinic.example ');
        return row;
      };
      // As the backoff running out would.
      const due = (id: string) => run.app.store.db.updateTable('outbox').set({ next_attempt_at: new Date().toISOString() }).where('id', '=', id).execute();
      try {
        smtp.refuse('doctor@clinic.example', [450]);
        const changed = await posted(run.app);
        run.notify();
        const row = await firstTry(changed);
        // doctor@ leaves the site and nurse@ joins it before the retry.
        await setEmails(['desk@clinic.example', 'nurse@clinic.example']);
        await due(row.id);
        await eventually('the row marked sent', async () => (await rowOf(changed)).state === 'sent');
        const id = `<${row.id}@agency.example>`;
        assert.deepEqual(
          smtp.mails.map((m) => [m.messageId, m.to]),
          [
            [id, ['desk@clinic.example']],
            [id, ['nurse@clinic.example']],
          ],
        );

        // Refused for now again, then the only address it did not reach is removed: nothing is left to send.
        await setEmails(['desk@clinic.example', 'doctor@clinic.example']);
        smtp.refuse('doctor@clinic.example', [450]);
        const removed = await posted(run.app);
        const other = await firstTry(removed);
        await setEmails(['desk@clinic.example']);
        const sessions = smtp.sessions.length;
        await due(other.id);
        await eventually('the row marked sent', async () => (await rowOf(removed)).state === 'sent');
        assert.equal((await rowOf(removed)).attempts, 2);
        assert.equal(smtp.sessions.length, sessions, 'no SMTP conversation for it');
        assert.deepEqual(smtp.mails.filter((m) => m.messageId === `<${other.id}@agency.example>`).map((m) => m.to), [['desk@clinic.example']]);
        assert.ok(!run.lines.join('\n').includes('clinic.example'), 'the log names no address');
      } finally {
        await run.close();
        await smtp.close();
      }
    });

    it('fails an email at once, for the inbox to show, when the server refuses an address for good', async () => {
      const smtp = await startMailbox();
      const run = await start(engine, smtp, { emails: ['desk@clinic.example', 'doctor@clinic.example'] });
      try {
        smtp.refuse('doctor@clinic.example', [550]);
        const some = await posted(run.app);
        run.notify();
        await eventually('the first row settled', async () => (await run.outbox())[0]?.state !== 'pending');
        // Then every address refused: nothing goes out.
        smtp.refuse('desk@clinic.example', [550]);
        smtp.refuse('doctor@clinic.example', [550]);
        const none = await posted(run.app);
        await eventually('the second row settled', async () => (await run.outbox()).length === 2 && (await run.outbox()).every((r) => r.state !== 'pending'));
        const rows = await run.outbox();
        assert.deepEqual(
          rows.map((r) => [r.inquiry_id, r.state, r.attempts, r.last_error, r.sent_at]),
          [
            [some, 'failed', 1, 'SMTP 550 for 1 of 2 addresses', null],
            [none, 'failed', 1, 'SMTP 550 for 2 of 2 addresses', null],
          ],
        );
        assert.deepEqual(smtp.mails.map((m) => m.to), [['desk@clinic.example']]);
        // The inbox tells staff that not everyone was notified.
        for (const id of [some, none]) {
          const detail = await getInquiry(run.app.store, 'clinic', id);
          assert.equal(detail?.notifyFailed, true);
          assert.deepEqual(detail?.notifications.map((n) => n.state), ['failed']);
        }
        assert.equal(run.lines.filter((l) => l.includes('"notification failed for good"')).length, 2);
        assert.ok(!run.lines.join('\n').includes('clinic.example'), 'the log names no address');
        // The row remembers whom it reached: once the address is fixed, a retry goes to the other only.
        assert.deepEqual(rows.map((r) => r.told_addresses), [' desk@clinic.example ', null]);
        assert.match(runCommand(run.app.databaseUrl, ['notify', 'retry', 'clinic']).stdout, /^2 failed notification/);
        await eventually('both rows sent after the retry', async () => (await run.outbox()).every((r) => r.state === 'sent'));
        const [someRow, noneRow] = await run.outbox();
        const to = (row: { id: string }) => smtp.mails.filter((m) => m.messageId === `<${row.id}@agency.example>`).map((m) => m.to);
        assert.deepEqual(to(someRow), [['desk@clinic.example'], ['doctor@clinic.example']]);
        assert.deepEqual(to(noneRow), [['desk@clinic.example', 'doctor@clinic.example']]);
      } finally {
        await run.close();
        await smtp.close();
      }
    });

    it('never sends a row twice when two notifiers share the database', async () => {
      const run = await start(engine, mailbox, { emails: ['desk@clinic.example'], webhookUrl: webhook.url });
      // A second notifier with its own connection(s), as another process would have.
      const other = await openStore(run.app.databaseUrl);
      const { log } = captureLog();
      const stopOther = startJobs(
        [notifierJob(other, readConfig({ DATABASE_URL: run.app.databaseUrl, SMTP_URL: mailbox.url, MAIL_FROM, NOTIFY_POLL_MS: '20', PUBLIC_URL }))],
        log,
      );
      try {
        const ids = await Promise.all(Array.from({ length: 25 }, () => posted(run.app)));
        run.notify();
        run.notify();
        await eventually('all 50 rows sent', async () => {
          const rows = await run.outbox();
          return rows.length === 50 && rows.every((r) => r.state === 'sent');
        }, 30_000);
        const rows = await run.outbox();
        for (const id of ids) assert.equal(mailsFor(id).length, 1, `one email for ${id}`);
        for (const row of rows.filter((r) => r.channel === 'webhook')) {
          assert.equal(hooksFor(row.id, webhook.received).length, 1, `one webhook request for ${row.id}`);
        }
        assert.ok(rows.every((r) => r.attempts === 1));
      } finally {
        await stopOther();
        await other.close();
        await run.close();
      }
    });
  });
}
