/**
 * Foreign visitors' phone numbers (+81 …, +86 …) over real HTTP, on both engines: received
 * and stored, shown as typed and found in the inbox, masked in notifications with their
 * country code, deleted on request; Korean numbers still checked exactly.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig } from '../../server/config.js';
import { startJobs } from '../../server/jobs.js';
import { notifierJob } from '../../server/domain/notify/notifier.js';
import { maskPhone } from '../../server/domain/notify/mask.js';
import { engines, inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff, login, staffFetch, type StaffSession } from './helpers/staff.js';
import { captureLog, eventually, startMailbox, startWebhook, type Mailbox, type Webhook } from './helpers/notify-targets.js';

const JAPAN = '+81 90-1234-5678';
const CHINA = '+86 138 0013 8000';

describe('masking international numbers', () => {
  it('keeps the country code and the last four digits', () => {
    assert.equal(maskPhone(JAPAN), '+81 ******5678');
    assert.equal(maskPhone(CHINA), '+86 *******8000');
    assert.equal(maskPhone('+1 (415) 555-0100'), '+1 ******0100');
    assert.equal(maskPhone('+44 20 7946 0958'), '+44 ******0958');
    assert.equal(maskPhone('+852 5123 4567'), '+852 ****4567');
    assert.equal(maskPhone('+683 4002'), '+683 ****', 'a number too short to show any of it');
  });

  it('still masks +82 numbers as Korean ones', () => {
    assert.equal(maskPhone('+82 10-1234-5678'), '010-****-5678');
  });
});

for (const engine of engines()) {
  describe(`international phone numbers (${engine})`, () => {
    let app: TestApp;
    let staff: StaffSession;
    let mailbox: Mailbox;
    let webhook: Webhook;
    let stopNotifier: () => Promise<void>;
    before(async () => {
      mailbox = await startMailbox();
      webhook = await startWebhook();
      const env = { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000', PUBLIC_URL: 'https://inbox.agency.example', SMTP_URL: mailbox.url, MAIL_FROM: 'Bot <bot@agency.example>', NOTIFY_POLL_MS: '20' };
      app = await startApp(engine, { env, site: { notify: { emails: ['desk@clinic.example'], webhookUrl: webhook.url } } });
      await addSiteWithStaff(app, 'clinic', 'desk@clinic.example');
      staff = await login(app, 'desk@clinic.example');
      stopNotifier = startJobs([notifierJob(app.store, readConfig({ ...env, DATABASE_URL: app.databaseUrl }))], captureLog().log);
    });
    after(async () => {
      await stopNotifier();
      await app.close();
      await mailbox.close();
      await webhook.close();
    });

    const stored = async (id: string) => (await app.store.db.selectFrom('inquiries').selectAll().where('id', '=', id).execute())[0];

    it('receives +country-code numbers as people write them and stores their digits', async () => {
      for (const phone of [JAPAN, CHINA, '+1 (415) 555-0100', '+44 20 7946 0958', '+852 5123-4567']) {
        const body = inquiry({ fields: { name: 'Yamada Taro', phone, message: 'こんにちは' }, locale: 'ja' });
        assert.equal((await post(app.url, body)).status, 201, phone);
        const row = await stored(body.id as string);
        assert.equal(JSON.parse(row.payload).fields.phone, phone);
        assert.equal(row.phone_digits, ` ${phone.replace(/\D/g, '')} `);
      }
    });

    it('refuses what is no phone number, and still checks Korean numbers (with or without +82) exactly', async () => {
      for (const phone of ['+81 12', '+0 90 1234 5678', '+81 90 1234 5678 9012 34', '+81-90-abcd-5678', '81 90-1234-5678', '+82 10-1234', '+82 99 1234 5678', '010-1234', '1833-7488']) {
        const response = await post(app.url, inquiry({ fields: { name: '홍길동', phone } }));
        assert.equal(response.status, 400, phone);
      }
      for (const phone of ['+82 10-1234-5678', '010 1234 5678', '02-123-4567']) assert.equal((await post(app.url, inquiry({ fields: { name: '홍길동', phone } }))).status, 201, phone);
    });

    it('shows the number as typed in the inbox list and detail, and finds it by its digits', async () => {
      const body = inquiry({ fields: { name: '王小明', phone: CHINA, message: '你好' }, locale: 'zh' });
      assert.equal((await post(app.url, body)).status, 201);
      const list = (await (await staffFetch(app, staff, '/inbox/api/inquiries?q=0013')).json()) as { items: { id: string; phone: string }[] };
      assert.deepEqual(list.items.filter((i) => i.id === body.id).map((i) => i.phone), [CHINA]);
      const detail = (await (await staffFetch(app, staff, `/inbox/api/inquiries/${body.id}`)).json()) as { phone: string; payload: { locale: string } };
      assert.equal(detail.phone, CHINA);
      assert.equal(detail.payload.locale, 'zh');
      const csv = await (await staffFetch(app, staff, '/inbox/api/export.csv')).text();
      assert.ok(csv.includes(CHINA), 'the CSV export carries it');
    });

    it('finds a Korean patient by their number written either way: +82 10-… or 010-…', async () => {
      const body = inquiry({ fields: { name: '홍길동', phone: '010-2468-1357', message: '문의' } });
      assert.equal((await post(app.url, body)).status, 201);
      for (const q of ['+82 10-2468-1357', '+821024681357', '010-2468-1357', '2468']) {
        const list = (await (await staffFetch(app, staff, `/inbox/api/inquiries?q=${encodeURIComponent(q)}`)).json()) as { items: { id: string }[] };
        assert.ok(list.items.some((i) => i.id === body.id), q);
      }
    });

    it('masks it in the email and the webhook, keeping the country code', async () => {
      const body = inquiry({ fields: { name: 'Yamada Taro', phone: JAPAN, message: '予約したいです' }, locale: 'ja' });
      assert.equal((await post(app.url, body)).status, 201);
      const link = `/inbox#/inquiries/${body.id}`;
      await eventually('the email and the webhook', () => mailbox.mails.some((m) => m.text.includes(link)) && webhook.delivered.some((h) => h.body.includes(body.id as string)));
      const mail = mailbox.mails.find((m) => m.text.includes(link))!;
      assert.match(mail.text, /^연락처: \+81 \*{6}5678$/m);
      assert.ok(!mail.raw.includes('1234-5678') && !mail.raw.includes('90-1234'), 'nothing more of the number');
      const hook = JSON.parse(webhook.delivered.find((h) => h.body.includes(body.id as string))!.body);
      assert.equal(hook.inquiry.phone, '+81 ******5678');
    });

    it("deletes a foreign patient's inquiries by their number, however it is typed", async () => {
      const body = inquiry({ fields: { name: 'Yamada Hanako', phone: '+81 80-9876-5432' } });
      assert.equal((await post(app.url, body)).status, 201);
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '+81 (80) 9876 5432' } });
      assert.deepEqual(await response.json(), { deleted: 1 });
      assert.equal(await stored(body.id as string), undefined);
    });

    it('stores one number under one key however it was written: with the trunk (0), in full-width digits', async () => {
      const written = ['+81 70-1111-2222', '+81 (0)70-1111-2222', '＋８１ ７０－１１１１－２２２２'];
      const bodies = written.map((phone) => inquiry({ fields: { name: 'Sato', phone } }));
      for (const body of bodies) assert.equal((await post(app.url, body)).status, 201);
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '+81 70 1111 2222' } });
      assert.deepEqual(await response.json(), { deleted: written.length });
      for (const body of bodies) assert.equal(await stored(body.id as string), undefined);
    });
  });
}
