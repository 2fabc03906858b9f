import type { msg as litMsg } from '@lit/localize';

export { str } from '@lit/localize/internal/str-tag.js';

/**
 * The widget's own msg(), with @lit/localize's type (by which lit-localize extracts the
 * texts) and its own lookup of the widget's templates. It is never installed into
 * @lit/localize, which can be configured once per page: a host application that localizes
 * itself with @lit/localize keeps its configuration, and the widget keeps its language.
 * Every message has an explicit id (a test checks), so no id is ever derived from the text,
 * and the hashing that would take is not shipped.
 */
type StrResult = { strTag: true; strings: readonly string[]; values: readonly unknown[] };
type Localized = string | { strTag: true; strings: readonly string[]; values: readonly number[] };

let templates: Record<string, Localized> | undefined;

const join = (strings: readonly string[], values: readonly unknown[], order?: readonly number[]) =>
  strings.reduce((text, part, i) => text + String(values[order ? order[i - 1] : i - 1]) + part);

export const msg = ((template: string | StrResult, options?: { id?: string }) => {
  const localized = options?.id === undefined ? undefined : templates?.[options.id];
  if (typeof template === 'string') return typeof localized === 'string' ? localized : template;
  // A translation of str`…${x}…` holds ${0}, ${1}…: the index of each source value, as
  // translators may move them.
  return localized && typeof localized !== 'string'
    ? join(localized.strings, template.values, localized.values)
    : join(template.strings, template.values);
}) as typeof litMsg;

/** The texts msg() reads from now on (undefined: the Korean source texts). */
export function useTemplates(next: Record<string, unknown> | undefined): void {
  templates = next as typeof templates;
}
