import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';
import { LOCALES } from './config/constants.js';
import type { Locale } from './config/schema.js';

import { localeLoaders as loaders } from './chunks.js';

// Per target locale in lit-localize.json (see chunks.ts): the buttons' few texts, loaded with
// the buttons, and all texts, loaded with the dialog (scripts/split-locales.ts makes the first).
type Target = keyof typeof loaders;
type Templates = Record<string, unknown>;

let controls: ReturnType<typeof configureLocalization> | undefined;
/** The templates object Lit reads from; the dialog's texts are added to it in place. */
let active: Templates | undefined;
let dialogTextsWanted = false;

async function loadTexts(locale: Target): Promise<{ templates: Templates }> {
  const mod = await (dialogTextsWanted ? loaders[locale].all() : loaders[locale].buttons());
  active = { ...mod.templates };
  return { templates: active };
}

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
    loadLocale: (locale) => loadTexts(locale as Target) as ReturnType<Parameters<typeof configureLocalization>[0]['loadLocale']>,
  });
  return controls;
}

export function setWidgetLocale(locale: Locale): Promise<void> {
  return localization().setLocale(locale);
}

/** Adds the dialog's texts for the current locale; the dialog waits for this before it renders. */
export async function loadDialogTexts(): Promise<void> {
  dialogTextsWanted = true;
  const locale = currentLocale();
  if (locale === sourceLocale || !active) return;
  const target = active;
  Object.assign(target, (await loaders[locale as Target].all()).templates);
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
