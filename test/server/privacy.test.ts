/**
 * Privacy duties on both engines: the access log (who, what, when, where; never what patients
 * typed), its two-year keeping, daily deletion past each site's retention period, and deleting
 * one patient's inquiries on request from the inbox and from the command line.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { engines, inquiry, post, runCommand, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff, login, PASSWORD, postLogin, staffFetch, type StaffSession } from './helpers/staff.js';
import { runRetention } from '../../server/domain/retention.js';
import { keepUntil } from '../../server/domain/receive.js';
import { pruneAccessLog, logAccess } from '../../server/domain/access-log.js';
import { receiverJobs } from '../../server/jobs.js';
import { sql } from 'kysely';

/** Makes the database refuse (or accept again) every new access-log row, on either engine. */
async function refuseAccessRows(app: TestApp, refuse: boolean): Promise<void> {
  const db = app.store.db;
  if (app.store.engine === 'sqlite') {
    if (refuse) await sql`CREATE TRIGGER access_log_refused BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'access log unavailable'); END`.execute(db);
    else await sql`DROP TRIGGER access_log_refused`.execute(db);
    return;
  }
  if (refuse) {
    await sql`CREATE FUNCTION access_log_refused() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'access log unavailable'; END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER access_log_refused BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_refused()`.execute(db);
  } else {
    await sql`DROP TRIGGER access_log_refused ON access_log`.execute(db);
    await sql`DROP FUNCTION access_log_refused()`.execute(db);
  }
}

for (const engine of engines()) {
  describe(`privacy duties (${engine})`, () => {
    let app: TestApp;
    let staff: StaffSession;
    before(async () => {
      app = await startApp(engine, { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' }, site: { retentionDays: 30 } });
      await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
      await addSiteWithStaff(app, 'other', 'b@other.example');
      staff = await login(app, 'nurse@clinic.example');
    });
    after(() => app.close());

    const accessRows = () => app.store.db.selectFrom('access_log').selectAll().orderBy('at').execute();
    const count = async (table: 'inquiries' | 'inquiry_notes' | 'outbox', id: string) =>
      (await app.store.db.selectFrom(table).select('site_id').where(table === 'inquiries' ? 'id' : 'inquiry_id', '=', id).execute()).length;
    const addOutbox = (siteId: string, inquiryId: string) =>
      app.store.db
        .insertInto('outbox')
        .values({ id: `ob-${inquiryId}`, site_id: siteId, inquiry_id: inquiryId, channel: 'email', state: 'sent', next_attempt_at: new Date().toISOString(), locked_until: null, last_error: null, created_at: new Date().toISOString(), sent_at: null })
        .execute();

    it('logs every list, search, view, export, status change and note with who, what, when and ip, never the text', async () => {
      const body = inquiry({ fields: { name: '로그검사', phone: '010-2468-1357', message: '비밀스러운 내용' } });
      await post(app.url, body);
      const start = (await accessRows()).length;
      await staffFetch(app, staff, '/inbox/api/inquiries');
      await staffFetch(app, staff, `/inbox/api/inquiries?q=${encodeURIComponent('로그검사')}`);
      await staffFetch(app, staff, `/inbox/api/inquiries/${body.id}`);
      await staffFetch(app, staff, '/inbox/api/export.csv?status=new');
      await staffFetch(app, staff, `/inbox/api/inquiries/${body.id}/status`, { body: { status: 'contacted' } });
      await staffFetch(app, staff, `/inbox/api/inquiries/${body.id}/notes`, { body: { text: '메모 내용 010-2468-1357' } });
      const rows = (await accessRows()).slice(start);
      assert.deepEqual(rows.map((r) => r.action), ['list', 'search', 'view', 'export', 'status', 'note']);
      const [staffRow] = await app.store.db.selectFrom('staff').select('id').where('email', '=', 'nurse@clinic.example').execute();
      for (const row of rows) {
        assert.equal(row.actor, `staff:${staffRow.id}`);
        assert.equal(row.site_id, 'clinic');
        assert.match(row.ip, /127\.0\.0\.1/);
        assert.ok(Date.now() - Date.parse(row.at) < 60_000);
        assert.doesNotMatch(row.target, /로그검사|비밀|메모|2468/);
      }
      assert.equal(rows[2].target, body.id);
      assert.match(rows[1].target, /search/);
      assert.match(rows[3].target, /status=new/);
    });

    it('logs logins too', async () => {
      await login(app, 'nurse@clinic.example');
      const rows = await accessRows();
      assert.equal(rows.at(-1)!.action, 'login');
    });

    it('keeps access records two years and prunes older ones', async () => {
      const now = new Date();
      const day = 24 * 60 * 60_000;
      const twoYearsAgo = new Date(now);
      twoYearsAgo.setUTCFullYear(now.getUTCFullYear() - 2);
      const at = (ms: number) => new Date(twoYearsAgo.getTime() + ms).toISOString();
      await app.store.db
        .insertInto('access_log')
        .values([
          { id: 'old', at: at(-day), site_id: 'clinic', actor: 'system', action: 'view', target: 'x', ip: '' },
          { id: 'kept', at: at(day), site_id: 'clinic', actor: 'system', action: 'view', target: 'x', ip: '' },
        ])
        .execute();
      assert.equal(await pruneAccessLog(app.store, now), 1);
      const ids = (await accessRows()).map((r) => r.id);
      assert.ok(!ids.includes('old'));
      assert.ok(ids.includes('kept'));
    });

    it("deletes inquiries older than the site's retention period, with their notes and notifications, and only those", async () => {
      const old = inquiry();
      const fresh = inquiry();
      const otherOld = inquiry();
      await post(app.url, old);
      await post(app.url, fresh);
      await post(app.url, otherOld, { site: 'other', origin: 'https://other.example' });
      const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000).toISOString();
      await app.store.db.updateTable('inquiries').set({ received_at: daysAgo(31) }).where('id', '=', old.id as string).execute();
      await app.store.db.updateTable('inquiries').set({ received_at: daysAgo(29) }).where('id', '=', fresh.id as string).execute();
      // "other" keeps the default 365 days.
      await app.store.db.updateTable('inquiries').set({ received_at: daysAgo(31) }).where('id', '=', otherOld.id as string).execute();
      await staffFetch(app, staff, `/inbox/api/inquiries/${old.id}/notes`, { body: { text: '메모' } });
      await addOutbox('clinic', old.id as string);
      const result = await runRetention(app.store);
      assert.ok(result.inquiries >= 1);
      assert.equal(await count('inquiries', old.id as string), 0);
      assert.equal(await count('inquiry_notes', old.id as string), 0);
      assert.equal(await count('outbox', old.id as string), 0);
      assert.equal(await count('inquiries', fresh.id as string), 1);
      assert.equal(await count('inquiries', otherOld.id as string), 1);
      const log = (await accessRows()).filter((r) => r.action === 'retention');
      assert.ok(log.some((r) => r.site_id === 'clinic' && r.actor === 'system' && /deleted=1/.test(r.target)));
    });

    it('keeps no inquiry longer than its notice told the patient (consent.retentionMonths), though the site keeps others longer', async () => {
      const base = inquiry() as { consent: Record<string, unknown> };
      const told1 = { ...base, id: `told1-${Date.now()}`, consent: { ...base.consent, retentionMonths: 1 } };
      const told36 = { ...base, id: `told36-${Date.now()}`, consent: { ...base.consent, retentionMonths: 36 } };
      const untold = { ...inquiry(), id: `untold-${Date.now()}` };
      for (const body of [told1, told36, untold]) assert.equal((await post(app.url, body, { site: 'other', origin: 'https://other.example' })).status, 201);
      const stored = await app.store.db.selectFrom('inquiries').select(['id', 'received_at', 'keep_until']).where('id', 'in', [told1.id, told36.id, untold.id]).execute();
      const byId = Object.fromEntries(stored.map((r) => [r.id, r]));
      assert.equal(byId[told1.id].keep_until, keepUntil(byId[told1.id].received_at, 1));
      assert.equal(byId[untold.id].keep_until, null);
      // 32 days on: the 1-month notice has ended; "other" keeps the rest (365 days, which ends before 36 months).
      const later = new Date(Date.now() + 32 * 24 * 60 * 60_000);
      await runRetention(app.store, later);
      assert.equal(await count('inquiries', told1.id), 0);
      assert.equal(await count('inquiries', told36.id), 1);
      assert.equal(await count('inquiries', untold.id), 1);
      const log = (await accessRows()).filter((r) => r.action === 'retention' && r.site_id === 'other');
      assert.ok(log.some((r) => /deleted=1 /.test(r.target)), JSON.stringify(log));
    });

    it('counts the told period in calendar months, ending on the month\'s last day when it has no such day', () => {
      assert.equal(keepUntil('2026-01-31T10:00:00.000Z', 1), '2026-02-28T10:00:00.000Z');
      assert.equal(keepUntil('2027-12-31T23:59:59.000Z', 2), '2028-02-29T23:59:59.000Z');
      assert.equal(keepUntil('2026-11-27T05:00:00.000Z', 12), '2027-11-27T05:00:00.000Z');
      assert.equal(keepUntil('2026-11-27T05:00:00.000Z', undefined), null);
    });

    it('runs the retention job daily among the receiver jobs', () => {
      const job = receiverJobs(app.store, app.config).find((j) => j.name === 'retention');
      assert.ok(job);
      assert.equal(job.everyMs, 24 * 60 * 60_000);
    });

    it("deletes one patient's inquiries from the inbox by phone number, logging the count and not the number", async () => {
      const one = inquiry({ fields: { name: '삭제요청', phone: '010-9876-5432' } });
      const two = inquiry({ fields: { name: '삭제요청', phone: '+82 10 9876 5432' } });
      const keep = inquiry({ fields: { name: '다른환자', phone: '010-1111-0000' } });
      const elsewhere = inquiry({ fields: { name: '삭제요청', phone: '010-9876-5432' } });
      for (const body of [one, two, keep]) assert.equal((await post(app.url, body)).status, 201);
      await post(app.url, elsewhere, { site: 'other', origin: 'https://other.example' });
      await staffFetch(app, staff, `/inbox/api/inquiries/${one.id}/notes`, { body: { text: '메모' } });
      await addOutbox('clinic', two.id as string);
      assert.equal((await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: 'abc' } })).status, 400);
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '01098765432' } });
      assert.deepEqual(await response.json(), { deleted: 2 });
      assert.equal(await count('inquiries', one.id as string), 0);
      assert.equal(await count('inquiries', two.id as string), 0);
      assert.equal(await count('inquiry_notes', one.id as string), 0);
      assert.equal(await count('outbox', two.id as string), 0);
      assert.equal(await count('inquiries', keep.id as string), 1);
      assert.equal(await count('inquiries', elsewhere.id as string), 1);
      const row = (await accessRows()).at(-1)!;
      assert.equal(row.action, 'delete-patient');
      assert.equal(row.target, 'deleted=2');
      // (Only the target and ip carry request data; ids are random UUIDs and may hold any digits.)
      assert.ok((await accessRows()).every((r) => !/9876/.test(r.target) && !/9876/.test(r.ip)));
    });

    it("does not store or notify again a copy of an erased inquiry that the patient's browser sends late, for a week; another site's is its own", async () => {
      const late = inquiry({ fields: { name: '지운환자', phone: '010-4444-3333' } });
      assert.equal((await post(app.url, late)).status, 201);
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '010-4444-3333' } });
      assert.deepEqual(await response.json(), { deleted: 1 });
      // Its first answer never reached the browser, which tries again.
      const again = await post(app.url, late);
      assert.equal(again.status, 200, 'the browser stops trying');
      assert.deepEqual(await again.json(), { id: late.id, erased: true });
      assert.equal(await count('inquiries', late.id as string), 0);
      assert.equal(await count('outbox', late.id as string), 0);
      const [kept] = await app.store.db.selectFrom('erased_inquiries').selectAll().where('site_id', '=', 'clinic').execute();
      assert.notEqual(kept.id_hash, late.id, 'kept by a hash');
      // The same id on another site is not that patient's.
      assert.equal((await post(app.url, late, { site: 'other', origin: 'https://other.example' })).status, 201);
      // A week and a day later the job forgets it.
      await runRetention(app.store, new Date(Date.now() + 8 * 24 * 60 * 60_000));
      assert.equal((await app.store.db.selectFrom('erased_inquiries').selectAll().where('site_id', '=', 'clinic').execute()).length, 0);
    });

    it("finds, shows and deletes a patient by a number in a field of another name (a clinic's own form asking for `mobile`)", async () => {
      const body = inquiry({ form: 'booking', fields: { name: '모바일', mobile: '010-5555-6666', message: '탈모 상담' } });
      assert.equal((await post(app.url, body)).status, 201);
      const found = (await (await staffFetch(app, staff, '/inbox/api/inquiries?q=5555-6666')).json()) as { items: { id: string; phone: string }[] };
      assert.deepEqual(found.items.map((i) => [i.id, i.phone]), [[body.id, '010-5555-6666']]);
      const detail = (await (await staffFetch(app, staff, `/inbox/api/inquiries/${body.id}`)).json()) as { phone: string };
      assert.equal(detail.phone, '010-5555-6666', 'the inbox offers to delete by it');
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '01055556666' } });
      assert.deepEqual(await response.json(), { deleted: 1 });
      assert.equal(await count('inquiries', body.id as string), 0);
    });

    it('deletes a row an older receiver wrote during an upgrade, its digits stored bare', async () => {
      const body = inquiry({ fields: { name: '예전형식', phone: '010-7777-8888' } });
      assert.equal((await post(app.url, body)).status, 201);
      await app.store.db.updateTable('inquiries').set({ phone_digits: '01077778888' }).where('id', '=', body.id as string).execute();
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '010-7777-8888' } });
      assert.deepEqual(await response.json(), { deleted: 1 });
    });

    it('deletes by a whole number only, never one that merely contains its digits', async () => {
      const longer = inquiry({ fields: { name: '다른번호', phone: '+82 10-2222-3333', extra: '02-2222-3333' } });
      assert.equal((await post(app.url, longer)).status, 201);
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '2222-3333' } });
      assert.equal(response.status, 400, 'not a phone number');
      const other = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '010-2222-333' } });
      assert.deepEqual(await other.json(), { deleted: 0 });
      assert.equal(await count('inquiries', longer.id as string), 1);
    });

    it('deletes one patient\'s inquiries with `npm run receiver -- patient delete`', async () => {
      const body = inquiry({ fields: { name: '명령줄', phone: '010-5555-1234' } });
      await post(app.url, body);
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', 'patient', 'delete', 'clinic', '--phone', '010-5555-1234'], {
        env: { ...process.env, DATABASE_URL: app.databaseUrl },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /Deleted 1 inquiry/);
      assert.equal(await count('inquiries', body.id as string), 0);
      const row = (await accessRows()).at(-1)!;
      assert.deepEqual([row.action, row.actor, row.target], ['delete-patient', 'system', 'deleted=1 cli']);
      const bad = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', 'patient', 'delete', 'clinic'], { env: { ...process.env, DATABASE_URL: app.databaseUrl }, encoding: 'utf8' });
      assert.notEqual(bad.status, 0);
    });

    /**
     * The access log refuses rows, as a full disk or a broken table would, by a trigger in the
     * database itself: every change staff or the command make must then fail whole, rather than
     * happen with no record of who made it.
     */
    it('makes no change whose access record cannot be written, and logs each change in its own transaction', async () => {
      const body = inquiry({ fields: { name: '기록없음', phone: '010-3131-2020' } });
      assert.equal((await post(app.url, body)).status, 201);
      await addSiteWithStaff(app, 'clinic', 'leaving@clinic.example');
      const leaving = await login(app, 'leaving@clinic.example');
      const id = body.id as string;
      const status = async () => (await app.store.db.selectFrom('inquiries').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
      const accounts = async () => (await app.store.db.selectFrom('staff').select('email').where('site_id', '=', 'clinic').orderBy('email').execute()).map((r) => r.email);
      const tokens = async () => (await app.store.db.selectFrom('api_tokens').select('token_hash').where('site_id', '=', 'clinic').execute()).length;
      const rowsBefore = (await accessRows()).length;
      const staffBefore = await accounts();
      const tokensBefore = await tokens();

      await refuseAccessRows(app, true);
      try {
        assert.equal((await staffFetch(app, staff, `/inbox/api/inquiries/${id}/status`, { body: { status: 'booked' } })).status, 500);
        assert.equal((await staffFetch(app, staff, `/inbox/api/inquiries/${id}/notes`, { body: { text: '기록 안 될 메모' } })).status, 500);
        assert.equal((await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '010-3131-2020' } })).status, 500);
        const own = await staffFetch(app, leaving, '/inbox/api/password', { body: { current: PASSWORD, password: 'a brand new password' } });
        assert.equal(own.status, 500);
        await assert.rejects(runRetention(app.store, new Date(Date.now() + 400 * 86_400_000)));
        for (const args of [['staff', 'remove', 'clinic', 'leaving@clinic.example'], ['staff', 'add', 'clinic', 'new@clinic.example'], ['token', 'add', 'clinic']]) {
          const run = runCommand(app.databaseUrl, args, 'a long enough password');
          assert.notEqual(run.status, 0, `${args.join(' ')} must fail: ${run.stdout}`);
        }
      } finally {
        await refuseAccessRows(app, false);
      }
      assert.equal(await status(), 'new');
      assert.equal(await count('inquiry_notes', id), 0);
      assert.equal(await count('inquiries', id), 1);
      assert.deepEqual(await accounts(), staffBefore);
      assert.equal(await tokens(), tokensBefore);
      assert.equal((await postLogin(app, 'leaving@clinic.example', PASSWORD)).status, 200, 'the old password still opens the inbox');
      assert.equal((await accessRows()).length, rowsBefore + 1, 'only the login above was logged');

      // With the log back, the same changes go through, each with its row.
      assert.equal((await staffFetch(app, staff, `/inbox/api/inquiries/${id}/status`, { body: { status: 'booked' } })).status, 200);
      assert.equal(runCommand(app.databaseUrl, ['staff', 'remove', 'clinic', 'leaving@clinic.example']).status, 0);
      const last = (await accessRows()).slice(-2);
      assert.deepEqual(last.map((r) => r.action), ['status', 'revoke']);
      assert.match(last[1].target, /^staff:[\w-]+ leaving@clinic\.example cli$/);
    });

    it('writes access rows through one function that keeps targets short', async () => {
      await logAccess(app.store, { siteId: 'clinic', actor: 'system', action: 'view', target: 'x'.repeat(2000) });
      const row = (await accessRows()).at(-1)!;
      assert.equal(row.target.length, 500);
    });
  });
}

/**
 * Deleted means unreadable, on SQLite: the file and its write-ahead log are read as bytes, as a
 * copy or a backup of data/ would be. (PostgreSQL keeps a deleted row's bytes until VACUUM
 * reuses the space; no query of the receiver can force that.)
 */
if (engines().includes('sqlite')) {
  describe('deleted inquiries leave no trace in the SQLite files', () => {
    let app: TestApp;
    let staff: StaffSession;
    before(async () => {
      app = await startApp('sqlite', { env: { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_SITE: '1000' }, site: { retentionDays: 30 } });
      await addSiteWithStaff(app, 'clinic', 'nurse@clinic.example');
      staff = await login(app, 'nurse@clinic.example');
    });
    after(() => app.close());

    const inFiles = (text: string) =>
      ['', '-wal'].filter((suffix) => existsSync(`${app.databaseUrl}${suffix}`) && readFileSync(`${app.databaseUrl}${suffix}`).includes(Buffer.from(text)));

    it("a patient's deleted inquiry: neither in the database file nor in its log", async () => {
      const secret = '삭제요청환자의-탈모-상담-내용';
      const body = inquiry({ fields: { name: '지울환자', phone: '010-7777-3210', message: secret } });
      assert.equal((await post(app.url, body)).status, 201);
      for (let i = 0; i < 3; i++) await post(app.url, inquiry());
      await staffFetch(app, staff, `/inbox/api/inquiries/${body.id}/notes`, { body: { text: `${secret}-메모` } });
      assert.ok(inFiles(secret).length > 0, 'the test finds text it wrote');
      const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '010-7777-3210' } });
      assert.deepEqual(await response.json(), { deleted: 1 });
      assert.deepEqual(inFiles(secret), []);
      assert.deepEqual(inFiles('지울환자'), []);
    });

    it('a deletion while a backup reads: answered at once, and the scrub job clears the files once the backup is done', async () => {
      const secret = '백업중에-지운-상담-내용';
      const body = inquiry({ fields: { name: '백업중환자', phone: '010-7777-3212', message: secret } });
      assert.equal((await post(app.url, body)).status, 201);
      // A backup's snapshot: another connection in the middle of reading.
      const { default: SQLite } = await import('better-sqlite3');
      const reader = new SQLite(app.databaseUrl, { readonly: true });
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM inquiries').get();
      const started = Date.now();
      try {
        const response = await staffFetch(app, staff, '/inbox/api/patients/delete', { body: { phone: '010-7777-3212' } });
        assert.deepEqual(await response.json(), { deleted: 1 });
        // (better-sqlite3 waits with the whole process: before, 5 s of nothing served.)
        assert.ok(Date.now() - started < 1500, `the receiver stood still for ${Date.now() - started} ms`);
      } finally {
        reader.exec('COMMIT');
        reader.close();
      }
      const scrub = receiverJobs(app.store, app.config).find((job) => job.name === 'scrub')!;
      assert.ok(scrub.everyMs <= 5 * 60_000);
      await scrub.run(undefined as never);
      assert.deepEqual(inFiles(secret), []);
    });

    it('an inquiry past its retention period: neither in the database file nor in its log', async () => {
      const secret = '보관기간이-지난-상담-내용';
      const body = inquiry({ fields: { name: '오래된환자', phone: '010-7777-3211', message: secret } });
      assert.equal((await post(app.url, body)).status, 201);
      await app.store.db.updateTable('inquiries').set({ received_at: new Date(Date.now() - 31 * 24 * 60 * 60_000).toISOString() }).where('id', '=', body.id as string).execute();
      assert.ok(inFiles(secret).length > 0, 'the test finds text it wrote');
      assert.equal((await runRetention(app.store)).inquiries, 1);
      assert.deepEqual(inFiles(secret), []);
    });
  });
}
