/**
 * What the widget's texts look like from the sources, for the message checks
 * (test/i18n/messages.test.ts, through the test runner's /test/messages): every msg() call in
 * src/ with its id and Korean text, the files the classic script carries (what runs before a
 * click), and the units of each language's XLIFF file. Node only (the TypeScript compiler).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');

export interface MsgCall {
  file: string;
  line: number;
  /** The explicit id, when the call has one. */
  id?: string;
  /** The Korean text, placeholders written {0}, {1}, … in order. */
  text: string;
}

export interface Unit {
  id: string;
  source: string;
  /** Missing or empty: no translation. */
  target?: string;
}

export interface MessageReport {
  sourceLocale: string;
  targetLocales: string[];
  calls: MsgCall[];
  /** src/ files (relative to the repository) in the classic script: what runs before a click. */
  firstDownload: string[];
  /** locale → its XLIFF units (undefined when the file is missing). */
  units: Record<string, Unit[] | undefined>;
}

const sourceFiles = (dir: string): string[] =>
  (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .filter((f) => !f.startsWith(join('src', 'generated')))
    .sort();

const parse = (file: string) => ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);

/** The Korean text of msg()'s first argument: a string, a template, or str`…` with ${…} as {n}. */
function templateText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node)) return templateText(node.template);
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s, i) => `{${i}}${s.literal.text}`).join('');
  return undefined;
}

function callsIn(file: string): MsgCall[] {
  const source = parse(file);
  const calls: MsgCall[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg' && node.arguments.length) {
      const [template, options] = node.arguments;
      let id: string | undefined;
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const p of options.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'id' && ts.isStringLiteralLike(p.initializer)) id = p.initializer.text;
        }
      }
      calls.push({
        file,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        id,
        text: templateText(template) ?? `<not a literal: ${template.getText()}>`,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** Files reachable from `entry` by static imports (not `import type`, not import()). */
function staticallyImported(entry: string): string[] {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const statement of parse(file).statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
      if (ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly : statement.isTypeOnly) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (!specifier.startsWith('.')) continue;
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier.replace(/\.js$/, '.ts')));
      if (existsSync(join(ROOT, target))) walk(target);
    }
  };
  walk(entry);
  return [...seen].sort();
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** XLIFF text with its placeholders (<x id="n" …/>) written {n}. */
const xliffText = (s: string) => unescapeXml(s.replace(/<x id="(\d+)"[^>]*\/>/g, '{$1}'));

export function xliffUnits(locale: string, dir = 'locales'): Unit[] | undefined {
  const file = join(ROOT, dir, `${locale}.xlf`);
  if (!existsSync(file)) return undefined;
  return [...readFileSync(file, 'utf8').matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)].map(([, id, body]) => {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1];
    const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
    return { id, source: xliffText(source ?? ''), ...(target === undefined ? {} : { target: xliffText(target) }) };
  });
}

export function messageReport(): MessageReport {
  const config = JSON.parse(readFileSync(join(ROOT, 'lit-localize.json'), 'utf8')) as { sourceLocale: string; targetLocales: string[] };
  return {
    sourceLocale: config.sourceLocale,
    targetLocales: config.targetLocales,
    calls: sourceFiles('src').flatMap(callsIn),
    firstDownload: staticallyImported(join('src', 'loader.ts')),
    units: Object.fromEntries(config.targetLocales.map((locale) => [locale, xliffUnits(locale)])),
  };
}
