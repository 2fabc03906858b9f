import type { WidgetConfig } from './schema.js';

export type ConfigInput = Partial<Record<keyof WidgetConfig, unknown>> & Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Later layers win, setting by setting. Objects such as theme and policy merge one level
 * deep, so configure({ theme: { brand } }) keeps the font set elsewhere; lists replace.
 * Undefined never overrides, so an absent attribute leaves the JSON block's value alone.
 */
export function mergeLayers(...layers: ReadonlyArray<ConfigInput | undefined>): ConfigInput {
  // No prototype: a "__proto__" key from page JSON becomes an unknown setting, not our prototype.
  const out = Object.create(null) as ConfigInput;
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const prev = out[key];
      out[key] = isPlainObject(prev) && isPlainObject(value) ? { ...prev, ...value } : value;
    }
  }
  return out;
}
