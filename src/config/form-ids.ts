import type { WidgetConfig } from './schema.js';
import type { ConfigProblem } from './check.js';
import { FORM_PRESETS } from './constants.js';

/** Whether open(id) has a form to show; the buttons need only this, not the presets themselves. */
export function hasForm(config: Partial<WidgetConfig>, id: string): boolean {
  return (FORM_PRESETS as readonly string[]).includes(id) || !!config.forms?.some((f) => f.id === id);
}

/**
 * Leaves out a form button whose form does not exist (a typo in its id): it would show, and a
 * patient's tap would open nothing. Answers the problems, for the one console error.
 */
export function dropButtonsWithoutForm(config: Partial<WidgetConfig>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!config.buttons) return problems;
  config.buttons = config.buttons.filter((button, i) => {
    if (typeof button !== 'object' || button.type !== 'form' || hasForm(config, button.form)) return true;
    problems.push({ setting: `buttons.${i}.form`, expects: `${FORM_PRESETS.join(', ')} or the id of one of "forms"`, got: button.form });
    return false;
  });
  return problems;
}
