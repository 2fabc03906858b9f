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

/** Fetches the dialog's code without running it (the script-tag build); nothing to do from the sources. */
export const preloadDialog = (): void => undefined;
