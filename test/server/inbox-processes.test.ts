/**
 * Several receivers on one database behave as one for staff (both engines; on PostgreSQL this
 * is the load-balanced setup): a session made by one is honoured by the other, a lock-out
 * counted by one holds at the other, and the inbox's version poll answered by one sees an
 * inquiry received by the other, so the list updates whichever process the browser reaches.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { engines, inquiry, post, startApp, type TestApp } from './helpers/receiver.js';
import { addSiteWithStaff, login, PASSWORD, postLogin, staffFetch } from './helpers/staff.js';
import { MAX_FAILED_LOGINS } from '../../server/domain/auth.js';

for (const engine of engines()) {
  describe(`inbox across two receivers on one database (${engine})`, () => {
    let one: TestApp;
    let two: TestApp;
    before(async () => {
      one = await startApp(engine);
      two = await startApp(engine, { databaseUrl: one.databaseUrl });
      await addSiteWithStaff(one, 'clinic', 'nurse@clinic.example');
      await addSiteWithStaff(one, 'clinic', 'guess@clinic.example');
    });
    after(async () => {
      await two.close();
      await one.close();
    });

    it('honours a session made by the other receiver, CSRF token included', async () => {
      const session = await login(one, 'nurse@clinic.example');
      const body = inquiry();
      await post(one.url, body);
      // Same cookie and token, other process; its own Origin, as a browser behind one address would send.
      const response = await staffFetch(two, session, `/inbox/api/inquiries/${body.id}/status`, { body: { status: 'contacted' } });
      assert.equal(response.status, 200);
    });

    it('sees an inquiry received by the other receiver in the version poll', async () => {
      const session = await login(two, 'nurse@clinic.example');
      const version = async () => ((await (await staffFetch(two, session, '/inbox/api/version')).json()) as { version: string }).version;
      const before = await version();
      assert.equal((await post(one.url, inquiry())).status, 201);
      assert.notEqual(await version(), before);
    });

    it('counts failed logins across receivers toward one lock-out', async () => {
      for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await postLogin(i % 2 ? one : two, 'guess@clinic.example', `wrong ${i}`);
      assert.equal((await postLogin(one, 'guess@clinic.example', 'wrong again')).status, 429);
      assert.equal((await postLogin(two, 'guess@clinic.example', PASSWORD)).status, 429);
    });
  });
}
