/**
 * What the receiver logs, read from the real process's output: requests and outcomes, never
 * what patients typed, not even when their inquiry is refused or cannot be parsed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toFormBody } from '../../src/schema/form-encoding.js';
import { openStore } from '../../server/storage/database.js';
import { addSite } from '../../server/domain/sites.js';
import { freshDatabaseUrl, inquiry, ORIGIN, post, startProcess } from './helpers/receiver.js';
import { eventually } from './helpers/notify-targets.js';

const SECRET_NAME = '비밀환자이름';
const SECRET_PHONE = '010-9876-5432';
const SECRET_MESSAGE = '탈모약 부작용 상담 원합니다';

describe('receiver logs', () => {
  it('name requests and outcomes but never what patients typed', async () => {
    const databaseUrl = await freshDatabaseUrl('sqlite');
    const store = await openStore(databaseUrl);
    await addSite(store, { id: 'clinic', origins: [ORIGIN] });
    await store.close();
    const receiver = await startProcess(databaseUrl, { LOG_LEVEL: 'debug', RATE_LIMIT_PER_IP: '3' });
    try {
      const fields = { name: SECRET_NAME, phone: SECRET_PHONE, message: SECRET_MESSAGE };
      const body = inquiry({ fields });
      assert.equal((await post(receiver.url, body)).status, 201);
      assert.equal((await post(receiver.url, { ...body, fields: { ...fields, message: `${SECRET_MESSAGE}!` } })).status, 409);
      // Refused bodies: invalid phone, broken JSON quoting the patient, a form body, too large.
      assert.equal((await post(receiver.url, inquiry({ fields: { ...fields, phone: `${SECRET_PHONE}999` } }))).status, 400);
      await post(receiver.url, `{"fields":{"name":"${SECRET_NAME}"`);
      await post(receiver.url, toFormBody(inquiry({ fields })), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await post(receiver.url, inquiry({ fields: { ...fields, message: SECRET_MESSAGE.repeat(800) } }));
      await fetch(`${receiver.url}/v1/sites/clinic/inquiries?q=${encodeURIComponent(SECRET_NAME)}`);
      // An address no route serves (a trailing slash, a clinic's script with a typo) is still a request.
      await fetch(`${receiver.url}/v1/sites/clinic/inquiries/?q=${encodeURIComponent(SECRET_NAME)}`);
      await fetch(`${receiver.url}/inbox/api/search?phone=${SECRET_PHONE}`);
      const log = receiver.output();
      assert.match(log, /"inquiry received"/);
      assert.match(log, /"statusCode":409/);
      // The phone in any spelling, but not four bare digits, which a response time can contain.
      for (const secret of [SECRET_NAME, SECRET_PHONE, SECRET_MESSAGE, encodeURIComponent(SECRET_NAME), '01098765432', '9876-5432']) {
        assert.ok(!log.includes(secret), `the log contains "${secret}": ${log.split("\n").filter((l) => l.includes(secret)).join("\n")}`);
      }
    } finally {
      await receiver.stop();
    }
  });

  it('names, once, the page address a site does not list, so the agency learns why its inquiries are refused', async () => {
    const databaseUrl = await freshDatabaseUrl('sqlite');
    const store = await openStore(databaseUrl);
    await addSite(store, { id: 'clinic', origins: [ORIGIN] });
    await store.close();
    const receiver = await startProcess(databaseUrl);
    try {
      for (let i = 0; i < 3; i++) assert.equal((await post(receiver.url, inquiry(), { origin: 'https://www.clinic.example' })).status, 403);
      // The process writes its log a moment after it answers (a busy machine makes it later).
      await eventually('the refused origin logged', () => receiver.output().includes('does not list this origin'));
      const lines = receiver.output().split('\n').filter((l) => l.includes('does not list this origin'));
      assert.equal(lines.length, 1);
      assert.match(lines[0], /"site":"clinic"/);
      assert.match(lines[0], /"origin":"https:\/\/www\.clinic\.example"/);
      // Made-up origins by the dozen: twenty are named, then one line says there are more, and that is all.
      for (let i = 0; i < 30; i++) await post(receiver.url, inquiry(), { origin: `https://junk${i}.example` });
      await eventually('the others logged as not named', () => receiver.output().includes('the others are not named'));
      const named = receiver.output().split('\n').filter((l) => l.includes('does not list this origin'));
      assert.equal(named.length, 20);
      assert.equal(receiver.output().split('\n').filter((l) => l.includes('the others are not named')).length, 1);
    } finally {
      await receiver.stop();
    }
  });
});
