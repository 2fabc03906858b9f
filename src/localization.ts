import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';
import { LOCALES } from './config/constants.js';
import type { Locale } from './config/schema.js';

// One entry per target locale in lit-localize.json; each becomes its own small chunk.
const loaders = {
  en: () => import('./generated/locales/en.js'),
};

let controls: ReturnType<typeof configureLocalization> | undefined;

/**
 * Lit's localization can be configured once per page. Done on first use rather than on
 * import, so importing the elements has no side effects.
 */
function localization() {
  controls ??= configureLocalization({
    sourceLocale,
    targetLocales,
    // Korean is the source locale and ships inside the code; other locales load on demand
    // from next to the script, so Korean visitors download no translation at all.
    loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
  });
  return controls;
}

export function setWidgetLocale(locale: Locale): Promise<void> {
  return localization().setLocale(locale);
}

/**
 * Korean unless told otherwise: the explicit setting wins; then the page's own <html lang>
 * when we speak it; a page with no lang is assumed Korean (these are Korean clinics), and a
 * page in a language we do not have yet gets English, the likelier second language.
 */
export function pickLocale(setting: Locale | undefined, htmlLang: string | null | undefined): Locale {
  if (setting) return setting;
  const primary = (htmlLang ?? '').trim().toLowerCase().split('-')[0];
  if (!primary) return 'ko';
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : 'en';
}

/** The locale the texts are in right now (Korean until another has been set). */
export function currentLocale(): string {
  return controls?.getLocale() ?? sourceLocale;
}
