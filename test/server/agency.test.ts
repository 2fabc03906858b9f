/**
 * The "done when", as an agency and a clinic live it: the receiver started and a clinic
 * site added with the README's commands, the built script tag pasted into a plain page of the
 * clinic's (another origin), a patient on a phone sending an inquiry, and the clinic's staff
 * finding it in their inbox and in their email (masked: no health data through mail servers).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser } from 'puppeteer-core';
import { freshDatabaseUrl, runCommand, startProcess, type ReceiverProcess } from './helpers/receiver.js';
import { startMailbox, eventually, type Mailbox } from './helpers/notify-targets.js';
import { ensureInboxBuilt } from './helpers/browser.js';
import { launchChromium, watchedPage } from './helpers/chromium.js';
import { freePort } from './helpers/ports.js';
import { startClinicSite } from './helpers/clinic-site.js';
import { assertFreshDist } from '../dist-fresh.js';

describe('an agency going live with a clinic, as the README tells it', () => {
  let mailbox: Mailbox;
  let receiver: ReceiverProcess;
  let site: Server;
  let browser: Browser;
  let pages: string;

  before(async () => {
    assertFreshDist();
    ensureInboxBuilt();
    mailbox = await startMailbox();
    const databaseUrl = await freshDatabaseUrl('sqlite');
    const pagesPort = await freePort();
    pages = `http://127.0.0.1:${pagesPort}`;
    const add = runCommand(databaseUrl, ['site', 'add', 'smile', '--origin', pages, '--name', '스마일치과', '--notify-email', 'desk@smile.example']);
    assert.equal(add.status, 0, add.stderr);
    const staff = runCommand(databaseUrl, ['staff', 'add', 'smile', 'desk@smile.example'], 'front desk password\n');
    assert.equal(staff.status, 0, staff.stderr);
    receiver = await startProcess(databaseUrl, { SMTP_URL: mailbox.url, MAIL_FROM: '스마일치과 <no-reply@agency.example>', NOTIFY_POLL_MS: '200' });
    site = await startClinicSite(pagesPort, `${receiver.url}/v1/sites/smile/inquiries`);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
    await receiver?.stop();
    await mailbox?.close();
  });

  it('takes a patient\'s inquiry from a phone to the staff inbox and a masked email', async () => {
    const { page: phone, problems } = await watchedPage(browser);
    await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await phone.goto(`${pages}/`, { waitUntil: 'load' });
    await (await phone.waitForSelector('consult-widget >>> [part~="launcher"]'))!.tap();
    await (await phone.waitForSelector('consult-widget >>> [part~="button-consult"]', { visible: true }))!.tap();
    await (await phone.waitForSelector('consult-widget >>> #field-name', { visible: true }))!.type('김하늘', { delay: 150 });
    await (await phone.waitForSelector('consult-widget >>> #field-phone'))!.type('010-2345-6789', { delay: 150 });
    await (await phone.waitForSelector('consult-widget >>> #field-message'))!.type('임플란트 상담 원합니다. 잇몸이 약한 편입니다.', { delay: 40 });
    await (await phone.waitForSelector('consult-widget >>> #consent-privacy'))!.click();
    // The message tells of their health: it goes with the separate consent (PIPA Art. 23).
    await (await phone.waitForSelector('consult-widget >>> #consent-sensitive'))!.click();
    await (await phone.waitForSelector('consult-widget >>> [part~="submit"]'))!.click();
    await phone.waitForSelector('consult-widget >>> [part~="success"]', { visible: true, timeout: 15_000 });
    assert.deepEqual(problems, []);

    // The clinic's email: who and how to reach them, masked; never the message.
    await eventually('the notification email', () => mailbox.mails.length === 1);
    const [mail] = mailbox.mails;
    assert.deepEqual(mail.to, ['desk@smile.example']);
    assert.match(mail.subject, /스마일치과/);
    assert.match(mail.text, /김\*늘/);
    assert.match(mail.text, /010-\*\*\*\*-6789/);
    assert.match(mail.text, new RegExp(`${receiver.url.replace(/[.]/g, '\\.')}/inbox#/inquiries/`));
    assert.doesNotMatch(`${mail.subject}\n${mail.text}`, /김하늘|2345|잇몸/);

    // The staff inbox, logged in as the README's `staff add` made the account.
    const context = await browser.createBrowserContext();
    const desk = await context.newPage();
    await desk.goto(`${receiver.url}/login`);
    await (await desk.waitForSelector('>>> #email'))!.type('desk@smile.example');
    await desk.type('>>> #password', 'front desk password');
    await desk.click('>>> form button[type=submit]');
    await desk.waitForFunction(
      () => document.querySelector('inbox-app')?.shadowRoot?.querySelector('inbox-list')?.shadowRoot?.querySelector('tbody')?.textContent?.includes('김하늘'),
      { polling: 100, timeout: 15_000 },
    );
    await context.close();
  });

  it('tells the patient at once, with the phone number, when the page is served from an origin the site does not list, and queues nothing', async () => {
    // The same pages under another name (as www. or http:// would be): not among the site's origins.
    const unlisted = pages.replace('127.0.0.1', 'localhost');
    const { page, problems } = await watchedPage(browser);
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${unlisted}/`, { waitUntil: 'load' });
    await (await page.waitForSelector('consult-widget >>> [part~="button-cost"]', { visible: true }))!.click();
    await (await page.waitForSelector('consult-widget >>> #field-name', { visible: true }))!.type('이바다');
    await (await page.waitForSelector('consult-widget >>> #field-phone'))!.type('010-3456-7890');
    await (await page.waitForSelector('consult-widget >>> #consent-privacy'))!.click();
    await (await page.waitForSelector('consult-widget >>> [part~="submit"]'))!.click();
    const alert = await page.waitForSelector('consult-widget >>> [part~="alert"]', { visible: true, timeout: 15_000 });
    const text = await alert!.evaluate((el) => el.textContent ?? '');
    assert.match(text, /설정에 문제가 있어 보내지 못했습니다\(오류 403\)/);
    assert.match(text, /02-123-4567/);
    assert.equal(await page.evaluate(() => localStorage.getItem('consult-widget:outbox')), null, 'nothing waits to be sent again');
    assert.deepEqual(problems, []);
  });
});
