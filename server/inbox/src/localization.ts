/**
 * The inbox's texts: Korean in the code (source locale), English loaded when chosen. Its own
 * lit-localize configuration (server/inbox/lit-localize.json, locales/inbox/*.xlf) keeps these
 * texts out of the widget's bundles. The choice is remembered in this browser.
 */
import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

export type InboxLocale = typeof sourceLocale | (typeof targetLocales)[number];
export const LOCALES: readonly InboxLocale[] = [sourceLocale, ...targetLocales];
const STORAGE_KEY = 'inbox.locale';

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: () => import('./generated/locales/en.js'),
});

export { getLocale };

export function savedLocale(): InboxLocale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as InboxLocale;
  } catch {
    // Storage may be off; Korean it is.
  }
  return sourceLocale;
}

export async function useLocale(locale: InboxLocale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, still applied.
  }
  document.documentElement.lang = locale;
  await setLocale(locale);
}
