import { configSchema } from '../generated/config-schema.js';
import type { WidgetConfigInput } from './schema.js';
import { LOCALES, PER_LOCALE } from './constants.js';
import { bare } from '../util/bare.js';

/** Every JSON Schema keyword this checker implements; compile.ts refuses a schema with any other. */
export const CHECKED_KEYWORDS = [
  'type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'anyOf', 'enum', 'const',
  'pattern', 'flags', 'maxLength', 'minLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'description',
  'perLocale',
] as const;

/** The part of JSON Schema that z.toJSONSchema produces for ConfigSchema. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  /** The pattern's regex flags (not JSON Schema; compile.ts keeps them from zod). */
  flags?: string;
  maxLength?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
  /**
   * Not JSON Schema: the value may also be an object of such values by language, { "ko"?, "en"?, … }
   * and nothing else. compile.ts writes zod's union of the two this way, to save bytes before a click.
   */
  perLocale?: boolean;
}

/** A perLocale schema as the union it stands for. */
const perLocale = ({ perLocale: _, description, ...one }: JsonSchema): JsonSchema => ({
  anyOf: [one, { type: 'object', properties: Object.fromEntries(LOCALES.map((l) => [l, one])), additionalProperties: false }],
  description: description ?? describe(one) + PER_LOCALE,
});

export interface ConfigProblem {
  /** Dotted path of the setting, e.g. "endpoint" or "forms.0.fields.1.kind". */
  setting: string;
  expects: string;
  got?: unknown;
}

export interface Checked {
  /** The settings that passed; one with a problem is left out, so its default applies. */
  config: Partial<WidgetConfigInput>;
  problems: ConfigProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** What a setting expects, in words; the generator drops descriptions this can derive. */
export function describe(s: JsonSchema): string {
  if (s.description) return s.description;
  if (s.perLocale) return describe(perLocale(s));
  if (s.enum) return `one of ${s.enum.join(', ')}`;
  if ('const' in s) return JSON.stringify(s.const);
  switch (s.type) {
    case 'string':
      return s.maxLength !== undefined && !s.pattern ? `text of at most ${s.maxLength} characters` : 'text';
    case 'integer':
      // z.int() bounds every integer by the safe range, which is no limit worth naming.
      return s.minimum !== undefined && (s.maximum ?? Infinity) < 2 ** 53 - 1 ? `a whole number from ${s.minimum} to ${s.maximum}` : 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return s.items ? `a list, each ${describe(s.items)}` : 'a list';
    case 'object':
      return `an object: { ${Object.keys(s.properties ?? {})
        .map((k) => `"${k}"${s.required?.includes(k) ? '' : '?'}`)
        .join(', ')} }`;
    default:
      return 'a valid value';
  }
}

const NOT_A_SETTING = 'nothing: it is not a setting (check the spelling)';

/**
 * How v fails the schema's own constraints, leaving structure (objects, lists) aside: "type"
 * for the wrong kind of value (or not one of an enum), "check" for a value of the right kind
 * that breaks a limit or pattern. The difference matters in unions, as in zod (below).
 */
function misfit(s: JsonSchema, v: unknown): 'type' | 'check' | undefined {
  if (s.enum && !s.enum.includes(v)) return 'type';
  if ('const' in s && v !== s.const) return 'type';
  const t = s.type;
  if (t === 'string') {
    if (typeof v !== 'string') return 'type';
    const ok = v.length <= (s.maxLength ?? Infinity) && v.length >= (s.minLength ?? 0) && (!s.pattern || new RegExp(s.pattern, s.flags).test(v));
    return ok ? undefined : 'check';
  }
  if (t === 'number' || t === 'integer') {
    if (typeof v !== 'number' || !(t === 'number' ? Number.isFinite(v) : Number.isInteger(v))) return 'type';
    const ok =
      v >= (s.minimum ?? -Infinity) && v <= (s.maximum ?? Infinity) && v > (s.exclusiveMinimum ?? -Infinity) && v < (s.exclusiveMaximum ?? Infinity);
    return ok ? undefined : 'check';
  }
  if (t === 'boolean') return typeof v === 'boolean' ? undefined : 'type';
  if (t === 'array') {
    if (!Array.isArray(v)) return 'type';
    return v.length >= (s.minItems ?? 0) && v.length <= (s.maxItems ?? Infinity) ? undefined : 'check';
  }
  if (t === 'object') return isObject(v) ? undefined : 'type';
  return undefined;
}

/**
 * A problem; whether it is the wrong kind of value (which rules a union's alternative out);
 * whether it is one language of a text; the schema of one language, when a text given per
 * language is named whole (zod names it so when a language holds the wrong kind of value).
 */
type Found = ConfigProblem & { fatal?: boolean; local?: boolean; language?: JsonSchema };

function problemsIn(s: JsonSchema, v: unknown, path: string): Found[] {
  // A problem of a text given per language is its languages': only they are left out.
  if (s.perLocale) {
    const { perLocale: _, description: __, ...language } = s;
    return problemsIn(perLocale(s), v, path).map((p) =>
      p.setting !== path
        ? { ...p, expects: p.expects === NOT_A_SETTING ? `nothing: it is not a language (${LOCALES.join(', ')})` : p.expects, local: true }
        : isObject(v)
          ? { ...p, language }
          : p,
    );
  }
  const here = (fatal: boolean): Found[] => [{ setting: path || '(configuration)', expects: describe(s), got: v, fatal }];
  if (s.anyOf) {
    // As zod: when no alternative fits but exactly one is of the right kind (it only breaks
    // limits, patterns or has unknown keys), its problems are the ones named; otherwise the
    // setting itself is.
    const results = s.anyOf.map((alt) => problemsIn(alt, v, path));
    if (results.some((r) => r.length === 0)) return [];
    const alive = results.filter((r) => !r.some((p) => p.fatal));
    return alive.length === 1 ? alive[0] : here(true);
  }
  const wrong = misfit(s, v);
  if (wrong) return here(wrong === 'type');
  // Array.from, not flatMap: a hole ([, 'phone']) is an undefined item, not nothing.
  if (Array.isArray(v) && s.items) return Array.from(v, (item, i) => problemsIn(s.items!, item, at(path, i))).flat();
  if (!isObject(v) || !s.properties) return [];
  const found: Found[] = (s.required ?? [])
    .filter((key) => v[key] === undefined)
    .map((key) => ({ setting: at(path, key), expects: describe(s.properties![key]), fatal: true }));
  for (const [key, value] of Object.entries(v)) {
    // Own properties only: "constructor" or "toString" is no setting, whatever Object.prototype holds.
    const sub = Object.hasOwn(s.properties, key) ? s.properties[key] : undefined;
    if (sub && value !== undefined) found.push(...problemsIn(sub, value, at(path, key)));
    else if (!sub && s.additionalProperties === false) found.push({ setting: at(path, key), expects: NOT_A_SETTING, got: value });
  }
  return found;
}

/**
 * Removes what a problem points at: one language of a text given per language; else the
 * innermost list item on its path (a bad field drops that field, not every form); else the
 * setting itself (a bad policy.url keeps the retention period). Works on a copy; configuration
 * is plain JSON-like data.
 */
function prune(config: Record<string, unknown>, path: string, local?: boolean): void {
  const keys = path.split('.');
  const holders: unknown[] = [];
  let node: unknown = config;
  for (const key of keys) {
    holders.push(node);
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  // One language of a text: that language goes, not the field or button around it.
  for (let i = keys.length - 1; i >= 0 && !local; i--) {
    const holder = holders[i];
    if (Array.isArray(holder)) {
      holder[Number(keys[i])] = PRUNED;
      return;
    }
  }
  const leaf = holders[keys.length - 1];
  if (isObject(leaf)) delete leaf[keys[keys.length - 1]];
}
const PRUNED = Symbol('pruned');

/** A text given per language keeps the languages that are right, as prune leaves out a wrong one. */
function keepGoodLanguages(config: Record<string, unknown>, path: string, language: JsonSchema): void {
  const text = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
  if (!isObject(text)) return;
  for (const [key, value] of Object.entries(text)) {
    if (!(LOCALES as readonly string[]).includes(key) || problemsIn(language, value, key).length) delete text[key];
  }
}

function withoutPruned(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== PRUNED).map(withoutPruned);
  if (isObject(value)) return bare(Object.entries(value).map(([k, v]) => [k, withoutPruned(v)]));
  return value;
}

/**
 * Checks configuration against the JSON Schema compiled from ConfigSchema. Never throws:
 * a page with a typo in one setting still gets a working widget without that setting.
 */
export function checkConfig(input: unknown, schema: JsonSchema = configSchema): Checked {
  const found = problemsIn(schema, input, '');
  const problems = found.map(({ fatal: _fatal, local: _local, ...problem }) => problem);
  if (!isObject(input)) return { config: bare([]), problems };
  const copy = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  for (const { setting, local, language } of found) {
    if (language) keepGoodLanguages(copy, setting, language);
    else prune(copy, setting, local);
  }
  return { config: withoutPruned(copy) as Partial<WidgetConfigInput>, problems };
}

export function describeProblems(problems: readonly ConfigProblem[]): string {
  return `[consult-widget] Configuration problem; the widget runs without these settings:\n${problems.map(problemLine).join('\n')}`;
}

/** One problem's line in the console error; also what tells one problem from another. */
export function problemLine({ setting, expects, got }: ConfigProblem): string {
  const seen = got === undefined ? 'it is missing' : `got ${JSON.stringify(got)?.slice(0, 80)}`;
  return `  - "${setting}" expects ${expects}; ${seen}.`;
}
