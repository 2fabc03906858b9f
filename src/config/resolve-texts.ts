import { currentLocale } from '../localization.js';
import { LOCALES } from './constants.js';
import { bare } from '../util/bare.js';
import type { Locale, LocalText, WidgetConfig, WidgetConfigInput } from './schema.js';

/**
 * A text setting in the language on screen: given per language, that language's, else English
 * (read by more foreign visitors than Korean), else Korean, else whichever is given.
 */
export function pickText(text: string | LocalText | undefined, locale = currentLocale() as Locale): string | undefined {
  // Blank is not given: the next language, or the widget's own text, takes its place.
  const given = (t: unknown): t is string => typeof t === 'string' && t.trim() !== '';
  return typeof text === 'object' ? [text[locale], text.en, text.ko, ...Object.values(text)].find(given) : given(text) ? text : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Checked settings with every text given per language in `locale` (texts are the only objects
 * keyed by language, see schema.ts); a new object, the settings unchanged.
 */
export function resolveTexts(config: Partial<WidgetConfigInput>, locale = currentLocale() as Locale): Partial<WidgetConfig> {
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.every((k) => (LOCALES as readonly string[]).includes(k))) return pickText(value, locale);
    // A setting left blank ("title": "") is one not given, as a blank attribute is.
    return bare(keys.map((k) => [k, typeof value[k] === 'string' ? pickText(value[k] as string) : resolve(value[k])]));
  };
  return resolve(config) as Partial<WidgetConfig>;
}
