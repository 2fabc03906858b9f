/**
 * What the widget loads later, in one place. In the sources (tests, dist/lib for bundlers)
 * these are plain dynamic imports. The script-tag build swaps this module for
 * chunks.script.ts, which loads the built chunks from next to the script (see vite.config.ts).
 */
export const loadDialogModule = () => import('./components/dialog/define-dialog.js');
export const loadOutbox = () => import('./delivery/outbox.js');
export const localeLoaders = {
  en: {
    buttons: () => import('./generated/locales/en.widget.js'),
    all: () => import('./generated/locales/en.js'),
  },
};

/** Fetches the dialog's code without running it (the script-tag build); nothing to do from the sources. */
export const preloadDialog = (): void => undefined;
