/**
 * The widget's outbox against the real receiver, with Chromium really offline (DevTools'
 * offline mode: navigator.onLine false, every request failing): an inquiry sent offline is
 * kept in the browser and arrives once the connection is back, under its original id, also
 * when the patient has closed the tab and opens another page of the site later.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { addTestSite, freshDatabaseUrl, startProcess, type ReceiverProcess } from './helpers/receiver.js';
import { eventually } from './helpers/notify-targets.js';
import { launchChromium, watchedPage } from './helpers/chromium.js';
import { freePort } from './helpers/ports.js';
import { startClinicSite } from './helpers/clinic-site.js';
import { assertFreshDist } from '../dist-fresh.js';
import { openStore } from '../../server/storage/database.js';

describe('an inquiry sent offline', () => {
  let receiver: ReceiverProcess;
  let site: Server;
  let browser: Browser;
  let pages: string;
  let databaseUrl: string;

  before(async () => {
    assertFreshDist();
    databaseUrl = await freshDatabaseUrl('sqlite');
    const port = await freePort();
    pages = `http://127.0.0.1:${port}`;
    await addTestSite(databaseUrl, { id: 'smile', origins: [pages] });
    receiver = await startProcess(databaseUrl);
    site = await startClinicSite(port, `${receiver.url}/v1/sites/smile/inquiries`);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
    await receiver?.stop();
  });

  async function stored(): Promise<Array<{ id: string; name: string }>> {
    const store = await openStore(databaseUrl);
    try {
      return await store.db.selectFrom('inquiries').select(['id', 'name']).where('site_id', '=', 'smile').execute();
    } finally {
      await store.close();
    }
  }

  /** A patient filling the cost form and sending it; answers the inquiry id the widget announced. */
  async function sendCostInquiry(page: Page, name: string): Promise<string> {
    await page.goto(`${pages}/`, { waitUntil: 'load' });
    const queued = page.evaluate(
      () => new Promise<string>((resolve) => document.addEventListener('consult-queued', (e) => resolve((e as CustomEvent).detail.inquiryId), { once: true })),
    );
    await (await page.waitForSelector('consult-widget >>> [part~="button-cost"]', { visible: true }))!.click();
    await (await page.waitForSelector('consult-widget >>> #field-name', { visible: true }))!.type(name, { delay: 120 });
    await (await page.waitForSelector('consult-widget >>> #field-phone'))!.type('010-3456-7890', { delay: 120 });
    await (await page.waitForSelector('consult-widget >>> #field-message'))!.type('교정 비용이 궁금합니다.', { delay: 60 });
    await (await page.waitForSelector('consult-widget >>> #consent-privacy'))!.click();
    // The message tells of their health: it goes with the separate consent (PIPA Art. 23).
    await (await page.waitForSelector('consult-widget >>> #consent-sensitive'))!.click();
    await page.setOfflineMode(true);
    await (await page.waitForSelector('consult-widget >>> [part~="submit"]'))!.click();
    const id = await queued;
    const status = await page.waitForSelector('consult-widget >>> [role="status"]');
    assert.match((await status!.evaluate((e) => e.textContent)) ?? '', /저장해 두었습니다/);
    return id;
  }

  it('is kept, then delivered under its id when the browser is back online', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.setViewport({ width: 1280, height: 800 });
    const id = await sendCostInquiry(page, '박오프');
    assert.deepEqual(await stored(), []);
    await page.setOfflineMode(false);
    await eventually('the inquiry stored', async () => (await stored()).some((row) => row.id === id));
    await page.waitForFunction(
      () => document.querySelector('consult-widget')?.shadowRoot?.querySelector('consult-dialog')?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('접수되었습니다'),
      { polling: 100 },
    );
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('is delivered from another page of the site after the patient closed the tab, once', async () => {
    const context = await browser.createBrowserContext();
    const tab = await context.newPage();
    await tab.setViewport({ width: 1280, height: 800 });
    const id = await sendCostInquiry(tab, '최리로드');
    // The patient closes the tab while still offline; nothing was sent.
    await tab.close();
    assert.ok(!(await stored()).some((row) => row.id === id));
    // Later, online again, they open another page of the clinic's site.
    const page = await context.newPage();
    await page.goto(`${pages}/implant`, { waitUntil: 'load' });
    await eventually('the inquiry stored from the outbox', async () => (await stored()).some((row) => row.id === id));
    // A further page load finds nothing left to send: stored once.
    await page.goto(`${pages}/location`, { waitUntil: 'load' });
    await page.waitForSelector('consult-widget >>> [part~="button-cost"]');
    assert.equal((await stored()).filter((row) => row.id === id).length, 1);
    await context.close();
  });
});
