/**
 * A clinic site made for desktops, without <meta name="viewport">, opened on a phone: the phone
 * lays the page out 980px wide (or as wide as its content) and shows it at 25–40%. The built
 * script's buttons and form are scaled back up, so the patient can read and tap them as on any
 * phone page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, watchedPage } from './helpers/chromium.js';
import { freePort } from './helpers/ports.js';
import { clinicPage, startClinicSite } from './helpers/clinic-site.js';

/** As such sites are: no viewport tag, a fixed layout of tables, 980px or, at /wide, 1280px. */
const desktopOnlyPage = (endpoint: string, path: string) =>
  clinicPage(endpoint)
    .replace(/<meta name="viewport"[^>]*>/, '')
    .replace('<h1>', `<table width="${path === '/wide' ? 1280 : 980}" style="height:2400px"><tr><td valign="top"><h1>`)
    .replace('</p>', '</p></td></tr></table>');

/** A shadow-DOM element's box as the patient sees it, in the screen's px (the page's px times its scale). */
const onScreen = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const widget = document.querySelector('consult-widget')!.shadowRoot!;
    const el = widget.querySelector(selector) ?? widget.querySelector('consult-dialog')!.shadowRoot!.querySelector(selector)!;
    const box = el.getBoundingClientRect();
    const scale = visualViewport!.scale;
    const font = parseFloat(getComputedStyle(el).fontSize) * (parseFloat(getComputedStyle(document.querySelector('consult-widget')!).getPropertyValue('--_fit')) || 1);
    return { left: box.left * scale, right: box.right * scale, top: box.top * scale, bottom: box.bottom * scale, height: box.height * scale, width: box.width * scale, font: font * scale };
  }, selector);

/**
 * A tap where the patient sees the element (touch input takes the page's px: the screen's over the
 * page's scale). Puppeteer's own tap refuses an element beyond the page's 980px initial viewport,
 * where fixed elements are on a page wider than that.
 */
async function tapOnScreen(page: Page, box: { left: number; top: number; width: number; height: number }): Promise<void> {
  const scale = await page.evaluate(() => visualViewport!.scale);
  await page.touchscreen.tap((box.left + box.width / 2) / scale, (box.top + box.height / 2) / scale);
}

const phone = (page: Page, width: number, height: number) => page.setViewport({ width, height, isMobile: true, hasTouch: true });

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

  for (const [path, width, height] of [['/', 390, 844], ['/wide', 320, 568]] as const) {
    it(`shows the buttons and the form at a phone's sizes, not shrunk with the page (${path === '/' ? '980' : '1280'}px page, ${width}px phone)`, async () => {
      const { page, problems } = await watchedPage(browser);
      await phone(page, width, height);
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      await page.waitForSelector('consult-widget >>> [part~="launcher"]');
      assert.ok((await page.evaluate(() => visualViewport!.scale)) < 0.5, 'the page itself is shrunk to fit the phone');

      const shown = await onScreen(page, '[part~="launcher"]');
      assert.ok(shown.height >= 48 && shown.height <= 64, `the launcher is ${shown.height.toFixed(1)}px tall on the screen`);
      assert.ok(shown.right <= width && shown.bottom <= height, 'and on the screen');

      await tapOnScreen(page, shown);
      await page.waitForSelector('consult-widget >>> [part~="button-cost"]', { visible: true });
      const button = await onScreen(page, '[part~="button-cost"]');
      assert.ok(button.height >= 44, `a button is ${button.height.toFixed(1)}px tall on the screen`);
      const label = await onScreen(page, '[part~="button-cost"] [part~="label"]');
      assert.ok(label.font >= 14, `its label is ${label.font.toFixed(1)}px on the screen`);
      assert.ok(button.left >= 0 && button.right <= width, 'the column fits the screen');

      await tapOnScreen(page, button);
      await page.waitForSelector('consult-widget >>> dialog[open] #field-name', { visible: true });
      const sheet = await onScreen(page, 'dialog');
      assert.ok(Math.abs(sheet.width - width) <= 2 && Math.abs(sheet.left) <= 1, `the form is a sheet as wide as the screen (${sheet.width.toFixed(1)}px at ${sheet.left.toFixed(1)})`);
      assert.ok(sheet.top >= 0 && sheet.bottom <= height + 1, 'and no taller than it');
      const field = await onScreen(page, '#field-name');
      assert.ok(field.height >= 44 && field.font >= 16, `a field is ${field.height.toFixed(1)}px tall, its text ${field.font.toFixed(1)}px`);
      const close = await onScreen(page, '[part~="close-button"]');
      assert.ok(close.height >= 44 && close.right <= width, `the close button is ${close.height.toFixed(1)}px and on the screen`);

      // A name only, then send: the phone field, the first one wrong, shows below the header.
      await (await page.waitForSelector('consult-widget >>> #field-name'))!.type('김하늘');
      await page.evaluate(() => {
        const dialog = document.querySelector('consult-widget')!.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!;
        dialog.querySelector('.body')!.scrollTop = 0;
        dialog.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      });
      await page.waitForSelector('consult-widget >>> #field-phone[aria-invalid="true"]');
      const body = await onScreen(page, '.body');
      const phoneField = await page.evaluate(() => {
        const input = document.querySelector('consult-widget')!.shadowRoot!.querySelector('consult-dialog')!.shadowRoot!.querySelector('#field-phone')!;
        return input.closest('.field')!.getBoundingClientRect().top * visualViewport!.scale;
      });
      assert.ok(phoneField >= body.top && phoneField <= body.top + 40, `the phone field's label is ${(phoneField - body.top).toFixed(1)}px below the header`);
      assert.deepEqual(problems, []);
    });
  }

  it('fits the open form again as the phone turns', async () => {
    const { page } = await watchedPage(browser);
    await phone(page, 390, 844);
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.waitForSelector('consult-widget >>> [part~="launcher"]');
    await page.evaluate(() => (window as unknown as { ConsultWidget: { open(id: string): Promise<boolean> } }).ConsultWidget.open('cost'));
    await page.waitForSelector('consult-widget >>> dialog[open] #field-name', { visible: true });

    await phone(page, 844, 390);
    await page.waitForFunction(() => visualViewport!.width * visualViewport!.scale > 800);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the resize events and a frame after them
    const turned = await onScreen(page, 'dialog');
    assert.ok(turned.height >= 300 && turned.bottom <= 391, `on its side, the form is ${turned.height.toFixed(1)}px of the screen's 390px`);

    await phone(page, 390, 844);
    await page.waitForFunction(() => visualViewport!.width * visualViewport!.scale < 400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const back = await onScreen(page, 'dialog');
    assert.ok(Math.abs(back.width - 390) <= 2 && back.bottom <= 845, `upright again, the form is the phone's sheet (${back.width.toFixed(1)}px wide)`);
  });

  it('leaves the sizes alone on a page with a viewport tag', async () => {
    const { page } = await watchedPage(browser);
    await phone(page, 390, 844);
    await page.goto(`${phoneOrigin}/`, { waitUntil: 'load' });
    await page.waitForSelector('consult-widget >>> [part~="launcher"]');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('consult-widget')!).getPropertyValue('--_fit')), '', 'not scaled');
    const shown = await onScreen(page, '[part~="launcher"]');
    assert.equal(Math.round(shown.height), 56);
  });
});
