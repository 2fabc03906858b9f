/**
 * A clinic site made for desktops, without <meta name="viewport">, opened on a phone: the phone
 * lays the page out 980px wide and shows it at about 40%. The built script's buttons and form are
 * scaled back up, so the patient can read and tap them as on any phone page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, watchedPage } from './helpers/chromium.js';
import { freePort } from './helpers/ports.js';
import { clinicPage, startClinicSite } from './helpers/clinic-site.js';

/** As such sites are: no viewport tag, a fixed 980px layout of tables. */
const desktopOnlyPage = (endpoint: string) =>
  clinicPage(endpoint)
    .replace(/<meta name="viewport"[^>]*>/, '')
    .replace('<h1>', '<table width="980" style="height:2400px"><tr><td valign="top"><h1>')
    .replace('</p>', '</p></td></tr></table>');

/** A shadow-DOM element's box as the patient sees it, in the screen's px (the page's px times its scale). */
const onScreen = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const widget = document.querySelector('consult-widget')!.shadowRoot!;
    const el = widget.querySelector(selector) ?? widget.querySelector('consult-dialog')!.shadowRoot!.querySelector(selector)!;
    const box = el.getBoundingClientRect();
    const scale = visualViewport!.scale;
    const font = parseFloat(getComputedStyle(el).fontSize) * parseFloat(getComputedStyle(document.querySelector('consult-widget')!).getPropertyValue('--_fit'));
    return { left: box.left * scale, right: box.right * scale, top: box.top * scale, bottom: box.bottom * scale, height: box.height * scale, width: box.width * scale, font: font * scale, screen: visualViewport!.width * scale };
  }, selector);

describe('a desktop-only clinic page (no viewport tag) on a phone', () => {
  let site: Server;
  let phoneSite: Server;
  let origin: string;
  let phoneOrigin: string;
  let browser: Browser;

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    site = await startClinicSite(port, 'https://receiver.invalid/v1/sites/smile/inquiries', desktopOnlyPage);
    const phonePort = await freePort();
    phoneOrigin = `http://127.0.0.1:${phonePort}`;
    phoneSite = await startClinicSite(phonePort, 'https://receiver.invalid/v1/sites/smile/inquiries');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
    phoneSite?.close();
  });

  it('shows the buttons and the form at a phone\'s sizes, not shrunk with the page', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const launcher = await page.waitForSelector('consult-widget >>> [part~="launcher"]');
    assert.ok((await page.evaluate(() => visualViewport!.scale)) < 0.5, 'the page itself is shrunk to fit the phone');

    const shown = await onScreen(page, '[part~="launcher"]');
    assert.ok(shown.height >= 48 && shown.height <= 64, `the launcher is ${shown.height.toFixed(1)}px tall on the screen`);
    assert.ok(shown.right <= shown.screen && shown.bottom <= 844, 'and on the screen');

    await launcher!.tap();
    const cost = await page.waitForSelector('consult-widget >>> [part~="button-cost"]', { visible: true });
    const button = await onScreen(page, '[part~="button-cost"]');
    assert.ok(button.height >= 44, `a button is ${button.height.toFixed(1)}px tall on the screen`);
    const label = await onScreen(page, '[part~="button-cost"] [part~="label"]');
    assert.ok(label.font >= 14, `its label is ${label.font.toFixed(1)}px on the screen`);
    assert.ok(button.left >= 0 && button.right <= button.screen, 'the column fits the screen');

    await cost!.tap();
    await page.waitForSelector('consult-widget >>> dialog[open] #field-name', { visible: true });
    const sheet = await onScreen(page, 'dialog');
    assert.ok(Math.abs(sheet.width - 390) <= 2, `the form is a sheet as wide as the screen (${sheet.width.toFixed(1)}px)`);
    assert.ok(sheet.top >= 0 && sheet.bottom <= 844 + 1, 'and no taller than it');
    const field = await onScreen(page, '#field-name');
    assert.ok(field.height >= 44 && field.font >= 16, `a field is ${field.height.toFixed(1)}px tall, its text ${field.font.toFixed(1)}px`);

    await (await page.waitForSelector('consult-widget >>> #field-name'))!.type('김하늘');
    assert.equal(await page.evaluate(() => document.querySelector('consult-widget')!.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!.querySelector<HTMLInputElement>('#field-name')!.value), '김하늘');
    assert.deepEqual(problems, []);
  });

  it('leaves the sizes alone on a page with a viewport tag', async () => {
    const { page } = await watchedPage(browser);
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(`${phoneOrigin}/`, { waitUntil: 'load' });
    await page.waitForSelector('consult-widget >>> [part~="launcher"]');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('consult-widget')!).getPropertyValue('--_fit')), '1');
    const shown = await onScreen(page, '[part~="launcher"]');
    assert.equal(Math.round(shown.height), 56);
  });
});
