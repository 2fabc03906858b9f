import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The staff inbox, built on its own (npm run build:inbox) into dist/inbox and served by the
 * receiver at /inbox. Separate from the widget's build: none of this reaches patients' phones,
 * and the widget's byte budget never sees the inbox's code or texts.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * package.json's "sideEffects" lists only the widget's files, so the bundler would drop the
 * inbox's side-effect imports (the modules that define its elements). They do have effects.
 */
const inboxHasSideEffects: Plugin = {
  name: 'inbox-side-effects',
  transform(code, id) {
    if (id.startsWith(here('src/'))) return { code, map: null, moduleSideEffects: true };
    return undefined;
  },
};

export default defineConfig({
  root: here('.'),
  plugins: [inboxHasSideEffects],
  base: '/inbox/',
  publicDir: false,
  build: {
    outDir: here('../../dist/inbox'),
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: true,
    // The polyfill is for browsers without modulepreload; the inbox's CSP and staff browsers need none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
