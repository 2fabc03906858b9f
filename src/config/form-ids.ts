import type { WidgetConfig } from './schema.js';
import { FORM_PRESETS } from './constants.js';

/** Whether open(id) has a form to show; the buttons need only this, not the presets themselves. */
export function hasForm(config: Partial<WidgetConfig>, id: string): boolean {
  return (FORM_PRESETS as readonly string[]).includes(id) || !!config.forms?.some((f) => f.id === id);
}
