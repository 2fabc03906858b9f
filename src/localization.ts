import { sourceLocale } from './generated/locale-codes.js';
import { LOCALES } from './config/constants.js';
import type { Locale } from './config/schema.js';
import { loadSourceDialogTexts, localeLoaders as loaders } from './chunks.js';
import { useTemplates, type Templates } from './i18n.js';

// Per target locale in lit-localize.json (see chunks.ts), two modules split by namespace
// (scripts/split-locales.ts): the buttons' few texts (widget.*), loaded with the buttons, and
// the dialog's (every other namespace), loaded with the dialog and added to the first.
// Korean is the source locale: the buttons' Korean texts ship inside the code, the dialog's
// load with it like any language's (ko.dialog), so other languages' visitors never download
// them. The widget's localization is its own (see i18n.ts), not @lit/localize's page-wide
// configuration, which belongs to the host page.
type Target = keyof typeof loaders;

let active: string = sourceLocale;
let wanted: string = sourceLocale;
let pending: Promise<void> = Promise.resolve();
/** The templates msg() reads from; the dialog's texts are added to it in place. */
let templates: Templates | undefined;
let dialogTextsWanted = false;
/** The language whose dialog texts are in `templates`, if any. */
let withDialogTexts: string | undefined;
const listeners = new Set<() => void>();

/** Calls `listener` whenever the texts change; returns the unsubscribe. */
export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((listener) => listener());

/**
 * A language's texts: the buttons', and the dialog's too when it has been asked for. Korean's
 * buttons' texts are in the code (undefined: msg() reads the source), its dialog's load (the
 * script-tag build takes them out of the dialog's code, see chunks.ts).
 */
async function textsOf(locale: string, withDialog: boolean): Promise<Templates | undefined> {
  if (locale === sourceLocale) return withDialog ? { ...(await loadSourceDialogTexts()).templates } : undefined;
  const [buttons, dialog] = await Promise.all([loaders[locale as Target].buttons(), withDialog ? loaders[locale as Target].dialog() : undefined]);
  return { ...buttons.templates, ...dialog?.templates };
}

export function setWidgetLocale(locale: Locale): Promise<void> {
  if (locale === wanted) return pending;
  wanted = locale;
  pending = (async () => {
    let next: Templates | undefined;
    try {
      next = await textsOf(locale, dialogTextsWanted);
    } catch (error) {
      // Not in (the connection dropped): asking again later must download again, so this
      // language is no longer the one on its way.
      if (wanted === locale) wanted = active;
      throw error;
    }
    // A later call decided in the meantime.
    if (wanted !== locale) return;
    templates = next;
    useTemplates(next);
    active = locale;
    withDialogTexts = dialogTextsWanted ? locale : undefined;
    changed();
  })();
  return pending;
}

/** Adds the dialog's texts for the current locale; the dialog waits for this before it renders. */
export async function loadDialogTexts(): Promise<void> {
  dialogTextsWanted = true;
  // A language that failed to load was reported where it was asked for (LocaleController).
  await pending.catch(() => undefined);
  const locale = active;
  // Already in: nothing changes, so nothing renders again (this runs on every opening).
  if (withDialogTexts === locale) return;
  const dialog = (await (locale === sourceLocale ? loadSourceDialogTexts() : loaders[locale as Target].dialog())).templates;
  // The language changed while they loaded: setWidgetLocale() brings the new one's.
  if (active !== locale) return;
  if (templates) Object.assign(templates, dialog);
  else useTemplates((templates = { ...dialog }));
  withDialogTexts = locale;
  changed();
}

/**
 * Our language for a language tag, if it is one: tags are case-insensitive (BCP 47) and count
 * by their primary subtag, so EN → en and zh-CN, zh-Hans, zh_TW → zh; fr-FR → undefined.
 */
export function ourLocale(tag: unknown): Locale | undefined {
  const primary = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/, 1)[0] : undefined;
  return LOCALES.find((locale) => locale === primary);
}

/**
 * The language of the texts: the explicit setting wins; then the page's own <html lang> when
 * it is one of ours; then the first of the browser's languages that is; then Korean, the
 * clinics' own language. A tag counts as ourLocale() reads it.
 */
export function pickLocale(setting: Locale | undefined, htmlLang: string | null | undefined, browserLanguages: readonly string[] = navigator.languages): Locale {
  return setting ?? [htmlLang, ...browserLanguages].map(ourLocale).find(Boolean) ?? 'ko';
}

/** The locale the texts are in right now (Korean until another has been set). */
export function currentLocale(): string {
  return active;
}
