import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import MagicString from 'magic-string';
import type { InlineConfig, Plugin } from 'vite';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { SHARED_KEY, SHARED_NAMES } from './src/shared.js';
import { sourceLocale, targetLocales } from './src/generated/locale-codes.js';

/**
 * The script-tag embed, built in two passes by scripts/build-widget.ts (`npm run build`):
 * 1. chunks/   ES modules loaded later: the dialog (on intent or a click), the outbox, the
 *              translations. Lit, the localization runtime, its controller and the icons are not in them: they
 *              read the classic script's copies from a registry (src/shared.ts).
 * 2. consult-widget.js   the classic script agencies paste: Lit and the buttons in one file,
 *              so the buttons need one request; it loads the chunks by URL from next to itself.
 * Bundler users get the unbundled tsc output in dist/lib instead.
 */
const src = (path: string) => resolve(import.meta.dirname, 'src', path);

const common = {
  configFile: false,
  logLevel: 'warn',
  // Lit's html`` and css`` literals are minified in the sources; terser minifies whole chunks.
  // svg`` is left alone: the HTML minifier drops the "/>" of SVG shapes and nests them.
  plugins: [
    ownLocalization(),
    {
      ...minifyHtmlLiterals({ failOnError: true, options: { shouldMinify: (template) => template.tag === 'html' } }),
      enforce: 'pre',
    } as Plugin,
  ],
  build: {
    target: 'es2021',
    // Maps are written (dist/**/*.map, for whoever debugs) but not referenced: the comment that
    // points at one is bytes every patient downloads.
    sourcemap: 'hidden',
    minify: 'terser',
    terserOptions: { ecma: 2020, compress: { passes: 2 }, format: { comments: false, preserve_annotations: false } },
    rollupOptions: {
      // zod's sources carry comments rollup cannot place; they are harmless and only noise here.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
} satisfies InlineConfig;

/** Chunks read Lit & co. from the classic script's registry instead of bundling their own. */
function fromRegistry(): Plugin {
  const local: Record<string, keyof typeof SHARED_NAMES> = {
    [src('localization.ts')]: 'localization',
    [src('i18n.ts')]: 'i18n',
    [src('components/widget/icons.ts')]: 'icons',
    [src('locale-controller.ts')]: 'locale-controller',
    [src('styles/shared.styles.ts')]: 'shared-styles',
    [src('util/page-fit.ts')]: 'page-fit',
  };
  return {
    name: 'consult-shared-registry',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source in SHARED_NAMES && !Object.values(local).includes(source as never)) return `\0shared:${source}`;
      if (importer && source.startsWith('.')) {
        const target = resolve(importer, '..', source);
        const key = local[target.replace(/\.js$/, '.ts')];
        if (key) return `\0shared:${key}`;
        // lit-html's own directives import its core by relative path.
        if (/node_modules\/lit-html\/lit-html\.js$/.test(target)) return '\0shared:lit-html';
      }
      return undefined;
    },
    load(id) {
      if (!id.startsWith('\0shared:')) return undefined;
      const key = id.slice('\0shared:'.length) as keyof typeof SHARED_NAMES;
      const names: readonly string[] = SHARED_NAMES[key];
      return `const s = window[Symbol.for(${JSON.stringify(SHARED_KEY)})][${JSON.stringify(key)}];\n${names.map((n) => `export const ${n} = s.${n};`).join('\n')}\n`;
    },
  };
}

/**
 * The widget's texts go through its own msg() (src/i18n.ts), never @lit/localize's page-wide
 * one, which belongs to the host page: the build fails on a module that imports it.
 */
function ownLocalization(): Plugin {
  return {
    name: 'consult-own-localization',
    transform(code, id) {
      if (!id.startsWith(src('')) || id === src('i18n.ts')) return undefined;
      const imports = /import\s*\{([^}]*)\}\s*from\s*['"]@lit\/localize['"]/.exec(code);
      const names = imports?.[1].split(',').map((n) => n.trim().split(/\s+/)[0]) ?? [];
      const banned = names.filter((n) => ['msg', 'localized', 'configureLocalization', 'updateWhenLocaleChanges'].includes(n));
      if (banned.length) this.error(`${id}: import ${banned.join(', ')} from src/i18n.ts / locale-controller.ts, not from @lit/localize (the host page may use it)`);
      return undefined;
    },
  };
}

/**
 * Takes the dialog's Korean texts out of the chunks' code: msg('…', { id: 'dialog.…' }) becomes
 * msg('', { id }), and str`…${a}…` keeps only its values, str`${a}`. Korean visitors load them
 * from the ko.dialog chunk (scripts/split-locales.ts writes it from these same calls), like
 * any other language's; visitors in another language never download them. The buttons' texts
 * (widget.*) stay: they are in the classic script, and the dialog reads them without a chunk.
 */
function sourceTextsOut(): Plugin {
  /** Message ids each language's dialog module has: a text taken out must be in all of them. */
  let dialogTexts: Record<string, Set<string>> = {};
  return {
    name: 'consult-source-texts-out',
    enforce: 'pre',
    buildStart() {
      dialogTexts = Object.fromEntries(
        [sourceLocale, ...targetLocales].map((locale) => [
          locale,
          new Set([...readFileSync(src(`generated/locales/${locale}.dialog.ts`), 'utf8').matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1])),
        ]),
      );
    },
    transform(code, id) {
      if (!id.startsWith(src('')) || id.startsWith(src('generated')) || !/\bmsg\(/.test(code)) return undefined;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const out = new MagicString(code);
      let edited = false;
      const visit = (node: ts.Node, inMessage: boolean): void => {
        const isMsg = ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg';
        if (isMsg && inMessage) this.error(`${id}: a msg() inside another msg()'s text; pass its result as a value instead`);
        if (ts.isCallExpression(node) && isMsg) {
          const [template, options] = node.arguments;
          const idProperty =
            options && ts.isObjectLiteralExpression(options)
              ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === 'id')
              : undefined;
          const messageId = idProperty && ts.isStringLiteralLike(idProperty.initializer) ? idProperty.initializer.text : undefined;
          if (!messageId) this.error(`${id}: msg() without a literal id (${node.getText(file).slice(0, 60)})`);
          if (!messageId.startsWith('widget.')) {
            const missing = Object.entries(dialogTexts).filter(([, ids]) => !ids.has(messageId)).map(([locale]) => locale);
            if (missing.length) this.error(`${id}: msg('${messageId}') is not in src/generated/locales/{${missing.join(',')}}.dialog.ts: translate it, then npm run localize:build (it would show blank)`);
            let text: string | undefined;
            if (ts.isStringLiteralLike(template)) text = "''";
            else if (ts.isTaggedTemplateExpression(template)) {
              const spans = ts.isTemplateExpression(template.template) ? template.template.templateSpans : [];
              text = `${template.tag.getText(file)}\`${spans.map((span) => `\${${span.expression.getText(file)}}`).join('')}\``;
            }
            if (text === undefined) this.error(`${id}: msg('${messageId}') is neither a string nor a str\`\` template`);
            out.overwrite(template.getStart(file), template.getEnd(), text);
            edited = true;
          }
        }
        ts.forEachChild(node, (child) => visit(child, inMessage || isMsg));
      };
      visit(file, false);
      return edited ? { code: out.toString(), map: out.generateMap({ hires: true, source: id }) } : undefined;
    },
  };
}

/**
 * The outbox chunk's modules, which the dialog chunk uses too. The dialog does not import them by
 * URL: the browser keeps a failed module import for the page's lifetime, and a static import
 * cannot be retried under another URL, so a connection lost while that shared file downloads
 * would keep the form from opening until the page is reloaded. Instead the outbox chunk, which
 * chunks.script.ts loads (retrying) before the dialog, lends them through a window registry.
 */
const OUTBOX_MODULES = ['events.ts', 'delivery/outbox-marker.ts', 'delivery/send.ts', 'schema/limits.ts', 'util/page.ts', 'delivery/visit.ts', 'delivery/outbox.ts'].map(src);
const OUTBOX_KEY = 'consult-widget.outbox';
const OUTBOX_ENTRY = 'virtual:consult-outbox';

function lentByOutbox(): Plugin {
  const lent = '\0lent:';
  const relative = (id: string) => id.slice(src('').length + 1);
  return {
    name: 'consult-lent-by-outbox',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === OUTBOX_ENTRY) return `\0${OUTBOX_ENTRY}`;
      if (!importer || !source.startsWith('.') || importer === `\0${OUTBOX_ENTRY}` || OUTBOX_MODULES.includes(importer)) return undefined;
      const target = resolve(importer, '..', source).replace(/\.js$/, '.ts');
      return OUTBOX_MODULES.includes(target) ? `${lent}${target}` : undefined;
    },
    async load(id) {
      const registry = `window[Symbol.for(${JSON.stringify(OUTBOX_KEY)})]`;
      if (id === `\0${OUTBOX_ENTRY}`) {
        // The outbox module's exports (for the widget's loadOutbox), and every module lent.
        const modules = await Promise.all(OUTBOX_MODULES.map(async (file) => ({ file, names: (await this.load({ id: file })).exports ?? [] })));
        const local = (i: number, name: string) => `m${i}_${name}`;
        return [
          `export * from ${JSON.stringify(src('delivery/outbox.ts'))};`,
          ...modules.map(({ file, names }, i) => `import { ${names.map((n) => `${n} as ${local(i, n)}`).join(', ')} } from ${JSON.stringify(file)};`),
          `if (!${registry}) Object.defineProperty(window, Symbol.for(${JSON.stringify(OUTBOX_KEY)}), { value: {`,
          ...modules.map(({ file, names }, i) => `  ${JSON.stringify(relative(file))}: { ${names.map((n) => `${n}: ${local(i, n)}`).join(', ')} },`),
          '} });',
        ].join('\n');
      }
      if (!id.startsWith(lent)) return undefined;
      const file = id.slice(lent.length);
      const { exports } = await this.load({ id: file });
      const module = `${registry}[${JSON.stringify(relative(file))}]`;
      return `const m = ${module};\n${(exports ?? []).map((n) => `export const ${n} = m.${n};`).join('\n')}\n`;
    },
    // Every chunk is loaded through chunks.script.ts, which retries; none may import another by URL.
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.imports.length) {
          this.error(`${chunk.fileName} imports ${chunk.imports.join(', ')}: a failed download of it could not be retried. Lend the modules they share through the outbox chunk (OUTBOX_MODULES in vite.config.ts).`);
        }
      }
    },
  };
}

/** Each target locale's texts in two chunks (scripts/split-locales.ts): <locale>.widget with the buttons, <locale>.dialog with the dialog. */
const texts = (locale: string) => ({
  [`${locale}.widget`]: src(`generated/locales/${locale}.widget.ts`),
  [`${locale}.dialog`]: src(`generated/locales/${locale}.dialog.ts`),
});

export const CHUNK_ENTRIES = {
  dialog: src('components/dialog/define-dialog.ts'),
  outbox: src('delivery/outbox.ts'),
  ...Object.assign({}, ...targetLocales.map(texts)),
  'ko.dialog': src('generated/locales/ko.dialog.ts'),
} as Record<'dialog' | 'outbox' | 'ko.dialog' | `${(typeof targetLocales)[number]}.${'widget' | 'dialog'}`, string>;

export const chunksConfig: InlineConfig = {
  ...common,
  plugins: [...common.plugins, fromRegistry(), lentByOutbox(), sourceTextsOut()],
  build: {
    ...common.build,
    emptyOutDir: true,
    terserOptions: { ...common.build.terserOptions, module: true },
    lib: { entry: CHUNK_ENTRIES, formats: ['es'] },
    rollupOptions: {
      ...common.build.rollupOptions,
      // The outbox chunk is built from a module that also lends the dialog what they share.
      input: { ...CHUNK_ENTRIES, outbox: OUTBOX_ENTRY },
      output: { entryFileNames: 'chunks/[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
};

/** The classic script; `chunks` maps CHUNK_ENTRIES' names to the built files (dist-relative). */
export function scriptConfig(chunks: Record<keyof typeof CHUNK_ENTRIES, string>): InlineConfig {
  return {
    ...common,
    define: { __CONSULT_CHUNKS__: JSON.stringify(chunks) },
    plugins: [
      ...common.plugins,
      {
        name: 'consult-chunks-by-url',
        enforce: 'pre',
        resolveId(source, importer) {
          if (importer && source.startsWith('.') && resolve(importer, '..', source) === src('chunks.js')) return src('chunks.script.ts');
          return undefined;
        },
      },
    ],
    build: {
      ...common.build,
      emptyOutDir: false,
      lib: { entry: src('loader.ts'), formats: ['iife'], name: 'consultWidget', fileName: () => 'consult-widget.js' },
    },
  };
}
