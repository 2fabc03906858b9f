import { sourceLocale } from './generated/locale-codes.js';
import { LOCALES } from './config/constants.js';
import type { Locale } from './config/schema.js';
import { localeLoaders as loaders } from './chunks.js';
import { useTemplates } from './i18n.js';

// Per target locale in lit-localize.json (see chunks.ts), two modules split by namespace
// (scripts/split-locales.ts): the buttons' few texts (widget.*), loaded with the buttons, and
// the dialog's (every other namespace), loaded with the dialog and added to the first.
// Korean is the source locale and ships inside the code, so Korean visitors download no
// translation at all. The widget's localization is its own (see i18n.ts), not @lit/localize's
// page-wide configuration, which belongs to the host page.
type Target = keyof typeof loaders;
type Templates = Record<string, unknown>;

let active: string = sourceLocale;
let wanted: string = sourceLocale;
let pending: Promise<void> = Promise.resolve();
/** The templates msg() reads from; the dialog's texts are added to it in place. */
let templates: Templates | undefined;
let dialogTextsWanted = false;
const listeners = new Set<() => void>();

/** Calls `listener` whenever the texts change; returns the unsubscribe. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((listener) => listener());

/** A language's texts: the buttons', and the dialog's too when it has been asked for. */
async function textsOf(locale: Target, withDialog: boolean): Promise<Templates> {
  const [buttons, dialog] = await Promise.all([loaders[locale].buttons(), withDialog ? loaders[locale].dialog() : undefined]);
  return { ...buttons.templates, ...dialog?.templates };
}

export function setWidgetLocale(locale: Locale): Promise<void> {
  if (locale === wanted) return pending;
  wanted = locale;
  pending = (async () => {
    const next = locale === sourceLocale ? undefined : await textsOf(locale as Target, dialogTextsWanted);
    // A later call decided in the meantime.
    if (wanted !== locale) return;
    templates = next;
    useTemplates(next as Parameters<typeof useTemplates>[0]);
    active = locale;
    changed();
  })();
  return pending;
}

/** Adds the dialog's texts for the current locale; the dialog waits for this before it renders. */
export async function loadDialogTexts(): Promise<void> {
  dialogTextsWanted = true;
  await pending;
  const locale = active;
  if (locale === sourceLocale || !templates) return;
  const target = templates;
  Object.assign(target, (await loaders[locale as Target].dialog()).templates);
  changed();
}

/**
 * The language of the texts: the explicit setting wins; then the page's own <html lang> when
 * it is one of ours; then the first of the browser's languages that is; then Korean, the
 * clinics' own language. A tag counts by its primary subtag: zh-CN, zh-Hans, zh-TW → zh.
 */
export function pickLocale(setting: Locale | undefined, htmlLang: string | null | undefined, browserLanguages: readonly string[] = navigator.languages): Locale {
  const ours = [htmlLang, ...browserLanguages].map((tag) => (tag ?? '').trim().toLowerCase().split(/[-_]/)[0]).find((primary) => (LOCALES as readonly string[]).includes(primary));
  return setting ?? (ours as Locale | undefined) ?? 'ko';
}

/** The locale the texts are in right now (Korean until another has been set). */
export function currentLocale(): string {
  return active;
}
