import { defineConfig, type Plugin } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

/**
 * One build for the script-tag embed:
 * - consult-widget.js         the classic script agencies paste (no imports, a few hundred bytes)
 * - consult-widget.embed.js   what it imports: Lit and the buttons; boot() mounts and wires
 *                             window.ConsultWidget; defineElements() serves pages that place
 *                             <consult-widget> themselves
 * - chunks/                   the dialog, loaded on the first click, and the English texts
 * Chunks import each other by relative URL, so they always load from next to the script, never
 * from the page's base. Bundler users get the unbundled tsc output in dist/lib instead.
 */
export default defineConfig({
  // Lit's html`` and css`` literals are minified in the sources; terser minifies whole chunks
  // (esbuild keeps whitespace in ES library output, and these files go to patients' phones).
  // svg`` is left alone: the HTML minifier drops the "/>" of SVG shapes and nests them.
  plugins: [
    {
      ...minifyHtmlLiterals({ failOnError: true, options: { shouldMinify: (template) => template.tag === 'html' } }),
      enforce: 'pre',
    } as Plugin,
  ],
  build: {
    target: 'es2021',
    sourcemap: true,
    minify: 'terser',
    terserOptions: { ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false, preserve_annotations: false } },
    emptyOutDir: true,
    lib: {
      entry: {
        'consult-widget': 'src/loader.ts',
        'consult-widget.embed': 'src/embed.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      // zod's sources carry comments rollup cannot place; they are harmless and only noise here.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
      // Let the dialog chunk import Lit from the embed entry itself, instead of a facade + chunk pair.
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
