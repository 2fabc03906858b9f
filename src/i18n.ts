import type { msg as litMsg } from '@lit/localize';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { TemplateMap } from '@lit/localize/internal/types.js';

export { str } from '@lit/localize';

/**
 * The widget's own msg(): @lit/localize's runtime lookup (and its type, by which lit-localize
 * extracts the texts), reading the widget's own templates. It is never installed into
 * @lit/localize, which can be configured once per page: a host application that localizes
 * itself with @lit/localize keeps its configuration, and the widget keeps its language.
 */
let templates: TemplateMap | undefined;

export const msg = ((template: Parameters<typeof litMsg>[0], options?: Parameters<typeof litMsg>[1]) =>
  runtimeMsg(templates, template, options)) as typeof litMsg;

/** The texts msg() reads from now on (undefined: the Korean source texts). */
export function useTemplates(next: TemplateMap | undefined): void {
  templates = next;
}
