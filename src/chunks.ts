/**
 * What the widget loads later, in one place. In the sources (tests, dist/lib for bundlers)
 * these are plain dynamic imports. The script-tag build swaps this module for
 * chunks.script.ts, which loads the built chunks from next to the script (see vite.config.ts).
 */
import type { targetLocales } from './generated/locale-codes.js';

export const loadDialogModule = () => import('./components/dialog/define-dialog.js');
export const loadOutbox = () => import('./delivery/outbox.js');
/** Per target locale: the buttons' texts (widget.*) and the dialog's (the other namespaces). */
export const localeLoaders = {
  en: {
    buttons: () => import('./generated/locales/en.widget.js'),
    dialog: () => import('./generated/locales/en.dialog.js'),
  },
  ja: {
    buttons: () => import('./generated/locales/ja.widget.js'),
    dialog: () => import('./generated/locales/ja.dialog.js'),
  },
  zh: {
    buttons: () => import('./generated/locales/zh.widget.js'),
    dialog: () => import('./generated/locales/zh.dialog.js'),
  },
} satisfies Record<(typeof targetLocales)[number], Record<'buttons' | 'dialog', () => Promise<{ templates: object }>>>;

/**
 * The dialog's Korean texts. Korean is the source language, so in the sources they are also in
 * the code; the script-tag build takes them out of the dialog's code, and loads them from here.
 */
export const loadSourceDialogTexts = () => import('./generated/locales/ko.dialog.js');

/** Fetches the dialog's code and its texts in `locale` without running them (the script-tag build); nothing to do from the sources. */
export const preloadDialog = (_locale: string): void => undefined;
