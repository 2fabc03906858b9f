/**
 * Intl formatters, made once per language. Making one is slow (the engine loads the
 * language's data): at 4x CPU slowdown two of them took about 100 ms of a patient's tap on a
 * form, so they are kept, and made ahead when the dialog's code arrives (warmFormats).
 */
const lists = new Map<string, Intl.ListFormat>();
const units = new Map<string, Intl.NumberFormat>();

/** "A, B and C" in the language (conjunction). */
export function formatList(locale: string, items: readonly string[]): string {
  let format = lists.get(locale);
  if (!format) lists.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return format.format(items);
}

/**
 * "3 years" / "6 months" in the language, spelled out. Japanese, Chinese and Korean write the
 * number and its counter together ("1年", "6か月", "1년"), but CLDR's long Japanese pattern has a
 * space ("1 年", "6 か月"), which reads as a typo there: it is taken out for those languages.
 */
export function formatDuration(locale: string, value: number, unit: 'year' | 'month'): string {
  const key = `${locale} ${unit}`;
  let format = units.get(key);
  if (!format) units.set(key, (format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' })));
  const text = format.format(value);
  return /^(ja|zh|ko)\b/.test(locale) ? text.replace(/(\d)\s+/g, '$1') : text;
}

/** Makes the formatters a form's notices use, so the first tap does not wait for them. */
export function warmFormats(locale: string): void {
  formatList(locale, []);
  formatDuration(locale, 1, 'year');
  formatDuration(locale, 1, 'month');
}
