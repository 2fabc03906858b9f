import type { msg as litMsg, str as litStr } from '@lit/localize';

/**
 * The widget's own msg() and str, typed as @lit/localize's (by those types lit-localize
 * extracts the texts) and reading the widget's own templates. Every message has an explicit
 * id (test/i18n/messages.test.ts), so a text is looked up by its id: none of lit-localize's
 * runtime (its id hashing, its page-wide configuration) is needed. That configuration belongs
 * to the host page: an application that localizes itself with @lit/localize keeps it, and the
 * widget keeps its language.
 */

/** What str`…` makes; generated modules write a translation's values as the indexes of the source's. */
interface StrResult<V> {
  strTag: true;
  strings: readonly string[];
  values: V[];
}
export type Templates = Record<string, string | StrResult<number>>;

let templates: Templates | undefined;

const join = (strings: readonly string[], values: readonly unknown[], order?: readonly number[]) =>
  strings.reduce((text, part, i) => text + String(values[order ? order[i - 1] : i - 1]) + part);

export const str = ((strings: TemplateStringsArray, ...values: unknown[]): StrResult<unknown> => ({ strTag: true, strings, values })) as unknown as typeof litStr;

/** The translation of `template` by its id, or the Korean source text. */
export const msg = ((template: string | StrResult<unknown>, options?: { id?: string }): string => {
  const localized = options?.id === undefined ? undefined : templates?.[options.id];
  const source = typeof template === 'string' ? undefined : template;
  if (typeof localized === 'string') return localized;
  if (localized) return join(localized.strings, source?.values ?? [], localized.values);
  return source ? join(source.strings, source.values) : (template as string);
}) as unknown as typeof litMsg;

/** The texts msg() reads from now on (undefined: the Korean source texts). */
export function useTemplates(next: Templates | undefined): void {
  templates = next;
}
