/**
 * chunks.ts for the script-tag build: the dialog, the outbox and the translations are ES
 * modules built next to the classic script (dist/chunks/), loaded by URL from wherever the
 * script itself came from, never from the page's base URL. __CONSULT_CHUNKS__ is defined by
 * the build with their hashed file names.
 */
import { scriptBase } from './script-base.js';
import type * as Chunks from './chunks.js';

declare const __CONSULT_CHUNKS__: { dialog: string; outbox: string; en: string; 'en.widget': string };

const load = <T>(file: string): Promise<T> => import(/* @vite-ignore */ new URL(file, scriptBase()).href) as Promise<T>;

export const loadDialogModule: typeof Chunks.loadDialogModule = () => load(__CONSULT_CHUNKS__.dialog);
export const loadOutbox: typeof Chunks.loadOutbox = () => load(__CONSULT_CHUNKS__.outbox);
export const localeLoaders: typeof Chunks.localeLoaders = {
  en: {
    buttons: () => load(__CONSULT_CHUNKS__['en.widget']),
    all: () => load(__CONSULT_CHUNKS__.en),
  },
};
