import type { WidgetConfigInput } from './schema.js';
import type { ConfigProblem } from './check.js';
import { FORM_PRESETS } from './constants.js';

/** Whether open(id) has a form to show; the buttons need only this, not the presets themselves. */
export function hasForm(config: Partial<WidgetConfigInput>, id: string): boolean {
  return (FORM_PRESETS as readonly string[]).includes(id) || !!config.forms?.some((f) => f.id === id);
}

/**
 * Leaves out a form button whose form does not exist (a typo in its id): it would show, and a
 * patient's tap would open nothing. Answers the problems, for the one console error, named by
 * the button's place in the list as given (the check may have dropped others before it).
 */
export function dropButtonsWithoutForm(config: Partial<WidgetConfigInput>, given: { buttons?: unknown }): ConfigProblem[] {
  const formless = (b: unknown): b is { form: string } => {
    const { type, form } = (b ?? {}) as Record<string, unknown>;
    return type === 'form' && typeof form === 'string' && !hasForm(config, form);
  };
  if (config.buttons) config.buttons = config.buttons.filter((b) => !formless(b));
  return (Array.isArray(given.buttons) ? given.buttons : []).flatMap((b, i) =>
    formless(b) ? [{ setting: `buttons.${i}.form`, expects: `${FORM_PRESETS.join(', ')} or the id of one of "forms"`, got: b.form }] : [],
  );
}
