/**
 * The loop a clinic runs, as `npm run demo` shows it: the built script tag on the mock clinic
 * page, a patient on a phone sending an inquiry across origins to the real receiver, and the
 * inquiry stored for the clinic's staff.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { openStore } from '../../server/storage/database.js';
import { freePort } from './helpers/ports.js';
import { launchChromium, watchedPage } from './helpers/chromium.js';
import { assertFreshDist } from '../dist-fresh.js';

describe('npm run demo', () => {
  let demo: ChildProcess;
  let output = '';
  let pages: string;
  let databaseUrl: string;
  let browser: Browser;

  before(async () => {
    assertFreshDist();
    const dataDir = mkdtempSync(join(tmpdir(), 'consult-demo-'));
    databaseUrl = join(dataDir, 'receiver.db');
    const [port, receiverPort] = [await freePort(), await freePort()];
    demo = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      env: { ...process.env, PORT: String(port), RECEIVER_PORT: String(receiverPort), DEMO_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 20_000);
      demo.stdout!.on('data', () => output.includes('log in as') && (clearTimeout(timer), resolve()));
      demo.once('exit', (code) => (clearTimeout(timer), reject(new Error(`demo exited (${code}):\n${output}`))));
    });
    pages = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    demo?.kill('SIGTERM');
  });

  it('prints the pages, the receiver and a staff login', () => {
    assert.match(output, /Mock clinic page \(script tag\): http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(output, /Staff inbox: +http:\/\/127\.0\.0\.1:\d+\/inbox/);
    assert.match(output, /log in as staff@demo\.clinic with password \S{10,}/);
  });

  it('takes an inquiry from a patient on a phone and stores it for the clinic', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(`${pages}/`, { waitUntil: 'load' });
    // Narrow screens show one launcher that expands the column of buttons.
    await (await page.waitForSelector('consult-widget >>> [part~="launcher"]'))!.tap();
    await (await page.waitForSelector('consult-widget >>> [part~="button-cost"]', { visible: true }))!.tap();
    // Typed at a person's pace: the receiver files sends faster than a human as spam.
    await (await page.waitForSelector('consult-widget >>> #field-name', { visible: true }))!.type('김하늘', { delay: 120 });
    await (await page.waitForSelector('consult-widget >>> #field-phone'))!.type('010-2345-6789', { delay: 120 });
    await (await page.waitForSelector('consult-widget >>> #field-message'))!.type('비절개 모발이식 비용이 궁금합니다.', { delay: 60 });
    await (await page.waitForSelector('consult-widget >>> #consent-privacy'))!.click();
    // The message tells of their health: it goes with the separate consent (PIPA Art. 23).
    await (await page.waitForSelector('consult-widget >>> #consent-sensitive'))!.click();
    await (await page.waitForSelector('consult-widget >>> [part~="submit"]'))!.click();
    await page.waitForSelector('consult-widget >>> [part~="success"]', { visible: true, timeout: 15_000 });
    assert.deepEqual(problems, []);

    const store = await openStore(databaseUrl);
    try {
      const rows = await store.db.selectFrom('inquiries').selectAll().where('site_id', '=', 'demo').execute();
      assert.equal(rows.length, 1);
      const payload = JSON.parse(rows[0].payload);
      assert.equal(payload.form, 'cost');
      assert.equal(payload.fields.name, '김하늘');
      assert.equal(payload.page.url, `${pages}/`);
      assert.equal(rows[0].status, 'new', 'a patient typing at a person\'s pace is not spam');
    } finally {
      await store.close();
    }
  });

  it('shows the elements page: the <consult-widget> it places and names with data-adopt works, in English', async () => {
    const { page, problems } = await watchedPage(browser);
    // A desktop: the whole column, not the launcher narrow screens get.
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${pages}/elements.html`, { waitUntil: 'load' });
    await (await page.waitForSelector('#clinic-widget >>> [part~="button-cost"]', { visible: true }))!.click();
    const title = await page.waitForSelector('#clinic-widget >>> [part~="title"]', { visible: true });
    assert.match((await title!.evaluate((el) => el.textContent)) ?? '', /[A-Za-z]/);
    // The page's own log, which its module script writes once the element is defined and rendered.
    await page.waitForFunction(() => document.getElementById('log')?.textContent?.includes('configuration has no problems'));
    assert.deepEqual(problems, []);
  });
});
