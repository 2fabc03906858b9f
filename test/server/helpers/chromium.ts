/**
 * Debian's Chromium driven by puppeteer-core, as a patient's or a staff member's browser
 * (path and flags in test/chromium-flags.js).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

import { CHROMIUM_ARGS, chromePath } from '../../chromium-flags.js';

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: chromePath, headless: true, args: CHROMIUM_ARGS });
}

/** A page that fails the test on any uncaught error or dialog (alert, confirm) it shows. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
}
