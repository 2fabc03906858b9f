/**
 * The package entry for bundler users: registers <consult-widget> (guarded) and exports the
 * element, its types, the events and the shared schemas. Place <consult-widget endpoint="…">
 * yourself; nothing is mounted for you.
 */
import { defineElements } from './define.js';

defineElements();

export { ConsultWidget } from './components/widget/widget.js';
export type { ConsultDialog } from './components/dialog/dialog.js';
export { defineElements } from './define.js';
export * from './events.js';
export * from './schema/index.js';
export { ConfigSchema, type WidgetConfig, type FormConfig, type FieldConfig, type ButtonConfig, type PolicyConfig, type ThemeConfig } from './config/schema.js';
export { checkConfig, describeProblems, type ConfigProblem } from './config/check.js';
export type { ConsultWidgetApi } from './api.js';
