/**
 * The administration commands, run as an agency runs them (`npm run receiver -- …`, here the
 * same tsx server/main.ts), on both engines.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from '@node-rs/argon2';
import { openStore } from '../../server/storage/database.js';
import { siteOfToken } from '../../server/domain/tokens.js';
import { getSite } from '../../server/domain/sites.js';
import { receiveInquiry } from '../../server/domain/receive.js';
import { runRetention } from '../../server/domain/retention.js';
import { engines, freshDatabaseUrl, inquiry, runCommand as receiver } from './helpers/receiver.js';

for (const engine of engines()) {
  describe(`receiver commands (${engine})`, () => {
    it('adds, lists and removes sites, refusing bad ids and origins with a clear message', async () => {
      const db = await freshDatabaseUrl(engine);
      const added = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example/', '--origin', 'https://www.haneul.example', '--name', '하늘의원', '--retention-days', '180']);
      assert.equal(added.status, 0, added.stderr);
      assert.match(added.stdout, /\/v1\/sites\/haneul\/inquiries/);
      const listed = receiver(db, ['site', 'list']);
      assert.match(listed.stdout, /haneul\t하늘의원\thttps:\/\/haneul\.example https:\/\/www\.haneul\.example\t180 days/);

      const badId = receiver(db, ['site', 'add', 'Bad Id', '--origin', 'https://x.example']);
      assert.equal(badId.status, 1);
      assert.match(badId.stderr, /site id "Bad Id" must be/);
      const badOrigin = receiver(db, ['site', 'add', 'other', '--origin', 'https://x.example/path']);
      assert.equal(badOrigin.status, 1);
      assert.match(badOrigin.stderr, /not an origin/);
      const twice = receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      assert.match(twice.stderr, /exists already/);

      assert.equal(receiver(db, ['site', 'remove', 'haneul']).status, 0);
      assert.doesNotMatch(receiver(db, ['site', 'list']).stdout, /haneul/);
      assert.equal(receiver(db, ['site', 'remove', 'haneul']).status, 1);
    });

    it('refuses a retention period out of range on update as on add: a fresh inquiry survives the retention run', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example', '--retention-days', '180']);
      // 0 or less put the cut-off at now or later: the next nightly run deleted every inquiry.
      for (const days of ['0', '-5', '', '1.5']) {
        const run = receiver(db, ['site', 'update', 'haneul', `--retention-days=${days}`]);
        assert.equal(run.status, 1, `--retention-days=${days} accepted`);
        assert.match(run.stderr, /--retention-days must be a whole number from 1 to 3650/);
      }
      assert.match(receiver(db, ['site', 'list']).stdout, /\t180 days\t/);
      const store = await openStore(db);
      try {
        const site = (await getSite(store, 'haneul'))!;
        assert.equal((await receiveInquiry(store, site, inquiry({ page: { url: 'https://haneul.example/', referrer: '', title: '' } }))).status, 201);
        await runRetention(store);
        assert.equal((await store.db.selectFrom('inquiries').select('id').execute()).length, 1);
      } finally {
        await store.close();
      }
    });

    it('prints a token once and stores only its hash', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      const run = receiver(db, ['token', 'add', 'haneul']);
      assert.equal(run.status, 0, run.stderr);
      const token = run.stdout.trim();
      assert.match(token, /^cwr_[\w-]{40,}$/);
      const store = await openStore(db);
      try {
        assert.equal(await siteOfToken(store, token), 'haneul');
        const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
        assert.ok(rows.every((row) => row.token_hash !== token && !row.token_hash.includes(token)));
      } finally {
        await store.close();
      }
    });

    it('adds staff with a password read from standard input, hashed with argon2id', async () => {
      const db = await freshDatabaseUrl(engine);
      receiver(db, ['site', 'add', 'haneul', '--origin', 'https://haneul.example']);
      const run = receiver(db, ['staff', 'add', 'haneul', 'Nurse@Haneul.example'], 'a long enough secret\n');
      assert.equal(run.status, 0, run.stderr);
      assert.equal(receiver(db, ['staff', 'add', 'haneul', 'short@haneul.example'], 'short\n').status, 1);
      const store = await openStore(db);
      try {
        const staff = await store.db.selectFrom('staff').selectAll().execute();
        assert.equal(staff.length, 1);
        assert.equal(staff[0].email, 'nurse@haneul.example');
        assert.match(staff[0].password_hash, /^\$argon2id\$/);
        assert.ok(await verify(staff[0].password_hash, 'a long enough secret'));
      } finally {
        await store.close();
      }
    });

    it('explains its usage for an unknown command', async () => {
      const run = receiver(await freshDatabaseUrl(engine), ['sites', 'add']);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /Usage:/);
    });
  });
}
