// Phone screenshots of the demo for the README: `npm run demo` (or PORT=… npm run demo) first,
// then `node scripts/screenshots.mjs [pages origin]`. Writes small PNGs to docs/.
import { writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromePath } from '../test/chromium-flags.js';

const origin = process.argv[2] || 'http://127.0.0.1:5180';
const browser = await puppeteer.launch({
  executablePath: chromePath,
  headless: true,
  args: [...CHROMIUM_ARGS, '--lang=ko-KR', '--font-render-hinting=none'],
});

const $ = (page, selector) => page.waitForSelector(`consult-widget >>> ${selector}`, { visible: true });

async function phone(width, height, setup = '') {
  const page = await browser.newPage();
  await page.setViewport({ width, height, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await page.goto(`${origin}/`, { waitUntil: 'networkidle0' });
  if (setup) await page.evaluate(setup);
  await $(page, '[part~="launcher"]');
  return page;
}

async function shot(page, name) {
  await new Promise((r) => setTimeout(r, 400)); // let transitions and the caret settle for the picture
  const png = await page.screenshot({ encoding: 'base64' });
  // Fewer shades per channel (in a blank page of the same browser), so the PNG compresses to a fraction.
  const small = await browser.newPage();
  const data = await small.evaluate(async (src) => {
    const img = new Image();
    img.src = `data:image/png;base64,${src}`;
    await img.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, img.width, img.height);
    for (let i = 0; i < pixels.data.length; i++) if (i % 4 !== 3) pixels.data[i] = Math.min(255, Math.round(pixels.data[i] / 16) * 16);
    ctx.putImageData(pixels, 0, 0);
    return canvas.toDataURL('image/png').split(',')[1];
  }, png);
  await small.close();
  writeFileSync(`docs/${name}.png`, Buffer.from(data, 'base64'));
  console.log(`docs/${name}.png`);
}

async function openForm(page, id) {
  await (await $(page, '[part~="launcher"]')).tap();
  await (await $(page, `[part~="button-${id}"]`)).tap();
  await $(page, '[part~="title"]');
}

const scrollTo = (page, selector) =>
  page.evaluate((sel) => {
    const root = document.querySelector('consult-widget').shadowRoot.querySelector('consult-dialog').shadowRoot;
    const body = root.querySelector('.body');
    body.scrollTop += root.querySelector(sel).getBoundingClientRect().top - body.getBoundingClientRect().top - 12;
  }, selector);

for (const [w, h] of [[390, 844], [320, 568]]) {
  const page = await phone(w, h);
  await shot(page, `phone-${w}-launcher`);
  await (await $(page, '[part~="launcher"]')).tap();
  await $(page, '[part~="button-consult"]');
  await shot(page, `phone-${w}-menu`);
  await page.close();
}

{
  const page = await phone(390, 844);
  await openForm(page, 'cost');
  await shot(page, 'phone-390-form');
  await (await $(page, '[part~="submit"]')).tap();
  await page.waitForSelector('consult-widget >>> [part~="error"]');
  await shot(page, 'phone-390-errors');
  await page.close();
}

{
  const page = await phone(390, 844, 'window.ConsultWidget.configure({ ageConfirmation: true })');
  await openForm(page, 'consult');
  await scrollTo(page, '[part~="consent"]');
  await shot(page, 'phone-390-consents');
  await page.close();
}

{
  const page = await phone(390, 844);
  await openForm(page, 'cost');
  await (await $(page, '#field-name')).type('김하늘', { delay: 150 });
  await (await $(page, '#field-phone')).type('010-2345-6789', { delay: 150 });
  await (await $(page, '#consent-privacy')).tap();
  await new Promise((r) => setTimeout(r, 3000)); // a person's pace: the receiver files instant sends as spam
  await (await $(page, '[part~="submit"]')).tap();
  await $(page, '[part~="success"]');
  await shot(page, 'phone-390-success');
  await page.close();
}

await browser.close();
